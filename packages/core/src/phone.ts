// Server-side phone validation, the authority. Never import this from the widget: the `max`
// metadata is large; the widget uses phone-lite.ts.
//
// Metadata choice: İYS validates with Google's libphonenumber (its TANIMLAR section links v8.12.47),
// which checks every number against the full per-type patterns of the numbering plan. Only
// libphonenumber-js's `max` set carries those patterns; `min` checks lengths alone (it would accept
// +905601234567, an unassigned Turkish range İYS refuses with H121) and `mobile` would refuse the
// landlines ARAMA may go to. Our metadata is newer than İYS's v8.12.47, so a range opened since
// 2022 may pass here and still fail at İYS; the delivery worker dead-letters those with İYS's code.
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import type { PhoneKind } from './phone-kind.js';
import type { Problem } from './problem.js';
import { PHONE_MAX_LENGTH, normalizePhoneLite, phoneProblem } from './phone-lite.js';
import { err, ok } from './result.js';
import type { Result } from './result.js';

/**
 * Normalises a phone number as people type it to E.164 (`0532 123 45 67` → `+905321234567`):
 * Turkish numbers in every common shape, foreign ones in `+`/`00` international form. Problems:
 * `phone.empty`, `phone.invalid` (İYS H121), `phone.tooLong` (İYS H160).
 */
export function normalizePhone(input: string): Result<string, Problem> {
  // Shapes come from phone-lite so the widget and the server read a Turkish number the same way.
  const shaped = normalizePhoneLite(input);
  if (!shaped.ok) return shaped;
  // Lenient parse: `+44 (0)20 …` keeps its trunk 0 through phone-lite and loses it here.
  const parsed = parsePhoneNumberFromString(shaped.value);
  if (parsed === undefined || !parsed.isValid()) return err(phoneProblem('phone.invalid', input));
  return ok(parsed.number);
}

/**
 * Accepts only text that already is a valid E.164 number, as İYS's API does: no spaces, no trunk
 * prefix, at most 15 characters. Answers with the problem whose `params.iysCode` İYS would give.
 */
export function validateE164Phone(text: string): Result<string, Problem> {
  if (recentlyValid.has(text)) return ok(text);
  if (text === '') return err(phoneProblem('phone.empty', text));
  // İYS reports H160 before H121, whatever else is wrong with the text.
  if (text.length > PHONE_MAX_LENGTH) return err(phoneProblem('phone.tooLong', text));
  if (!/^\+[1-9]\d+$/.test(text)) return err(phoneProblem('phone.invalid', text));
  const parsed = parsePhoneNumberFromString(text);
  // `number !== text` catches forms libphonenumber repairs, such as `+9005321234567`.
  if (parsed === undefined || !parsed.isValid() || parsed.number !== text) {
    return err(phoneProblem('phone.invalid', text));
  }
  remember(text);
  return ok(text);
}

// The numbers most recently found valid. A capture's number is checked again by each schema its
// record passes through (the draft, the sealed record, each movement), and the numbering-plan
// check is the costly part of all of them; the answer for a text never changes while this
// process's metadata does not.
const RECENT_MAX = 4096;
const recentlyValid = new Set<string>();

function remember(text: string): void {
  if (recentlyValid.size >= RECENT_MAX) {
    recentlyValid.delete(recentlyValid.values().next().value!);
  }
  recentlyValid.add(text);
}

/**
 * The kind of a valid E.164 number by the numbering plan (the authority behind `phoneKindLite`).
 * A foreign number the plan cannot tell apart (`FIXED_LINE_OR_MOBILE`, as in the US) counts as
 * mobile: refusing it would refuse every such country's mobiles.
 */
export function phoneKind(e164: string): PhoneKind {
  const type = parsePhoneNumberFromString(e164)?.getType();
  if (e164.startsWith('+90')) return type === 'MOBILE' ? 'mobile' : 'landline';
  return type === 'MOBILE' || type === 'FIXED_LINE_OR_MOBILE' ? 'foreign-mobile' : 'foreign';
}
