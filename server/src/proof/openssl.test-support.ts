// Verifies a compact JWS with the openssl binary, as a third party without any JOSE library would.
import { spawnSync } from 'node:child_process';
import { createPublicKey } from 'node:crypto';
import type { JsonWebKey } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { JWK } from 'jose';

/** True when no openssl binary is on the PATH (tests that need it are skipped, saying so). */
export const opensslMissing = spawnSync('openssl', ['version']).status !== 0;

/**
 * Runs `openssl pkeyutl -verify -pubin -inkey pub.pem -rawin -in signing-input -sigfile sig.bin`:
 * the public key is the JWK exported as SPKI PEM, the signing input is `protectedB64.payloadB64`
 * (RFC 7515 §5.2) and the signature is the raw 64-byte Ed25519 signature.
 */
export function opensslVerify(
  dir: string,
  jwk: JWK,
  signingInput: string,
  signatureB64: string,
): { status: number | null; output: string } {
  const pub = join(dir, 'pub.pem');
  const input = join(dir, 'signing-input');
  const sig = join(dir, 'sig.bin');
  const pem = createPublicKey({ key: jwk as JsonWebKey, format: 'jwk' }).export({
    type: 'spki',
    format: 'pem',
  });
  writeFileSync(pub, pem);
  writeFileSync(input, signingInput);
  writeFileSync(sig, Buffer.from(signatureB64, 'base64url'));
  const run = spawnSync(
    'openssl',
    ['pkeyutl', '-verify', '-pubin', '-inkey', pub, '-rawin', '-in', input, '-sigfile', sig],
    { encoding: 'utf8' },
  );
  return { status: run.status, output: `${run.stdout}${run.stderr}`.trim() };
}
