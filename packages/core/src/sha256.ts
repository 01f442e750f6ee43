import { canonicalJson } from './canonical-json.js';

/** SHA-256 through WebCrypto, which Node (≥ 20) and every current browser provide. */
const encoder = new TextEncoder();

function toHex(bytes: ArrayBuffer): string {
  return Array.from(new Uint8Array(bytes), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** SHA-256 of a UTF-8 string or raw bytes, as lower-case hex. */
export async function sha256Hex(input: string | Uint8Array): Promise<string> {
  const bytes = typeof input === 'string' ? encoder.encode(input) : input;
  return toHex(await crypto.subtle.digest('SHA-256', bytes as BufferSource));
}

/** SHA-256 of a value's RFC 8785 canonical JSON, as lower-case hex. */
export async function sha256Canonical(value: unknown): Promise<string> {
  return sha256Hex(canonicalJson(value));
}
