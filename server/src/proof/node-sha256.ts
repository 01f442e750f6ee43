// SHA-256 (hex) with node:crypto, synchronously: the server hashes every record it seals or
// verifies, and WebCrypto's asynchronous digest costs several times more per call.
import { createHash } from 'node:crypto';

/** The SHA-256 of `text` (UTF-8) as lower-case hex. */
export const sha256HexSync = (text: string): string =>
  createHash('sha256').update(text).digest('hex');
