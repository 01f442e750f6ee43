// The secrets of a verification (docs/verification.md#http): a 6-digit code or a 32-byte link
// token, and the SHA-256 the store keeps instead of either. A code's hash binds the verification's
// id, so the same code of another verification never matches (and a leaked hash table of codes,
// a million values, says nothing without the ids). Comparisons run in constant time.
import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';

/** Digits in a code. */
export const CODE_DIGITS = 6;

/** A fresh code: six decimal digits, uniform over 000000–999999 (leading zeros kept). */
export function makeCode(): string {
  return randomInt(0, 10 ** CODE_DIGITS)
    .toString()
    .padStart(CODE_DIGITS, '0');
}

/** A fresh link token: 32 random bytes, base64url (43 characters, no padding). */
export function makeLinkToken(): string {
  return randomBytes(32).toString('base64url');
}

const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/** What the store keeps for a code: SHA-256 (hex) of `${verificationId}:${code}`. */
export function codeHash(verificationId: string, code: string): string {
  return sha256(`${verificationId}:${code}`);
}

/** What the store keeps for a link token: its SHA-256 (hex); the token carries 256 random bits. */
export function linkTokenHash(token: string): string {
  return sha256(token);
}

/** The stored hash of `secret` under `method`. */
export function secretHash(
  method: 'code' | 'link',
  verificationId: string,
  secret: string,
): string {
  return method === 'code' ? codeHash(verificationId, secret) : linkTokenHash(secret);
}

const HEX_SHA256 = /^[0-9a-f]{64}$/;

/**
 * Whether `secret` matches `storedHash`, compared in constant time over the hashes (never over the
 * secret, whose length would leak). False for an absent or malformed stored hash.
 */
export function secretMatches(
  method: 'code' | 'link',
  verificationId: string,
  secret: string,
  storedHash: string | undefined,
): boolean {
  if (storedHash === undefined || !HEX_SHA256.test(storedHash)) return false;
  const given = Buffer.from(secretHash(method, verificationId, secret), 'hex');
  return timingSafeEqual(given, Buffer.from(storedHash, 'hex'));
}

/** A typed code as the person may enter it (spaces, dashes), or undefined when it is no code. */
export function normalizeCode(typed: string): string | undefined {
  const digits = typed.replace(/[\s-]/g, '');
  return new RegExp(`^[0-9]{${CODE_DIGITS}}$`).test(digits) ? digits : undefined;
}

/** The link's path segment `${id}.${token}` split back, or undefined when malformed. */
export function parseLinkSegment(segment: string): { id: string; token: string } | undefined {
  const dot = segment.lastIndexOf('.');
  if (dot <= 0) return undefined;
  const id = segment.slice(0, dot);
  const token = segment.slice(dot + 1);
  if (!/^[A-Za-z0-9_-]{43}$/.test(token) || !/^[A-Za-z0-9_-]{1,100}$/.test(id)) return undefined;
  return { id, token };
}

/** The link's path segment: the verification's id and the token, joined by a dot. */
export function linkSegment(id: string, token: string): string {
  return `${id}.${token}`;
}
