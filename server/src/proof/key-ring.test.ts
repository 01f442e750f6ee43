import { createHash, generateKeyPairSync } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeProtectedHeader } from 'jose';
import { canonicalJson } from '@izinli/core';
import { keysDir, privateKeyFile } from './key-files.js';
import { loadKeyRing, readJwks, rotateKeys } from './key-ring.js';
import { signReceipt, verifyReceipt } from './receipt.js';
import { tempDirsPerTest } from '../temp-dirs.test-support.js';
import { sealedRecord } from './proof-fixtures.test-support.js';

const dataDir = tempDirsPerTest('izinli-proof-');

// RFC 7638 §3 computed by hand, not by jose: the required members in lexicographic order.
function rfc7638(jwk: { crv: string; kty: string; x: string }): string {
  const json = `{"crv":"${jwk.crv}","kty":"${jwk.kty}","x":"${jwk.x}"}`;
  return createHash('sha256').update(json).digest('base64url');
}

const fixedNow = () => new Date('2025-06-01T12:00:00.000Z');

describe('loadKeyRing', () => {
  it('generates a key on first start, private file mode 0600 in a 0700 folder', async () => {
    const dir = dataDir();
    const ring = await loadKeyRing({ dataDir: dir, now: fixedNow });
    expect(statSync(privateKeyFile(dir, ring.kid)).mode & 0o777).toBe(0o600);
    expect(statSync(keysDir(dir)).mode & 0o777).toBe(0o700);
    const index = JSON.parse(readFileSync(join(keysDir(dir), 'index.json'), 'utf8'));
    expect(index).toMatchObject({ version: 1, current: { kid: ring.kid }, retired: [] });
    expect(index.current.createdAt).toBe('2025-06-01T12:00:00.000Z');
    expect(JSON.stringify(index)).not.toContain('"d"');
  });

  it('loads the same key again on the next start', async () => {
    const dir = dataDir();
    const first = await loadKeyRing({ dataDir: dir });
    const second = await loadKeyRing({ dataDir: dir });
    expect(second.kid).toBe(first.kid);
    expect(second.jwks()).toEqual(first.jwks());
  });

  it('gives one key when two processes start on an empty data folder at once', async () => {
    const dir = dataDir();
    const [a, b] = await Promise.all([
      loadKeyRing({ dataDir: dir }),
      loadKeyRing({ dataDir: dir }),
    ]);
    expect(a.kid).toBe(b.kid);
    expect(readdirSync(keysDir(dir)).filter((f) => f.endsWith('.private.jwk.json'))).toHaveLength(
      1,
    );
  });

  it('uses the RFC 7638 thumbprint of the public key as kid, in the JWKS and the JWS header', async () => {
    const ring = await loadKeyRing({ dataDir: dataDir() });
    const [jwk] = ring.jwks().keys;
    expect(jwk).toEqual({
      kty: 'OKP',
      crv: 'Ed25519',
      x: jwk!.x,
      kid: ring.kid,
      alg: 'EdDSA',
      use: 'sig',
    });
    expect(ring.kid).toBe(rfc7638(jwk as { crv: string; kty: string; x: string }));
    const jws = await ring.sign({ b: 1, a: 'ş' }, 'test+json');
    expect(decodeProtectedHeader(jws)).toEqual({ alg: 'EdDSA', kid: ring.kid, typ: 'test+json' });
    // The payload is the RFC 8785 form: sorted keys, UTF-8.
    expect(Buffer.from(jws.split('.')[1]!, 'base64url').toString('utf8')).toBe(
      canonicalJson({ a: 'ş', b: 1 }),
    );
    // Signing the canonical text the caller holds gives the same payload and header.
    const again = await ring.signCanonical(canonicalJson({ b: 1, a: 'ş' }), 'test+json');
    expect(again.split('.').slice(0, 2)).toEqual(jws.split('.').slice(0, 2));
  });

  it('uses a JWK from IZINLI_SIGNING_KEY and writes nothing', async () => {
    const dir = dataDir();
    const jwk = generateKeyPairSync('ed25519').privateKey.export({ format: 'jwk' });
    const ring = await loadKeyRing({ dataDir: dir, privateKey: JSON.stringify(jwk) });
    expect(ring.kid).toBe(rfc7638(jwk as { crv: string; kty: string; x: string }));
    expect(ring.jwks().keys).toHaveLength(1);
    expect(existsSync(keysDir(dir))).toBe(false);
  });

  it('uses a PKCS#8 PEM from IZINLI_SIGNING_KEY and writes nothing', async () => {
    const dir = dataDir();
    const { privateKey } = generateKeyPairSync('ed25519');
    const pem = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    const ring = await loadKeyRing({ dataDir: dir, privateKey: pem });
    const jwk = privateKey.export({ format: 'jwk' }) as { crv: string; kty: string; x: string };
    expect(ring.kid).toBe(rfc7638(jwk));
    expect(existsSync(keysDir(dir))).toBe(false);
    const record = await sealedRecord();
    expect((await verifyReceipt(await signReceipt(ring, record), ring.jwks())).ok).toBe(true);
  });

  it('lists the data folder’s keys next to an env key, so older receipts still verify', async () => {
    const dir = dataDir();
    const before = await loadKeyRing({ dataDir: dir });
    const jwk = generateKeyPairSync('ed25519').privateKey.export({ format: 'jwk' });
    const ring = await loadKeyRing({ dataDir: dir, privateKey: JSON.stringify(jwk) });
    expect(ring.jwks().keys.map((k) => k.kid)).toEqual([ring.kid, before.kid]);
  });

  it('refuses an env key that is not a private Ed25519 key, without echoing it', async () => {
    const dir = dataDir();
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    const pem = rsa.export({ format: 'pem', type: 'pkcs8' }).toString();
    await expect(loadKeyRing({ dataDir: dir, privateKey: pem })).rejects.toThrow(/Ed25519.*rsa/);
    const refusal = await loadKeyRing({ dataDir: dir, privateKey: 'secret-garbage' }).catch(
      (error: Error) => error.message,
    );
    expect(refusal).toMatch(/^IZINLI_SIGNING_KEY: expected a private Ed25519 key/);
    expect(refusal).not.toContain('secret-garbage');
    const a = generateKeyPairSync('ed25519').privateKey.export({ format: 'jwk' });
    const b = generateKeyPairSync('ed25519').privateKey.export({ format: 'jwk' });
    await expect(
      loadKeyRing({ dataDir: dir, privateKey: JSON.stringify({ ...a, x: b.x }) }),
    ).rejects.toThrow(/x is not the public key of its d/);
  });

  it('refuses a key file that holds another key than its index names', async () => {
    const dir = dataDir();
    const first = await loadKeyRing({ dataDir: dir });
    const otherDir = dataDir();
    const other = await loadKeyRing({ dataDir: otherDir });
    renameSync(privateKeyFile(otherDir, other.kid), privateKeyFile(dir, first.kid));
    await expect(loadKeyRing({ dataDir: dir })).rejects.toThrow(/holds another key/);
  });
});

describe('rotateKeys', () => {
  it('makes a new current key, keeps the old public key in the JWKS and old receipts verify', async () => {
    const dir = dataDir();
    const old = await loadKeyRing({ dataDir: dir });
    const record = await sealedRecord();
    const oldReceipt = await signReceipt(old, record);

    const rotation = await rotateKeys({ dataDir: dir, now: fixedNow });
    expect(rotation).toEqual({ kid: expect.any(String), retiredKid: old.kid });
    const ring = await loadKeyRing({ dataDir: dir });
    expect(ring.kid).toBe(rotation.kid);
    expect(ring.kid).not.toBe(old.kid);
    expect(ring.jwks().keys.map((k) => k.kid)).toEqual([ring.kid, old.kid]);

    expect(await verifyReceipt(oldReceipt, ring.jwks())).toEqual({ ok: true, value: record });
    const newReceipt = await signReceipt(ring, record);
    expect(decodeProtectedHeader(newReceipt).kid).toBe(ring.kid);
    expect((await verifyReceipt(newReceipt, ring.jwks())).ok).toBe(true);
  });

  it('deletes the retired private key and records when it was retired', async () => {
    const dir = dataDir();
    const old = await loadKeyRing({ dataDir: dir });
    const { kid } = await rotateKeys({ dataDir: dir, now: fixedNow });
    expect(existsSync(privateKeyFile(dir, old.kid))).toBe(false);
    expect(statSync(privateKeyFile(dir, kid)).mode & 0o777).toBe(0o600);
    const index = JSON.parse(readFileSync(join(keysDir(dir), 'index.json'), 'utf8'));
    expect(index.retired).toEqual([
      expect.objectContaining({ kid: old.kid, retiredAt: '2025-06-01T12:00:00.000Z' }),
    ]);
  });

  it('keeps every retired key across several rotations, newest first', async () => {
    const dir = dataDir();
    const kids = [(await loadKeyRing({ dataDir: dir })).kid];
    for (let i = 0; i < 3; i += 1) kids.push((await rotateKeys({ dataDir: dir })).kid);
    expect((await loadKeyRing({ dataDir: dir })).jwks().keys.map((k) => k.kid)).toEqual(
      kids.reverse(),
    );
  });

  it('creates the first key when there is none', async () => {
    const dir = dataDir();
    const rotation = await rotateKeys({ dataDir: dir });
    expect(rotation.retiredKid).toBeUndefined();
    expect((await loadKeyRing({ dataDir: dir })).kid).toBe(rotation.kid);
  });
});

describe('readJwks', () => {
  it('lists the data folder’s public keys without creating any', async () => {
    const empty = dataDir();
    expect(await readJwks({ dataDir: empty })).toEqual({ keys: [] });
    expect(existsSync(keysDir(empty))).toBe(false);
    const dir = dataDir();
    const ring = await loadKeyRing({ dataDir: dir });
    expect(await readJwks({ dataDir: dir })).toEqual(ring.jwks());
  });
});
