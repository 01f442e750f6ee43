// Fuzz targets behind the admin token: the capture and recipient reads, movements, webhook
// deliveries, withdrawals and links, the pre-send check; and the admin auth itself with hostile
// Authorization headers.
import { randomUUID } from 'node:crypto';
import { EXAMPLE_SITE_KEY } from '@izinli/core/fixtures';
import fc from 'fast-check';
import { expect } from 'vitest';
import { verifyReceipt } from '../../proof/index.js';
import { ADMIN, OTHER_SITE, fuzzCase, fuzzJsonBodies, post } from './fuzz-harness.test-support.js';
import type { FuzzHarness, Run } from './fuzz-harness.test-support.js';
import { headerString, hostileString, uri } from './fuzz-inputs.test-support.js';

const PLAUSIBLE = [
  '1',
  '0',
  '-1',
  '500',
  '501',
  '1000',
  '1e2',
  'true',
  'false',
  'capture',
  'withdrawal',
  'pending',
  'dead',
  'delivered',
  'MESAJ',
  'EPOSTA',
  'BIREYSEL',
  'TACIR',
  '100000',
  EXAMPLE_SITE_KEY,
  OTHER_SITE,
  '+905321234567',
  '0532 123 45 67',
  'ayse@ornek.com.tr',
  '2026-11-01T00:00:00Z',
  'not-a-date',
] as const;

const value = fc.oneof(hostileString, fc.constantFrom(...PLAUSIBLE));
const queryOf = (names: readonly string[]) =>
  fc
    .dictionary(
      fc.oneof(fc.constantFrom(...names, '__proto__', 'constructor'), hostileString),
      value,
      {
        maxKeys: 4,
      },
    )
    .map((params) => new URLSearchParams(params).toString());

/** The read endpoints with hostile query strings and ids: 200 or a 4xx, never a write. */
export async function fuzzAdminReads(h: FuzzHarness, run: Run, scale: number) {
  const reads = fc.oneof(
    queryOf(['kind', 'limit', 'phone', 'email', 'cursor', 'site', 'from', 'to']).map(
      (q) => `/v1/admin/captures?${q}`,
    ),
    value.map((id) => `/v1/admin/captures/${uri(id)}`),
    queryOf(['phone', 'email']).map((q) => `/v1/admin/recipients/timeline?${q}`),
    queryOf(['phone', 'email']).map((q) => `/v1/admin/recipients/evidence?${q}`),
    queryOf(['state', 'limit', 'atRisk', 'cursor']).map((q) => `/v1/admin/movements?${q}`),
    queryOf(['state', 'limit']).map((q) => `/v1/admin/webhooks/deliveries?${q}`),
    queryOf(['type', 'recipient', 'recipientType', 'brandCode']).map((q) => `/v1/check?${q}`),
    fc.constant('/v1/admin/movements/stats'),
  );
  await run(reads, 1500 * scale, (path) =>
    fuzzCase(
      h,
      `admin read ${path.split('?')[0]!.split('/').slice(0, 4).join('/')}`,
      () => h.app.request(path, { headers: ADMIN }),
      { accept: [200] },
    ),
  );
  const retry = fc.tuple(fc.constantFrom('movements', 'webhooks/deliveries'), value);
  await run(retry, 200 * scale, ([what, id]) =>
    fuzzCase(h, 'admin retry', () => post(h, `/v1/admin/${what}/${uri(id)}/retry`, '')),
  );
}

/** The admin auth: anything but a configured token is a 401 that writes nothing. */
export async function fuzzAdminAuth(h: FuzzHarness, run: Run, scale: number) {
  const authorization = fc.oneof(
    headerString,
    headerString.map((t) => `Bearer ${t}`),
    fc.constantFrom(
      'Bearer',
      'Bearer ',
      `bearer ${ADMIN.Authorization.slice(7).toUpperCase()}`,
      `Bearer ${ADMIN.Authorization.slice(7)}x`,
      `Bearer ${ADMIN.Authorization.slice(7, -1)}`,
      `Basic ${Buffer.from('admin:admin').toString('base64')}`,
      `Bearer ${ADMIN.Authorization.slice(7)} ${ADMIN.Authorization.slice(7)}`,
    ),
  );
  const path = fc.constantFrom('/v1/admin/captures', '/v1/admin/movements', '/v1/check?type=MESAJ');
  await run(fc.tuple(path, authorization), 400 * scale, ([where, auth]) =>
    fuzzCase(h, 'admin auth', async () => {
      const response = await h.app.request(where, { headers: { Authorization: auth } });
      expect(response.status).toBe(401);
      return response;
    }),
  );
}

/** The admin writes: withdrawals, withdrawal links and the batch check. */
export async function fuzzAdminWrites(h: FuzzHarness, run: Run, scale: number) {
  const withdrawal = () => ({
    id: randomUUID(),
    siteKey: EXAMPLE_SITE_KEY,
    recipient: { phone: '+905321234567', email: 'ayse@ornek.com.tr' },
    channels: ['MESAJ', 'EPOSTA'],
    purposes: ['kitap-onerileri'],
    via: 'call-centre',
  });
  const link = () => ({
    siteKey: EXAMPLE_SITE_KEY,
    recipient: { email: 'ayse@ornek.com.tr' },
    expiresInDays: 30,
  });
  const check = () => ({ type: 'MESAJ', recipients: ['+905321234567', '0532 111 22 33'] });
  const receiptVerifies = async (_: Response, body: unknown) => {
    const verified = await verifyReceipt((body as { receipt: string }).receipt, h.ring.jwks());
    expect(verified.ok).toBe(true);
  };
  const targets = [
    { path: '/v1/admin/withdrawals', valid: withdrawal, accept: [200, 201], writes: true },
    { path: '/v1/admin/withdrawal-links', valid: link, accept: [201], writes: false },
    { path: '/v1/check', valid: check, accept: [200], writes: false },
  ] as const;
  for (const t of targets) {
    await fuzzJsonBodies(h, run, {
      name: t.path,
      valid: t.valid,
      send: (text) => post(h, t.path, text),
      runs: { raw: 250 * scale, hostile: 250 * scale, mutated: 400 * scale },
      maxMutations: 3,
      accepted: {
        accept: t.accept,
        writes: t.writes,
        ...(t.path === '/v1/admin/withdrawals' ? { onAccepted: receiptVerifies } : {}),
      },
    });
  }
}
