// The proof chain end to end: captures posted to the real app (SQLite, real key ring), their
// receipts checked by third-party means, the data folder exported and verified by the CLI.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compactVerify, createLocalJWKSet, decodeProtectedHeader } from 'jose';
import type { JSONWebKeySet } from 'jose';
import { EXAMPLE_SITE_KEY } from '@izinli/core/fixtures';
import type { Harness } from '../http/app-harness.test-support.js';
import { opensslMissing, opensslVerify } from '../proof/openssl.test-support.js';
import { checkpointedAppPerFile, izinliAgainst } from './cli-run.test-support.js';
import { EXIT } from './run.js';

let h: Harness;
let work: string;
let jwks: JSONWebKeySet;
let receipts: { captureId: string; receipt: string }[];
const JWKS_URL = 'http://localhost/.well-known/jwks.json';

checkpointedAppPerFile(3, 'izinli-e2e-', async (made) => {
  ({ h, receipts, work } = made);
  jwks = (await (await h.app.request('/.well-known/jwks.json')).json()) as JSONWebKeySet;
});

const izinli = (argv: string[], stdin = '') => izinliAgainst(h.app, argv, stdin);

describe('a receipt produced by the server', () => {
  it('verifies with jose against the JWKS the server publishes', async () => {
    const { receipt, captureId } = receipts[0]!;
    const { payload, protectedHeader } = await compactVerify(receipt, createLocalJWKSet(jwks));
    expect(protectedHeader).toEqual({ alg: 'EdDSA', kid: h.ring.kid, typ: 'izinli-receipt+json' });
    expect(JSON.parse(new TextDecoder().decode(payload))).toMatchObject({
      captureId,
      siteKey: EXAMPLE_SITE_KEY,
      seq: 1,
    });
  });

  // Skipped only where no openssl binary exists (it ships with every Linux image we build on).
  it.skipIf(opensslMissing)('verifies with openssl pkeyutl -verify on the raw Ed25519 key', () => {
    const { receipt } = receipts[1]!;
    const jwk = jwks.keys.find((k) => k.kid === decodeProtectedHeader(receipt).kid)!;
    const [protectedB64, payloadB64, signatureB64] = receipt.split('.') as [string, string, string];
    expect(opensslVerify(work, jwk, `${protectedB64}.${payloadB64}`, signatureB64)).toEqual({
      status: 0,
      output: 'Signature Verified Successfully',
    });
  });

  it('verifies with izinli verify receipt against the JWKS URL', async () => {
    const run = await izinli(
      ['verify', 'receipt', '-', '--jwks', JWKS_URL],
      JSON.stringify(receipts[2]),
    );
    expect(run.code).toBe(EXIT.ok);
    expect(run.stdout).toContain(`receipt verified: signed by key ${h.ring.kid}`);
    expect(run.stdout).toContain(`${EXAMPLE_SITE_KEY} #3`);
  });
});

describe('izinli export of the server’s data folder', () => {
  it('verifies with izinli verify log, and fails at the seq of an edited record', async () => {
    const out = join(work, 'export.jsonl');
    const exported = await izinli(['export', '--data-dir', h.dir, '--out', out]);
    expect(exported).toMatchObject({ code: EXIT.ok });
    const jwksFile = join(work, 'jwks.json');
    writeFileSync(jwksFile, JSON.stringify(jwks));
    const verified = await izinli(['verify', 'log', out, '--jwks', jwksFile]);
    expect(verified.stdout).toContain(
      `site ${EXAMPLE_SITE_KEY}: 3 records (0 purged), 1 checkpoints`,
    );
    expect(verified.code).toBe(EXIT.ok);

    // Line 1 is the header, line 2 the JWKS, so seq 2 is line 4.
    const lines = readFileSync(out, 'utf8').trimEnd().split('\n');
    const line = JSON.parse(lines[3]!) as { seq: number; record: { origin: string } };
    expect(line.seq).toBe(2);
    line.record.origin = 'https://evil.example';
    lines[3] = JSON.stringify(line);
    const tampered = await izinli(['verify', 'log', '-', '--jwks', jwksFile], lines.join('\n'));
    expect(tampered.code).toBe(EXIT.failed);
    expect(tampered.stdout).toContain(`line 4, record.recordHash: record 2's hash does not match`);
    expect(tampered.stdout).toContain(`line 4, record.origin: ${EXAMPLE_SITE_KEY} #2`);
  });

  it('refuses a data folder without a database instead of creating one', async () => {
    const run = await izinli(['export', '--data-dir', join(work, 'empty')]);
    expect(run.code).toBe(EXIT.usage);
    expect(run.stderr).toContain('there is no izinli database at');
  });
});
