import { z } from 'zod';
import { Channel, RecipientType } from './enums.js';
import { Notice, Slug, SupportedLocale } from './notice.js';
import { PhonePolicy } from './phone-kind.js';
import { customIssue, expecting } from './problem.js';
import { Purpose, mustBeFalse } from './site-config-purpose.js';
import { VerificationPolicy } from './site-config-verification.js';

/** A site's public key, as the script tag carries it: URL-safe, 16–128 characters. */
export const SiteKey = z.string().regex(/^[A-Za-z0-9_-]{16,128}$/, {
  error: expecting({
    en: 'a site key of 16–128 URL-safe characters (A–Z, a–z, 0–9, _ and -)',
    tr: 'URL’de güvenli 16–128 karakterlik bir site anahtarı (A–Z, a–z, 0–9, _ ve -)',
  }),
});
export type SiteKey = z.infer<typeof SiteKey>;

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);
const ORIGIN_EXPECTED = {
  en: 'an exact origin https://host[:port] with no path or trailing slash (http:// only for localhost)',
  tr: 'yol ve sondaki / olmadan tam bir köken: https://alanadi[:port] (http:// yalnızca localhost için)',
};

/** Why a string is not an exact origin we may allow, and the origin the author probably meant. */
function originFault(text: string): { suggestion?: string } | undefined {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return {};
  }
  const local = LOCAL_HOSTS.has(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && local)) {
    return url.protocol === 'http:' ? { suggestion: `https://${url.host}` } : {};
  }
  // URL lower-cases the host, drops default ports and turns IDNs into punycode: what browsers send.
  return url.origin === text ? undefined : { suggestion: url.origin };
}

/** An origin allowed to post captures, compared exactly with the browser's `Origin` header. */
export const AllowedOrigin = z
  .string()
  .superRefine((text, ctx) => {
    const fault = originFault(text);
    if (fault) {
      const expected = fault.suggestion
        ? {
            en: `${ORIGIN_EXPECTED.en}, e.g. ${fault.suggestion}`,
            tr: `${ORIGIN_EXPECTED.tr}, ör. ${fault.suggestion}`,
          }
        : ORIGIN_EXPECTED;
      ctx.addIssue(customIssue({ code: 'config.originInvalid', expected, params: fault }));
    }
  })
  // A hint for editors only; the refinement above is the real check.
  .meta({
    pattern: '^(https://[^/?#\\s]+|http://(localhost|127\\.0\\.0\\.1|\\[::1\\])(:[0-9]+)?)$',
    examples: ['https://www.ornek.com.tr', 'http://localhost:8787'],
  });

/** What an İYS code must be, wherever one is configured. */
export const IYS_CODE_EXPECTED = expecting({
  en: 'a positive whole İYS code',
  tr: 'pozitif, tam sayı bir İYS kodu',
});

/** The İYS account and brand that permissions are registered under (docs/iys.md#conventions). */
export const Brand = z.strictObject({
  iysCode: z.int({ error: IYS_CODE_EXPECTED }).positive({ error: IYS_CODE_EXPECTED }),
  brandCode: z
    .int({
      error: expecting({
        en: 'a positive whole brand code (the master brand’s equals the İYS code)',
        tr: 'pozitif, tam sayı bir marka kodu (ana markanınki İYS koduna eşittir)',
      }),
    })
    .positive({
      error: expecting({
        en: 'a positive whole brand code',
        tr: 'pozitif, tam sayı bir marka kodu',
      }),
    }),
});
export type Brand = z.infer<typeof Brand>;

/**
 * How much of the person's IP address and user agent the proof keeps (B10): `full`, `truncated`
 * (IPv4 /24, IPv6 /48; user agent kept) or `none` (neither).
 */
export const IpPolicy = z.enum(['full', 'truncated', 'none']);
export type IpPolicy = z.infer<typeof IpPolicy>;

/** A commercial-message channel the form offers, one separate box each (A4). */
export const OfferedChannel = z.strictObject({
  type: Channel,
  defaultChecked: mustBeFalse('defaultChecked', 'A5').optional(),
});
export type OfferedChannel = z.infer<typeof OfferedChannel>;

const YEARS_EXPECTED = expecting({
  en: 'a whole number of years from 1 to 10',
  tr: '1 ile 10 arasında, tam sayı olarak yıl',
});

/** The structure of a site config, before the cross-field compliance rules (see `SiteConfig`). */
export const SiteConfigShape = z.strictObject({
  siteKey: SiteKey,
  name: z
    .string()
    .trim()
    .min(1, { error: expecting({ en: 'a non-empty site name', tr: 'boş olmayan bir site adı' }) })
    .max(200, {
      error: expecting({
        en: 'a site name of at most 200 characters',
        tr: 'en çok 200 karakterlik bir site adı',
      }),
    }),
  allowedOrigins: z
    .array(AllowedOrigin)
    .min(1, {
      error: expecting({
        en: 'at least one allowed origin, e.g. https://www.ornek.com.tr',
        tr: 'izin verilen en az bir köken, ör. https://www.ornek.com.tr',
      }),
    })
    .meta({ description: 'Exact origins that may post captures; http:// only for localhost.' }),
  brand: Brand,
  channels: z.array(OfferedChannel).meta({
    description: 'Channels offered, in display order, each at most once; may be empty.',
  }),
  recipientTypes: z
    .array(RecipientType)
    .min(1, {
      error: expecting({ en: 'at least one recipient type', tr: 'en az bir alıcı tipi' }),
    })
    .default(['BIREYSEL'])
    .meta({ description: 'Recipient types the form accepts (A16, A17).' }),
  purposes: z.array(Purpose).default([]).meta({
    description: 'Açık rıza choices: one purpose each (B4), never pre-ticked or required.',
  }),
  notices: z
    .array(Notice)
    .min(1, {
      error: expecting({ en: 'at least the aydınlatma notice', tr: 'en az aydınlatma metni' }),
    })
    .meta({
      description: 'Every version of every text; the highest version per id and locale is current.',
    }),
  aydinlatmaNoticeId: Slug.meta({
    description: 'Id of the KVKK information notice (kind aydinlatma), shown in every case (B2).',
  }),
  etkNoticeId: Slug.optional().meta({
    description:
      'Id of the commercial-message consent text (kind etk); needed when channels are offered.',
  }),
  locales: z
    .array(SupportedLocale)
    .min(1, { error: expecting({ en: 'at least the Turkish locale', tr: 'en az Türkçe dili' }) })
    .default(['tr', 'en'])
    .meta({ description: 'Languages offered; Turkish first (the default language).' }),
  ipPolicy: IpPolicy.default('truncated').meta({
    description: 'How much IP address and user agent the proof keeps (B10).',
  }),
  retention: z
    .strictObject({
      yearsAfterEnd: z
        .int({ error: YEARS_EXPECTED })
        .min(1, { error: YEARS_EXPECTED })
        .max(10, { error: YEARS_EXPECTED })
        .default(3),
    })
    .default({ yearsAfterEnd: 3 })
    .meta({
      description: 'Evidence is kept this many years after the consent ends, then purged (A14).',
    }),
  phones: PhonePolicy.meta({
    description:
      'Which numbers MESAJ and ARAMA permissions may go to (mobile only for MESAJ, no foreign numbers, by default).',
  }),
  confirmationEvent: z.boolean().default(true).meta({
    description: 'Emit a consent-confirmed event for a non-promotional confirmation message (A15).',
  }),
  verification: VerificationPolicy.meta({
    description:
      'Double opt-in per channel: none, a code typed into the widget, or a link (docs/verification.md).',
  }),
});
