import { createHash } from 'node:crypto';

/** A UUID v4 drawn from `random`, so a seeded random source gives reproducible request ids. */
export function randomUuid(random: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16));
  hex[12] = '4';
  hex[16] = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  const s = hex.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

/** Lower-case hex SHA-256 of a string. */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * İYS's transactionId: 64 hex characters. Derived from the consent key and the creation second,
 * which reproduces İYS's documented quirk that two movements for the same address and type in
 * the same second share a transactionId.
 */
export function transactionIdFor(key: string, creationDate: string): string {
  return sha256Hex(`${key}\u0000${creationDate}`);
}

/** A random opaque token of `bytes` random bytes, base64url. */
export function randomToken(random: () => number, bytes = 32): string {
  const raw = Uint8Array.from({ length: bytes }, () => Math.floor(random() * 256));
  return Buffer.from(raw).toString('base64url');
}
