// İYS's e-mail rule (İYS API 3.2.0, TANIMLAR › İzin Türleri › E-posta, "Şartlar"); every failure
// is İYS's H120 "Alıcı (recipient) kabul edilemedi. Geçerli bir eposta adresi giriniz.":
//  1. matches İYS's regex (published only as a regex101 link, https://regex101.com/r/yEyjL3/27;
//     IYS_EMAIL_PATTERN below is rebuilt from rules 2–7);
//  2. no Turkish letters;
//  3. no special characters, e.g. {[(!'^%&/()=?,”½²³°¶)}];
//  4. at least the shape {1 character}@{2 characters}.{2 characters};
//  5. 6 to 265 characters;
//  6. `+` is allowed before the @ (provider labels, name+tag@…);
//  7. no spaces.
// Since 1.0.4 (10/09/2020) İYS also accepts `-`, `_` and `.` as the first character of the local
// part, because some providers do. İYS stores and returns every address lower-cased.
import { defineProblemMessages, excerpt } from './problem.js';
import type { Localized, Problem, ProblemText } from './problem.js';
import { err, ok } from './result.js';
import type { Result } from './result.js';

/** İYS's shortest e-mail recipient (rule 5); rule 4's shape already needs 7, so it never binds. */
export const EMAIL_MIN_LENGTH = 6;
/** İYS's longest e-mail recipient (rule 5). */
export const EMAIL_MAX_LENGTH = 265;

/**
 * İYS's e-mail shape: local part of letters, digits and `._+-`; dotted domain of letter/digit
 * labels (inner hyphens allowed); at least two characters before the last dot; a TLD of 2+ letters.
 */
export const IYS_EMAIL_PATTERN =
  /^[a-z0-9._+-]+@(?=[a-z0-9.-]{2,}\.[a-z]{2,}$)[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*\.[a-z]{2,}$/i;

/** The problem codes e-mail normalisation returns; İYS answers all of them with H120. */
export type EmailProblemCode = 'email.empty' | 'email.nonAscii' | 'email.invalid' | 'email.length';

const EMAIL_EXPECTED: Localized = {
  en: 'an e-mail address such as ad.soyad@ornek.com.tr',
  tr: 'ad.soyad@ornek.com.tr gibi bir e-posta adresi',
};

function emailProblem(
  code: EmailProblemCode,
  input: string,
  params: Record<string, string | number> = {},
): Problem {
  return {
    code,
    path: [],
    expected:
      code === 'email.length'
        ? {
            en: `an e-mail address of ${EMAIL_MIN_LENGTH}–${EMAIL_MAX_LENGTH} characters`,
            tr: `${EMAIL_MIN_LENGTH}–${EMAIL_MAX_LENGTH} karakterlik bir e-posta adresi`,
          }
        : code === 'email.nonAscii'
          ? {
              en: 'an e-mail address of ASCII characters only (no Turkish letters)',
              tr: 'yalnızca ASCII karakterlerden oluşan bir e-posta adresi (Türkçe harf olmadan)',
            }
          : EMAIL_EXPECTED,
    received: excerpt(input),
    ...(code === 'email.empty' ? {} : { params: { iysCode: 'H120', ...params } }),
  };
}

// Picks the most helpful reason for an address the pattern refused, for the message only: the
// pattern stays the single authority on what passes.
function invalidReason(text: string): Record<string, string> {
  // Only ASCII is left here, so anything outside `!`…`~` is a space or a control character.
  const space = /[^\x21-\x7e]/.exec(text);
  if (space) return { reason: 'space' };
  const at = text.split('@');
  if (at.length !== 2) return { reason: 'at' };
  const [local = '', domain = ''] = at;
  const special = /[^a-z0-9._+-]/i.exec(local) ?? /[^a-z0-9.-]/i.exec(domain);
  if (special) return { reason: 'special', char: special[0] };
  return { reason: 'shape' };
}

/**
 * İYS's H120 rule on `text` exactly as sent (no trimming): returns the lower-cased address İYS
 * would store, or the problem. `normalizeEmail` is the lenient entry point for typed input.
 */
export function validateIysEmail(text: string): Result<string, Problem> {
  if (text === '') return err(emailProblem('email.empty', text));
  // Checked before lower-casing: 'İ'.toLowerCase() is 'i' + U+0307, which would hide the letter.
  const foreign = /[\u0080-\u{10ffff}]/u.exec(text);
  if (foreign) return err(emailProblem('email.nonAscii', text, { char: foreign[0] }));
  // Before the pattern, so no regex ever runs on a huge input.
  if (text.length > EMAIL_MAX_LENGTH) {
    return err(emailProblem('email.length', text, { length: text.length }));
  }
  if (!IYS_EMAIL_PATTERN.test(text))
    return err(emailProblem('email.invalid', text, invalidReason(text)));
  return ok(text.toLowerCase());
}

/**
 * Normalises an e-mail address as typed: trims it, applies İYS's rule, lower-cases it. Problems:
 * `email.empty`, `email.nonAscii`, `email.invalid`, `email.length` (all İYS H120).
 */
export function normalizeEmail(input: string): Result<string, Problem> {
  const result = validateIysEmail(input.trim());
  // Report the input as typed, so the excerpt shows what the person actually entered.
  return result.ok ? result : err({ ...result.error, received: excerpt(input) });
}

// The words of each reason `invalidReason` gives; a problem that names none gets `shape`'s.
const REASONS: Record<string, Localized> = {
  space: { en: 'must not contain spaces', tr: 'boşluk içeremez' },
  at: { en: 'must contain exactly one @', tr: 'tek bir @ işareti içermelidir' },
  special: { en: 'must not contain special characters', tr: 'özel karakter içeremez' },
  shape: { en: 'must have at least the shape x@xx.xx', tr: 'en az x@xx.xx biçiminde olmalıdır' },
};
const reasonOf = (p: ProblemText): Localized => REASONS[String(p.params?.reason)] ?? REASONS.shape!;
const charOf = (p: ProblemText): string =>
  p.params?.char === undefined ? '' : ` (${p.params.char})`;

defineProblemMessages({
  'email.empty': {
    tr: () => 'e-posta adresi boş; beklenen ör. ad.soyad@ornek.com.tr',
    en: () => 'the e-mail address is empty; expected e.g. ad.soyad@ornek.com.tr',
  },
  'email.nonAscii': {
    tr: (p) =>
      `e-posta adresi yalnızca İngilizce harfler, rakamlar ve . _ - + içerebilir, Türkçe harfler (ç, ğ, ı, İ, ö, ş, ü) kullanılamaz; "${p.params?.char}" bulundu, gelen ${p.received}`,
    en: (p) =>
      `an e-mail address may only contain ASCII letters, digits and . _ - +, not Turkish letters (ç, ğ, ı, İ, ö, ş, ü); found "${p.params?.char}", received ${p.received}`,
  },
  'email.invalid': {
    tr: (p) =>
      `geçerli bir e-posta adresi değil: ${reasonOf(p).tr}${charOf(p)}; beklenen ör. ad.soyad@ornek.com.tr, gelen ${p.received}`,
    en: (p) =>
      `not a valid e-mail address: it ${reasonOf(p).en}${charOf(p)}; expected e.g. ad.soyad@ornek.com.tr, received ${p.received}`,
  },
  'email.length': {
    tr: (p) =>
      `e-posta adresi ${EMAIL_MIN_LENGTH}–${EMAIL_MAX_LENGTH} karakter olmalıdır; gelen ${p.params?.length} karakter: ${p.received}`,
    en: (p) =>
      `an e-mail address must have ${EMAIL_MIN_LENGTH}–${EMAIL_MAX_LENGTH} characters; received ${p.params?.length}: ${p.received}`,
  },
});
