// One entry point for "the address a channel goes to", and the zod schemas stored records use.
// Server-side: it pulls in phone.ts and its libphonenumber metadata; the widget uses phone-lite.ts.
import { z } from 'zod';
import { addressKindOf } from './enums.js';
import type { Channel } from './enums.js';
import { normalizeEmail, validateIysEmail } from './email.js';
import { normalizePhone, validateE164Phone } from './phone.js';
import { customIssue, defineProblemMessages, excerpt } from './problem.js';
import type { Problem } from './problem.js';
import type { Result } from './result.js';

/**
 * Normalises an address as typed for a channel: E.164 for MESAJ and ARAMA, İYS's lower-cased
 * e-mail for EPOSTA. The result is what gets recorded and sent to İYS (A3).
 */
export function normalizeRecipient(channel: Channel, input: string): Result<string, Problem> {
  return addressKindOf(channel) === 'email' ? normalizeEmail(input) : normalizePhone(input);
}

// Adds `problem` as a zod issue that `problemsFromZod` turns back into the same code and params.
function addProblem(ctx: z.RefinementCtx, problem: Problem): void {
  ctx.addIssue(customIssue(problem));
}

/** A phone recipient as stored and sent: already valid E.164 (İYS H121/H160 otherwise). */
export const E164Phone = z.string().superRefine((text, ctx) => {
  const result = validateE164Phone(text);
  if (!result.ok) addProblem(ctx, result.error);
});

/** An e-mail recipient as stored and sent: passes İYS's rule and is already lower-cased. */
export const IysEmail = z.string().superRefine((text, ctx) => {
  const result = validateIysEmail(text);
  if (!result.ok) addProblem(ctx, result.error);
  else if (result.value !== text) {
    addProblem(ctx, {
      code: 'recipient.notNormalised',
      path: [],
      expected: {
        en: 'a lower-case e-mail address (normalise it with normalizeEmail first)',
        tr: 'küçük harfli bir e-posta adresi (önce normalizeEmail ile düzeltin)',
      },
      received: excerpt(text),
    });
  }
});

/** The stored-recipient schema for a channel: `E164Phone` or `IysEmail`. */
export function recipientSchemaFor(channel: Channel): z.ZodType<string> {
  return addressKindOf(channel) === 'email' ? IysEmail : E164Phone;
}

defineProblemMessages({
  'recipient.notNormalised': {
    tr: (p) => `kaydedilecek e-posta adresi küçük harfe çevrilmiş olmalıdır; gelen ${p.received}`,
    en: (p) => `a stored e-mail address must already be lower-case; received ${p.received}`,
  },
});
