// Which phone numbers a ticked phone channel may go to, per site: a form that asks for a mobile
// number should not send a landline to İYS for text messages, and most Turkish sites do not mean
// to collect foreign numbers at all. Browser-safe (no numbering-plan metadata): the widget and the
// server share the policy and the problems; the server decides the kind with phone.ts's `phoneKind`.
import { z } from 'zod';
import type { Channel } from './enums.js';
import { defineProblemMessages, excerpt, expecting } from './problem.js';
import type { Problem } from './problem.js';

/** What a number is, as far as the phone rules care. */
export type PhoneKind = 'mobile' | 'landline' | 'foreign-mobile' | 'foreign';

/** The site's phone rules; both defaults are the strict choice. */
export const PhonePolicy = z
  .strictObject({
    mesaj: z
      .enum(['mobile', 'any'], {
        error: expecting({ en: '"mobile" or "any"', tr: '"mobile" ya da "any"' }),
      })
      .default('mobile')
      .meta({ description: 'MESAJ (SMS) permission only for mobile numbers, or for any number.' }),
    foreign: z
      .enum(['refuse', 'accept'], {
        error: expecting({ en: '"refuse" or "accept"', tr: '"refuse" ya da "accept"' }),
      })
      .default('refuse')
      .meta({
        description: 'Numbers outside Türkiye (+90) for MESAJ and ARAMA: refused or accepted.',
      }),
  })
  .default({ mesaj: 'mobile', foreign: 'refuse' });
export type PhonePolicy = z.infer<typeof PhonePolicy>;

/**
 * The kind of an E.164 number from its digits alone: every Turkish mobile range starts with 5
 * after +90. The server's `phoneKind` asks the numbering plan instead (pager ranges such as +90512
 * also start with 5), so the widget's answer is a hint and the server's is the rule.
 */
export function phoneKindLite(e164: string): PhoneKind {
  if (!e164.startsWith('+90')) return 'foreign';
  return e164.startsWith('+905') ? 'mobile' : 'landline';
}

/**
 * The problems of a number of `kind` for the ticked channels under `policy`: `phone.foreign` when
 * a phone channel is ticked for a number outside Türkiye the site refuses, `phone.notMobile` when
 * MESAJ is ticked for a number that cannot receive text messages. Unticked boxes never refuse:
 * withdrawing a permission must always be possible.
 */
export function phoneKindProblems(
  ticked: readonly Channel[],
  kind: PhoneKind,
  policy: PhonePolicy,
  received: string,
): Problem[] {
  const path = ['person', 'phone'];
  const phoneTicked = ticked.filter((c) => c !== 'EPOSTA');
  if (phoneTicked.length === 0) return [];
  const foreign = kind === 'foreign' || kind === 'foreign-mobile';
  if (foreign && policy.foreign === 'refuse') {
    return [
      {
        code: 'phone.foreign',
        path,
        expected: {
          en: 'a Turkish phone number (+90): this site does not accept numbers from other countries',
          tr: 'Türkiye’deki bir telefon numarası (+90): bu site başka ülkelerin numaralarını kabul etmiyor',
        },
        received: excerpt(received),
        params: { channels: phoneTicked.join(',') },
      },
    ];
  }
  const mobile = kind === 'mobile' || kind === 'foreign-mobile';
  if (ticked.includes('MESAJ') && !mobile && policy.mesaj === 'mobile') {
    return [
      {
        code: 'phone.notMobile',
        path,
        expected: {
          en: 'a mobile number for text-message (MESAJ) permission, e.g. 0532 123 45 67',
          tr: 'kısa mesaj (MESAJ) izni için bir cep telefonu numarası, ör. 0532 123 45 67',
        },
        received: excerpt(received),
        params: { channel: 'MESAJ' },
      },
    ];
  }
  return [];
}

defineProblemMessages({
  'phone.foreign': {
    tr: (p) =>
      `bu site yalnızca Türkiye telefon numaralarını (+90) kabul ediyor; gelen ${p.received}`,
    en: (p) => `this site accepts only Turkish phone numbers (+90); received ${p.received}`,
  },
  'phone.notMobile': {
    tr: (p) =>
      `kısa mesaj izni yalnızca cep telefonu numarası için verilebilir; gelen ${p.received}`,
    en: (p) => `text-message permission needs a mobile number; received ${p.received}`,
  },
});
