// Verified consent per site and channel (docs/verification.md): which channels wait for the
// address's owner to confirm, how long codes and held permissions live, and the message texts.
// Browser-safe: the widget reads the public part to know when to offer "Kodu gönder".
import { z } from 'zod';
import { Channel } from './enums.js';
import { SupportedLocale } from './notice.js';
import { expecting } from './problem.js';

/** How a channel is verified: not at all, by a code typed into the widget, or by a link. */
export const VerificationMethod = z.enum(['none', 'code', 'link'], {
  error: expecting({ en: '"none", "code" or "link"', tr: '"none", "code" ya da "link"' }),
});
export type VerificationMethod = z.infer<typeof VerificationMethod>;

/** A method that holds a permission until confirmed. */
export type HeldMethod = Exclude<VerificationMethod, 'none'>;

const whole = (min: number, max: number, unit: { en: string; tr: string }) => {
  const error = expecting({
    en: `a whole number of ${unit.en} from ${min} to ${max}`,
    tr: `${min} ile ${max} arasında, tam sayı olarak ${unit.tr}`,
  });
  return z.int({ error }).min(min, { error }).max(max, { error });
};

/** The texts of one locale; `{brand}`, `{code}`, `{link}` and `{minutes}` are filled in. */
export const VerificationTexts = z.strictObject({
  sms: z.string().trim().min(1).max(320).optional(),
  emailSubject: z.string().trim().min(1).max(200).optional(),
  emailText: z.string().trim().min(1).max(4000).optional(),
});
export type VerificationTexts = z.infer<typeof VerificationTexts>;

/** A site's verification policy (absent: no channel is verified, as before). */
export const VerificationPolicy = z
  .strictObject({
    channels: z
      .partialRecord(Channel, VerificationMethod)
      .default({})
      .meta({ description: 'none, code or link per offered channel; absent means none.' }),
    holdHours: whole(1, 720, { en: 'hours', tr: 'saat' })
      .default(72)
      .meta({ description: 'An unconfirmed permission expires, unsent, after this many hours.' }),
    codeMinutes: whole(1, 15, { en: 'minutes', tr: 'dakika' })
      .default(3)
      .meta({ description: 'How long a code may be typed in.' }),
    maxSends: whole(1, 5, { en: 'sends', tr: 'gönderim' })
      .default(3)
      .meta({ description: 'Codes or links sent per verification, the first included.' }),
    messages: z
      .partialRecord(SupportedLocale, VerificationTexts)
      .default({})
      .meta({ description: 'Message texts per locale; built-in texts where absent.' }),
  })
  .default({ channels: {}, holdHours: 72, codeMinutes: 3, maxSends: 3, messages: {} });
export type VerificationPolicy = z.infer<typeof VerificationPolicy>;

/** The verification method of `channel` under `policy` (`none` when absent). */
export function verificationOf(
  policy: Pick<VerificationPolicy, 'channels'> | undefined,
  channel: Channel,
): VerificationMethod {
  return policy?.channels[channel] ?? 'none';
}

/** The part of the policy the widget needs: which channels ask for a code, and a code's limits. */
export const PublicVerification = z.strictObject({
  channels: z.partialRecord(Channel, VerificationMethod),
  codeMinutes: z.int(),
  maxSends: z.int(),
});
export type PublicVerification = z.infer<typeof PublicVerification>;
