import { z } from 'zod';
import type { ProviderSource } from './enums.js';
import { Channel, RecipientType, addressKindOf } from './enums.js';
import { Slug, SupportedLocale } from './notice.js';
import { typedEmail, typedPhone } from './capture.js';
import { customIssue, defineProblemMessages, expecting } from './problem.js';
import type { Problem } from './problem.js';
import type { Result } from './result.js';
import { SiteKey } from './site-config-shape.js';
import { validateWith } from './validate-with.js';

/**
 * The person whose consent is withdrawn, by address as typed (any common form); the server
 * normalises them to E.164 and İYS's e-mail rule, as it does for captures.
 */
export const WithdrawalRecipient = z
  .strictObject({
    phone: typedPhone({ en: 'a phone number', tr: 'bir telefon numarası' }),
    email: typedEmail({ en: 'an e-mail address', tr: 'bir e-posta adresi' }),
  })
  .refine((r) => r.phone !== undefined || r.email !== undefined, {
    error: expecting({
      en: 'a phone number, an e-mail address or both',
      tr: 'bir telefon numarası, bir e-posta adresi ya da ikisi',
    }),
    params: { code: 'withdrawal.noRecipient' },
  });
export type WithdrawalRecipient = z.infer<typeof WithdrawalRecipient>;

/**
 * How a withdrawal reached the site owner, and the İYS source it is sent with: an operator's
 * back office is an electronic medium (HS_EORTAM); a call centre is HS_CAGRI_MERKEZI; and so on.
 */
export const WITHDRAWAL_SOURCES = {
  admin: 'HS_EORTAM',
  'call-centre': 'HS_CAGRI_MERKEZI',
  email: 'HS_EPOSTA',
  sms: 'HS_MESAJ',
  web: 'HS_WEB',
  mobile: 'HS_MOBIL',
  'social-media': 'HS_SOSYAL_MEDYA',
  'in-person': 'HS_FIZIKSEL_ORTAM',
  'wet-signature': 'HS_ISLAK_IMZA',
} as const satisfies Record<string, ProviderSource>;
export const WithdrawalVia = z.enum(
  Object.keys(WITHDRAWAL_SOURCES) as [keyof typeof WITHDRAWAL_SOURCES],
);
export type WithdrawalVia = z.infer<typeof WithdrawalVia>;

const channelList = z
  .array(Channel)
  .max(3)
  .refine((list) => new Set(list).size === list.length, {
    error: expecting({ en: 'each channel once', tr: 'her kanal bir kez' }),
    params: { code: 'withdrawal.duplicateChannel' },
  });

// A channel withdrawn needs the address it covers (A3): MESAJ and ARAMA a phone, EPOSTA an e-mail.
function checkAddresses(
  value: { recipient: WithdrawalRecipient; channels?: Channel[] | undefined },
  ctx: z.RefinementCtx,
): void {
  for (const channel of value.channels ?? []) {
    const kind = addressKindOf(channel);
    if (value.recipient[kind] === undefined) {
      const expected =
        kind === 'email'
          ? {
              en: `an e-mail address, because ${channel} is withdrawn`,
              tr: `${channel} geri alındığı için bir e-posta adresi`,
            }
          : {
              en: `a phone number, because ${channel} is withdrawn`,
              tr: `${channel} geri alındığı için bir telefon numarası`,
            };
      ctx.addIssue(
        customIssue({
          code: 'withdrawal.addressMissing',
          path: ['recipient', kind],
          expected,
          params: { rule: 'A3', channel },
        }),
      );
    }
  }
}

/**
 * What `POST /v1/admin/withdrawals` takes: the recipient, the İYS channels to refuse and the KVKK
 * purposes to withdraw (B7: nothing is granted). `id` makes retries idempotent, as for captures.
 */
export const Withdrawal = z
  .strictObject({
    id: z
      .uuid({
        error: expecting({
          en: 'a UUID that makes retries idempotent, e.g. from crypto.randomUUID()',
          tr: 'yeniden denemeleri tekrarsız kılan bir UUID, ör. crypto.randomUUID() ile',
        }),
      })
      .optional(),
    siteKey: SiteKey,
    recipient: WithdrawalRecipient,
    recipientType: RecipientType.default('BIREYSEL'),
    channels: channelList.default([]).meta({ description: 'İYS channels to refuse (RET).' }),
    purposes: z
      .array(Slug)
      .max(50)
      .default([])
      .meta({ description: 'KVKK purposes (by id) whose açık rıza is withdrawn.' }),
    via: WithdrawalVia.default('admin').meta({
      description:
        'How the person asked: admin (HS_EORTAM), call-centre (HS_CAGRI_MERKEZI), email, sms, web, mobile, social-media, in-person, wet-signature.',
    }),
    locale: SupportedLocale.default('tr'),
  })
  .superRefine((value, ctx) => {
    if (value.channels.length === 0 && value.purposes.length === 0) {
      ctx.addIssue(
        customIssue({
          code: 'withdrawal.nothing',
          path: ['channels'],
          expected: {
            en: 'at least one channel or one purpose to withdraw',
            tr: 'geri alınacak en az bir kanal ya da bir amaç',
          },
        }),
      );
    }
    checkAddresses(value, ctx);
  });
export type Withdrawal = z.infer<typeof Withdrawal>;
export type WithdrawalInput = z.input<typeof Withdrawal>;

const DAYS_EXPECTED = expecting({
  en: 'a whole number of days from 1 to 365',
  tr: '1 ile 365 arasında, tam sayı olarak gün',
});

/** What `POST /v1/admin/withdrawal-links` takes: whose link, for which channels, valid how long. */
export const WithdrawalLinkRequest = z
  .strictObject({
    siteKey: SiteKey,
    recipient: WithdrawalRecipient,
    recipientType: RecipientType.default('BIREYSEL'),
    channels: channelList.optional().meta({
      description: 'Default: every channel the site offers that the recipient has an address for.',
    }),
    expiresInDays: z
      .int({ error: DAYS_EXPECTED })
      .min(1, { error: DAYS_EXPECTED })
      .max(365, { error: DAYS_EXPECTED })
      .default(90),
  })
  .superRefine(checkAddresses);
export type WithdrawalLinkRequest = z.infer<typeof WithdrawalLinkRequest>;

/** Validates a `POST /v1/admin/withdrawals` body. */
export function validateWithdrawal(input: unknown): Result<Withdrawal, Problem[]> {
  return validateWith(Withdrawal, input);
}

/** Validates a `POST /v1/admin/withdrawal-links` body. */
export function validateWithdrawalLinkRequest(
  input: unknown,
): Result<WithdrawalLinkRequest, Problem[]> {
  return validateWith(WithdrawalLinkRequest, input);
}

defineProblemMessages({
  'withdrawal.noRecipient': {
    tr: (p) =>
      `bir telefon numarası, bir e-posta adresi ya da ikisi gereklidir; gelen ${p.received}`,
    en: (p) => `a phone number, an e-mail address or both is required; received ${p.received}`,
  },
  'withdrawal.addressMissing': {
    tr: (p) =>
      `${p.params?.channel} geri alındığı için ${p.params?.channel === 'EPOSTA' ? 'bir e-posta adresi' : 'bir telefon numarası'} gereklidir (A3); gelen ${p.received}`,
    en: (p) =>
      `${p.params?.channel} is withdrawn, so ${p.params?.channel === 'EPOSTA' ? 'an e-mail address' : 'a phone number'} is required (A3); received ${p.received}`,
  },
  'withdrawal.nothing': {
    tr: (p) => `geri alınacak en az bir kanal ya da amaç gereklidir; gelen ${p.received}`,
    en: (p) => `at least one channel or purpose to withdraw is required; received ${p.received}`,
  },
  'withdrawal.duplicateChannel': {
    tr: (p) => `her kanal bir kez listelenmelidir; gelen ${p.received}`,
    en: (p) => `each channel must be listed once; received ${p.received}`,
  },
});
