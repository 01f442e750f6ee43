import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeProtectedHeader } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { loadKeyRing } from '../proof/index.js';
import type { KeyRing } from '../proof/index.js';
import {
  WITHDRAWAL_TOKEN_TYP,
  signWithdrawalToken,
  verifyWithdrawalToken,
  withdrawalCaptureId,
} from './withdrawal-token.js';
import type { WithdrawalGrant } from './withdrawal-token.js';

const grant: WithdrawalGrant = {
  jti: '9d0b6f3e-2c1a-4b8e-9f7d-6a5c4b3a2f10',
  tenant: 'ornek-kitabevi',
  site: 'ornek-kitabevi-demo-0001',
  recipient: { email: 'ayse@ornek.com.tr' },
  recipientType: 'BIREYSEL',
  channels: ['EPOSTA'],
};
const issued = new Date('2026-11-26T09:00:00.000Z');
const expires = new Date('2026-12-26T09:00:00.000Z');
let dir: string;
let ring: KeyRing;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'izinli-token-'));
  ring = await loadKeyRing({ dataDir: dir });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const sign = (payload: unknown, typ: string) => ring.sign(payload, typ);

describe('withdrawal token', () => {
  it('is a JWT of its own typ, signed by the key ring, valid until exp and not one second more', async () => {
    const token = await signWithdrawalToken(sign, grant, issued, expires);
    expect(decodeProtectedHeader(token)).toEqual({
      alg: 'EdDSA',
      kid: ring.kid,
      typ: WITHDRAWAL_TOKEN_TYP,
    });
    const justBefore = await verifyWithdrawalToken(
      token,
      ring.jwks(),
      new Date(expires.getTime() - 1000),
    );
    expect(justBefore.ok && justBefore.claims).toMatchObject({
      ...grant,
      exp: expires.getTime() / 1000,
    });
    const after = await verifyWithdrawalToken(token, ring.jwks(), expires);
    expect(after).toEqual({ ok: false, failure: { kind: 'expired', expiredAt: expires } });
  });

  it('refuses a token whose claims lack what a withdrawal needs, even with a good signature', async () => {
    const token = await ring.sign(
      {
        iss: 'izinli',
        aud: 'izinli-withdrawal',
        jti: grant.jti,
        iat: 1,
        exp: 4e9,
        site: grant.site,
      },
      WITHDRAWAL_TOKEN_TYP,
    );
    const verified = await verifyWithdrawalToken(token, ring.jwks(), issued);
    expect(verified).toEqual({ ok: false, failure: { kind: 'invalid', why: 'claims' } });
  });

  it('gives each jti one deterministic version-5 UUID, never the jti itself', () => {
    const id = withdrawalCaptureId(grant.jti);
    expect(withdrawalCaptureId(grant.jti)).toBe(id);
    expect(id).not.toBe(grant.jti);
    expect(withdrawalCaptureId('9d0b6f3e-2c1a-4b8e-9f7d-6a5c4b3a2f11')).not.toBe(id);
    expect(z.uuid({ version: 'v5' }).safeParse(id).success).toBe(true);
  });
});
