import { describe, expect, it } from 'vitest';
import { decodeProtectedHeader } from 'jose';
import { canonicalJson, problemMessage } from '@izinli/core';
import { CHECKPOINT_TYP, signCheckpoint, verifyCheckpoint } from './checkpoint.js';
import type { KeyRing } from './key-ring.js';
import { RECEIPT_TYP } from './receipt.js';
import { EXAMPLE_SITE_KEY, keyRingPerFile } from './proof-fixtures.test-support.js';

let ring: KeyRing;
keyRingPerFile((made) => (ring = made));

const head = {
  siteKey: EXAMPLE_SITE_KEY,
  seq: 7,
  hash: 'a'.repeat(64),
  signedAt: '2025-06-02T00:00:00.000Z',
};

describe('checkpoints', () => {
  it('sign exactly the canonical { siteKey, seq, hash, signedAt } with their own typ', async () => {
    const checkpoint = await signCheckpoint(ring, { ...head, extra: 'ignored' } as typeof head);
    expect(checkpoint).toEqual({ ...head, jws: expect.any(String) });
    expect(decodeProtectedHeader(checkpoint.jws)).toEqual({
      alg: 'EdDSA',
      kid: ring.kid,
      typ: CHECKPOINT_TYP,
    });
    expect(Buffer.from(checkpoint.jws.split('.')[1]!, 'base64url').toString()).toBe(
      canonicalJson(head),
    );
  });

  it('verify against the JWKS and give back the signed head', async () => {
    const checkpoint = await signCheckpoint(ring, head);
    expect(await verifyCheckpoint(checkpoint, ring.jwks())).toEqual({ ok: true, value: head });
  });

  it('A13: fail when the stated hash is not the signed one, naming the field', async () => {
    const checkpoint = await signCheckpoint(ring, head);
    const result = await verifyCheckpoint({ ...checkpoint, hash: 'b'.repeat(64) }, ring.jwks(), {
      path: ['line', 9],
    });
    expect(result).toMatchObject({
      ok: false,
      error: {
        code: 'checkpoint.mismatch',
        path: ['line', 9, 'hash'],
        params: { field: 'hash', seq: 7 },
      },
    });
    if (!result.ok) expect(problemMessage(result.error, 'tr')).toContain('imzalanan');
  });

  it('A13: fail when the signature is broken', async () => {
    const checkpoint = await signCheckpoint(ring, head);
    const jws = checkpoint.jws.slice(0, -4) + (checkpoint.jws.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    expect(await verifyCheckpoint({ ...checkpoint, jws }, ring.jwks())).toMatchObject({
      ok: false,
      error: { code: 'jws.badSignature', path: ['jws'] },
    });
  });

  it('fail for a receipt’s JWS and for a payload that is not a head', async () => {
    const receiptTyped = await ring.sign(head, RECEIPT_TYP);
    expect(await verifyCheckpoint({ ...head, jws: receiptTyped }, ring.jwks())).toMatchObject({
      ok: false,
      error: { code: 'jws.wrongType' },
    });
    const notAHead = await ring.sign({ ...head, seq: -1 }, CHECKPOINT_TYP);
    expect(await verifyCheckpoint({ ...head, jws: notAHead }, ring.jwks())).toMatchObject({
      ok: false,
      error: { code: 'checkpoint.malformed', path: ['jws', 'payload', 'seq'] },
    });
  });
});
