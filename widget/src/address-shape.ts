// The widget's own checks on what the person typed, so a capture is not refused for an address the
// server would reject (it normalises with @izinli/core and answers 422). They mirror core's
// `normalizePhoneLite` (phone-lite.ts) and `normalizeEmail` (email.ts) without those modules'
// message tables, which would cost bytes on every page; address-shape.test.ts checks they agree.

/** Limits of `CapturePerson` in @izinli/core: longer values are refused by the schema. */
export const NAME_MAX = 200;
export const PHONE_MAX = 40;

// What people type between digits: Unicode spaces, brackets, dots, slashes and dashes.
const SEPARATORS = /[\s()./\-\u2010-\u2015\u2212]/gu;

/**
 * What core's light normaliser makes of the phone number as typed, as core's `phoneKindLite`
 * reads it (a Turkish number starting with 5 is a mobile), or undefined when it refuses it.
 */
export function phoneShapeKind(input: string): 'mobile' | 'landline' | 'foreign' | undefined {
  const match = /^(\+|00)?(\d+)$/.exec(input.replace(SEPARATORS, ''));
  if (!match || input.trim().length > PHONE_MAX) return undefined;
  let digits = match[2]!;
  if (!match[1]) {
    if (/^0\d{10}$/.test(digits)) digits = `90${digits.slice(1)}`;
    else if (/^[2-5]\d{9}$/.test(digits)) digits = `90${digits}`;
    else if (!/^90\d{10}$/.test(digits)) return undefined;
  }
  if (digits.length > 14) return undefined;
  if (!digits.startsWith('90')) {
    return digits.length >= 7 && /^[1-9]/.test(digits) ? 'foreign' : undefined;
  }
  const national = digits.slice(2).replace(/^0(?=\d{10}$)/, '');
  if (!/^[2-9]\d{9}$/.test(national)) return undefined;
  return national.startsWith('5') ? 'mobile' : 'landline';
}

/** True when core's light normaliser accepts the phone number as typed. */
export const isPhoneShape = (input: string): boolean => phoneShapeKind(input) !== undefined;

// İYS's e-mail rule (H120), as IYS_EMAIL_PATTERN in core's email.ts.
const EMAIL =
  /^[a-z0-9._+-]+@(?=[a-z0-9.-]{2,}\.[a-z]{2,}$)[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*\.[a-z]{2,}$/i;

/** True when core's `normalizeEmail` accepts the address as typed. */
export function isEmailShape(input: string): boolean {
  const text = input.trim();
  return text.length >= 6 && text.length <= 265 && EMAIL.test(text);
}

/** True when a full name holds a name and a surname within the schema's limits (A3). */
export function isFullName(input: string): boolean {
  const text = input.trim();
  return text.length <= NAME_MAX && text.split(/\s+/u).length >= 2;
}
