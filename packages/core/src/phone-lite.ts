// The browser-safe half of phone normalisation: shapes only, no numbering-plan metadata, so the
// widget stays small. The server's `normalizePhone` (phone.ts) runs this first and then checks the
// result against libphonenumber, so both agree on every Turkish shape by construction.
import { defineProblemMessages, excerpt } from './problem.js';
import type { Localized, Problem } from './problem.js';
import { err, ok } from './result.js';
import type { Result } from './result.js';

/** İYS's limit on a phone recipient: E.164 of at most 15 characters including `+` (İYS H160). */
export const PHONE_MAX_LENGTH = 15;

/** The problem codes phone normalisation returns; İYS answers H121 (invalid) and H160 (too long). */
export type PhoneProblemCode = 'phone.empty' | 'phone.invalid' | 'phone.tooLong';

const PHONE_EXPECTED: Localized = {
  en: 'a phone number, e.g. 0532 123 45 67 or +44 20 7946 0958',
  tr: 'bir telefon numarası, ör. 0532 123 45 67 ya da +44 20 7946 0958',
};
const IYS_CODES: Partial<Record<PhoneProblemCode, string>> = {
  'phone.invalid': 'H121',
  'phone.tooLong': 'H160',
};

/** Builds a phone problem for `input`, carrying İYS's matching error code in `params.iysCode`. */
export function phoneProblem(code: PhoneProblemCode, input: string): Problem {
  const iysCode = IYS_CODES[code];
  const expected: Localized =
    code === 'phone.tooLong'
      ? {
          en: `a phone number of at most ${PHONE_MAX_LENGTH} characters in E.164 form`,
          tr: `E.164 biçiminde en çok ${PHONE_MAX_LENGTH} karakterlik bir telefon numarası`,
        }
      : PHONE_EXPECTED;
  return {
    code,
    path: [],
    expected,
    received: excerpt(input),
    ...(iysCode
      ? { params: code === 'phone.tooLong' ? { iysCode, max: PHONE_MAX_LENGTH } : { iysCode } }
      : {}),
  };
}

// What people type between digits: any Unicode space (NBSP, narrow NBSP…), brackets, dots,
// slashes, and hyphens including the typographic dashes and minus sign a word processor makes.
const SEPARATORS = /[\s()./\-\u2010-\u2015\u2212]/gu;
// E.164 allows 15 digits, but İYS counts the `+` in its 15 characters, so 14 digits at most.
const MAX_DIGITS = PHONE_MAX_LENGTH - 1;
// The shortest numbers in service (e.g. Niue, +683 4002) have 7 digits with the country code.
const MIN_DIGITS = 7;

/**
 * Turkish-first phone normalisation for the browser: `0532 123 45 67`, `+90 (532) 123-4567`,
 * `0090…`, `90…`, `5321234567` → `+905321234567`; other `+`/`00` numbers → `+digits`. It checks
 * shapes and lengths only; the server's `normalizePhone` is the authority on validity.
 */
export function normalizePhoneLite(input: string): Result<string, Problem> {
  const compact = input.replace(SEPARATORS, '');
  if (compact === '') return err(phoneProblem('phone.empty', input));
  const match = /^(\+|00)?(\d+)$/.exec(compact);
  const digits = match?.[2];
  if (match === null || digits === undefined) return err(phoneProblem('phone.invalid', input));

  let international: string;
  if (match[1] !== undefined) international = digits;
  else if (/^90\d{10}$/.test(digits)) international = digits;
  else if (/^0\d{10}$/.test(digits)) international = `90${digits.slice(1)}`;
  // A bare 10-digit number is Turkish only when it starts like a landline (2–4) or mobile (5):
  // anything else is more likely a truncated `90…` than a Turkish number.
  else if (/^[2-5]\d{9}$/.test(digits)) international = `90${digits}`;
  else
    return err(phoneProblem(digits.length > MAX_DIGITS ? 'phone.tooLong' : 'phone.invalid', input));

  if (international.length > MAX_DIGITS) return err(phoneProblem('phone.tooLong', input));
  if (international.startsWith('90')) {
    // `+90 (0532) …` repeats the trunk prefix after the country code; drop it as libphonenumber does.
    const national = international.slice(2).replace(/^0(?=\d{10}$)/, '');
    // Turkish national significant numbers of personal lines have 10 digits and never start 0 or 1.
    return /^[2-9]\d{9}$/.test(national)
      ? ok(`+90${national}`)
      : err(phoneProblem('phone.invalid', input));
  }
  return international.length >= MIN_DIGITS && /^[1-9]/.test(international)
    ? ok(`+${international}`)
    : err(phoneProblem('phone.invalid', input));
}

defineProblemMessages({
  'phone.empty': {
    tr: () => 'telefon numarası boş; beklenen ör. 0532 123 45 67',
    en: () => 'the phone number is empty; expected e.g. 0532 123 45 67',
  },
  'phone.invalid': {
    tr: (p) =>
      `geçerli bir telefon numarası değil; beklenen ör. 0532 123 45 67 ya da yurt dışı için +44 20 7946 0958, gelen ${p.received}`,
    en: (p) =>
      `not a valid phone number; expected e.g. 0532 123 45 67, or +44 20 7946 0958 abroad, received ${p.received}`,
  },
  'phone.tooLong': {
    tr: (p) =>
      `telefon numarası çok uzun; E.164 biçiminde en fazla ${PHONE_MAX_LENGTH} karakter olabilir, gelen ${p.received}`,
    en: (p) =>
      `the phone number is too long; E.164 allows at most ${PHONE_MAX_LENGTH} characters, received ${p.received}`,
  },
});
