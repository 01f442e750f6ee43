import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compactVerify, createLocalJWKSet, decodeProtectedHeader } from 'jose';
import { canonicalJson, problemMessage, sealCaptureRecord } from '@izinli/core';
import type { CaptureRecord } from '@izinli/core';
import { signCheckpoint } from './checkpoint.js';
import { loadKeyRing } from './key-ring.js';
import type { KeyRing } from './key-ring.js';
import { opensslMissing, opensslVerify } from './openssl.test-support.js';
import { RECEIPT_TYP, signReceipt, verifyReceipt } from './receipt.js';
import { keyRingPerFile, sealedRecord, unsealedRecord } from './proof-fixtures.test-support.js';

let dir: string;
let ring: KeyRing;
let record: CaptureRecord;
let receipt: string;

keyRingPerFile(async (made, folder) => {
  ring = made;
  dir = folder;
  record = await sealedRecord();
  receipt = await signReceipt(ring, record);
});

/** Replaces one part (0 header, 1 payload, 2 signature) of a compact JWS. */
function withPart(jws: string, index: number, part: string): string {
  const parts = jws.split('.');
  parts[index] = part;
  return parts.join('.');
}

const b64 = (value: unknown) => Buffer.from(canonicalJson(value)).toString('base64url');

describe('a receipt', () => {
  it('is a compact JWS with header { alg: EdDSA, kid, typ } over the RFC 8785 record', () => {
    expect(decodeProtectedHeader(receipt)).toEqual({
      alg: 'EdDSA',
      kid: ring.kid,
      typ: RECEIPT_TYP,
    });
    expect(receipt.split('.')[1]).toBe(b64(record));
  });

  it('verifies with plain jose against the published JWKS', async () => {
    // What any third party does: no izinli code, only the JWKS.
    const jwks = JSON.parse(JSON.stringify(ring.jwks()));
    const { payload, protectedHeader } = await compactVerify(receipt, createLocalJWKSet(jwks));
    expect(protectedHeader.kid).toBe(ring.kid);
    expect(JSON.parse(new TextDecoder().decode(payload))).toEqual(record);
  });

  // Skipped only where no openssl binary exists (it ships with every Linux image we build on).
  it.skipIf(opensslMissing)(
    'verifies with openssl pkeyutl -verify on the raw Ed25519 key, and fails once tampered',
    () => {
      const { kid } = decodeProtectedHeader(receipt);
      const jwk = ring.jwks().keys.find((k) => k.kid === kid)!;
      const [protectedB64, payloadB64, signatureB64] = receipt.split('.') as [
        string,
        string,
        string,
      ];
      expect(opensslVerify(dir, jwk, `${protectedB64}.${payloadB64}`, signatureB64)).toEqual({
        status: 0,
        output: 'Signature Verified Successfully',
      });
      const tampered = opensslVerify(
        dir,
        jwk,
        `${protectedB64}.${b64({ ...record, seq: 2 })}`,
        signatureB64,
      );
      expect(tampered.status).not.toBe(0);
      expect(tampered.output).toContain('Signature Verification Failure');
    },
  );

  it('verifies with verifyReceipt and gives back the record as signed', async () => {
    expect(await verifyReceipt(receipt, ring.jwks())).toEqual({ ok: true, value: record });
  });

  it('A13: fails with a bad signature when its payload is edited', async () => {
    const edited = withPart(
      receipt,
      1,
      b64({ ...record, person: { ...record.person, fullName: 'Başkası' } }),
    );
    const result = await verifyReceipt(edited, ring.jwks());
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'jws.badSignature', params: { kid: ring.kid } },
    });
  });

  it('A13: fails with a bad signature when its signature is edited', async () => {
    const signature = Buffer.from(receipt.split('.')[2]!, 'base64url');
    signature[0]! ^= 1;
    const result = await verifyReceipt(
      withPart(receipt, 2, signature.toString('base64url')),
      ring.jwks(),
    );
    expect(result).toMatchObject({ ok: false, error: { code: 'jws.badSignature' } });
  });

  it('fails with unknown key against another server’s JWKS', async () => {
    const other = await loadKeyRing({ dataDir: join(dir, 'other') });
    const result = await verifyReceipt(receipt, other.jwks());
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'jws.unknownKey', received: `"${ring.kid}"`, params: { kid: ring.kid } },
    });
    if (!result.ok) {
      expect(problemMessage(result.error, 'en')).toContain(ring.kid);
      expect(problemMessage(result.error, 'tr')).toContain('anahtar');
    }
  });

  it('fails as malformed when it is not a compact JWS', async () => {
    for (const bad of ['', 'abc', 'a.b', `${receipt}.x`]) {
      const result = await verifyReceipt(bad, ring.jwks());
      expect(result, bad).toMatchObject({ ok: false, error: { code: 'jws.malformed' } });
    }
  });

  it('fails with wrong type for a checkpoint’s JWS, whose signature is valid', async () => {
    const checkpoint = await signCheckpoint(ring, {
      siteKey: record.siteKey,
      seq: 1,
      hash: record.recordHash,
      signedAt: '2025-06-02T00:00:00.000Z',
    });
    const result = await verifyReceipt(checkpoint.jws, ring.jwks());
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'jws.wrongType', received: '"izinli-checkpoint+json"' },
    });
  });

  it('fails when the signed payload is not a capture record, naming the field', async () => {
    const { person: _gone, ...noPerson } = record;
    const result = await verifyReceipt(await ring.sign(noPerson, RECEIPT_TYP), ring.jwks());
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'receipt.notARecord', path: ['payload', 'person'] },
    });
  });

  it('fails when the signed record’s recordHash does not match its content', async () => {
    const unsealed = unsealedRecord(1, record.prevHash);
    const sealed = await sealCaptureRecord(unsealed);
    const wrong = { ...sealed, widgetVersion: '9.9.9' };
    const result = await verifyReceipt(await signReceipt(ring, wrong), ring.jwks(), {
      path: ['x'],
    });
    expect(result).toMatchObject({
      ok: false,
      error: {
        code: 'receipt.hashMismatch',
        path: ['x', 'payload', 'recordHash'],
        params: { rule: 'A13' },
      },
    });
    if (!result.ok) expect(problemMessage(result.error, 'en')).toContain('proves nothing');
  });

  it('fails with a clear problem when the JWKS is not a key set', async () => {
    const result = await verifyReceipt(receipt, { keys: 'nope' } as never);
    expect(result).toMatchObject({ ok: false, error: { code: 'jwks.invalid' } });
  });
});
