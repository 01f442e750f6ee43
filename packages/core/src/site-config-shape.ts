import { z } from 'zod';
import { Channel, RecipientType } from './enums.js';
import { Notice, Slug, SupportedLocale } from './notice.js';
import { Purpose, PRE_TICK_EXPECTED, mustBeFalse } from './site-config-purpose.js';

/** A site's public key, as the script tag carries it: URL-safe, 16–128 characters. */
export const SiteKey = z.string().regex(/^[A-Za-z0-9_-]{16,128}$/, {
  error: 'a site key of 16–128 URL-safe characters (A–Z, a–z, 0–9, _ and -)',
});
export type SiteKey = z.infer<typeof SiteKey>;

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);
const ORIGIN_EXPECTED =
  'an exact origin https://host[:port] with no path or trailing slash (http:// only for localhost)';

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
      ctx.addIssue({
        code: 'custom',
        message: fault.suggestion
          ? `${ORIGIN_EXPECTED}, e.g. ${fault.suggestion}`
          : ORIGIN_EXPECTED,
        params: { code: 'config.originInvalid', ...fault },
      });
    }
  })
  // A hint for editors only; the refinement above is the real check.
  .meta({
    pattern: '^(https://[^/?#\\s]+|http://(localhost|127\\.0\\.0\\.1|\\[::1\\])(:[0-9]+)?)$',
    examples: ['https://www.ornek.com.tr', 'http://localhost:8787'],
  });

/** The İYS account and brand that permissions are registered under (IYS.md §Conventions). */
export const Brand = z.strictObject({
  iysCode: z
    .int({ error: 'a positive whole İYS code' })
    .positive({ error: 'a positive whole İYS code' }),
  brandCode: z
    .int({ error: 'a positive whole brand code (the master brand’s equals the İYS code)' })
    .positive({ error: 'a positive whole brand code' }),
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
  defaultChecked: mustBeFalse('config.preTicked', 'A5', PRE_TICK_EXPECTED).optional(),
});
export type OfferedChannel = z.infer<typeof OfferedChannel>;

/** The structure of a site config, before the cross-field COMPLIANCE rules (see `SiteConfig`). */
export const SiteConfigShape = z.strictObject({
  siteKey: SiteKey,
  name: z
    .string()
    .trim()
    .min(1, { error: 'a non-empty site name' })
    .max(200, { error: 'a site name of at most 200 characters' }),
  allowedOrigins: z
    .array(AllowedOrigin)
    .min(1, { error: 'at least one allowed origin, e.g. https://www.ornek.com.tr' })
    .meta({ description: 'Exact origins that may post captures; http:// only for localhost.' }),
  brand: Brand,
  channels: z.array(OfferedChannel).meta({
    description: 'Channels offered, in display order, each at most once; may be empty.',
  }),
  recipientTypes: z
    .array(RecipientType)
    .min(1, { error: 'at least one recipient type' })
    .default(['BIREYSEL'])
    .meta({ description: 'Recipient types the form accepts (A16, A17).' }),
  purposes: z.array(Purpose).default([]).meta({
    description: 'Açık rıza choices: one purpose each (B4), never pre-ticked or required.',
  }),
  notices: z.array(Notice).min(1, { error: 'at least the aydınlatma notice' }).meta({
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
    .min(1, { error: 'at least the Turkish locale' })
    .default(['tr', 'en'])
    .meta({ description: 'Languages offered; Turkish first (the default language).' }),
  ipPolicy: IpPolicy.default('truncated').meta({
    description: 'How much IP address and user agent the proof keeps (B10).',
  }),
  retention: z
    .strictObject({
      yearsAfterEnd: z
        .int({ error: 'a whole number of years from 1 to 10' })
        .min(1, { error: 'a whole number of years from 1 to 10' })
        .max(10, { error: 'a whole number of years from 1 to 10' })
        .default(3),
    })
    .default({ yearsAfterEnd: 3 })
    .meta({
      description: 'Evidence is kept this many years after the consent ends, then purged (A14).',
    }),
  confirmationEvent: z.boolean().default(true).meta({
    description: 'Emit a consent-confirmed event for a non-promotional confirmation message (A15).',
  }),
});
