import { validateE164Phone, type Channel } from '@izinli/core';
import type { SimLimits, SimPolicy } from './options.js';

/** The outcome of checking a recipient for a channel: the stored form, or İYS's codes in order. */
export type RecipientCheck =
  { ok: true; recipient: string } | { ok: false; codes: ('H120' | 'H121' | 'H160' | 'H122')[] };

const E164_SHAPE = /^\+[1-9]\d{6,14}$/;
/**
 * A Turkish mobile with the trunk 0 kept after the country code. İYS's add operations say such
 * numbers are recorded (and then invisible to the citizen's app and to a correct-format query),
 * so İYS accepts them as sent.
 */
const TURKISH_MOBILE_WITH_TRUNK_ZERO = /^\+9005\d{9}$/;

/**
 * İYS's phone rule: at most 15 characters (H160, reported first) and a valid E.164 number by
 * libphonenumber (H121), through core's `validateE164Phone`, the same check the server trusts.
 */
export function checkPhone(recipient: string, limits: SimLimits): RecipientCheck {
  const codes: ('H121' | 'H160')[] = [];
  if (recipient.length > limits.phoneMaxLength) {
    codes.push('H160');
    if (!E164_SHAPE.test(recipient)) codes.push('H121');
  } else if (!TURKISH_MOBILE_WITH_TRUNK_ZERO.test(recipient) && !validateE164Phone(recipient).ok) {
    codes.push('H121');
  }
  return codes.length ? { ok: false, codes } : { ok: true, recipient };
}

const ASCII_PRINTABLE = /^[\x21-\x7e]+$/;

/** İYS's e-mail rule (H120): ASCII, no spaces, 6–265 characters, the policy's pattern; stored lower-cased. */
export function checkEmail(
  recipient: string,
  limits: Pick<SimLimits, 'emailMinLength' | 'emailMaxLength'>,
  policy: Pick<SimPolicy, 'emailPattern'>,
): RecipientCheck {
  const ok =
    recipient.length >= limits.emailMinLength &&
    recipient.length <= limits.emailMaxLength &&
    ASCII_PRINTABLE.test(recipient) &&
    policy.emailPattern.test(recipient);
  return ok ? { ok: true, recipient: recipient.toLowerCase() } : { ok: false, codes: ['H120'] };
}

/** Checks a recipient for a channel; with no valid channel known, either form passes (else H122). */
export function checkRecipient(
  recipient: string,
  type: Channel | undefined,
  limits: SimLimits,
  policy: SimPolicy,
): RecipientCheck {
  if (type === 'EPOSTA') return checkEmail(recipient, limits, policy);
  if (type === 'MESAJ' || type === 'ARAMA') return checkPhone(recipient, limits);
  const phone = checkPhone(recipient, limits);
  if (phone.ok) return phone;
  const email = checkEmail(recipient, limits, policy);
  return email.ok ? email : { ok: false, codes: ['H122'] };
}
