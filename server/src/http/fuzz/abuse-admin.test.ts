// Abuse of the admin API: every admin route refuses a missing, wrong or other-scheme
// token with 401; another tenant's valid token sees none of this tenant's captures, recipients,
// movements or evidence, and can neither withdraw for nor link to this tenant's site.
import { EXAMPLE_SITE_KEY } from '@izinli/core/fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiErrorBody } from '../api-error.js';
import { postCapture, validCapture } from '../app-harness.test-support.js';
import { ADMIN, OTHER_TOKEN, makeFuzzHarness } from './fuzz-harness.test-support.js';
import type { FuzzHarness } from './fuzz-harness.test-support.js';

let h: FuzzHarness;
let captureId: string;
let movementId: string;
const PHONE = '+905321234567';
const OTHER = { Authorization: `Bearer ${OTHER_TOKEN}` };

beforeAll(async () => {
  h = await makeFuzzHarness();
  const response = await postCapture(h.app, validCapture());
  expect(response.status).toBe(201);
  captureId = ((await response.json()) as { captureId: string }).captureId;
  const one = (await (
    await h.app.request(`/v1/admin/captures/${captureId}`, { headers: ADMIN })
  ).json()) as { movements: { id: string }[] };
  movementId = one.movements[0]!.id;
});
afterAll(async () => {
  await h.close();
});

const send = (method: string, path: string, headers: Record<string, string>, body?: unknown) =>
  h.app.request(path, {
    method,
    headers: { 'Content-Type': 'application/json', ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });

const withdrawal = { siteKey: EXAMPLE_SITE_KEY, recipient: { phone: PHONE }, channels: ['MESAJ'] };
const ROUTES: [string, () => string, unknown?][] = [
  ['GET', () => '/v1/admin/captures'],
  ['GET', () => `/v1/admin/captures/${captureId}`],
  ['GET', () => `/v1/admin/recipients/timeline?phone=${encodeURIComponent(PHONE)}`],
  ['GET', () => `/v1/admin/recipients/evidence?phone=${encodeURIComponent(PHONE)}`],
  ['GET', () => '/v1/admin/movements'],
  ['GET', () => '/v1/admin/movements/stats'],
  ['POST', () => `/v1/admin/movements/${movementId}/retry`],
  ['GET', () => '/v1/admin/webhooks/deliveries'],
  ['POST', () => '/v1/admin/webhooks/deliveries/x/retry'],
  ['POST', () => '/v1/admin/withdrawals', withdrawal],
  [
    'POST',
    () => '/v1/admin/withdrawal-links',
    { siteKey: EXAMPLE_SITE_KEY, recipient: { phone: PHONE } },
  ],
  ['GET', () => `/v1/check?type=MESAJ&recipient=${encodeURIComponent(PHONE)}`],
  ['POST', () => '/v1/check', { type: 'MESAJ', recipients: [PHONE] }],
];

describe('admin API without a valid token', () => {
  const tokens: [string, Record<string, string>][] = [
    ['no Authorization header', {}],
    ['an unknown bearer token', { Authorization: 'Bearer izinli-tahmin-edilen-anahtar' }],
    [
      'the token with one character changed',
      { Authorization: `${ADMIN.Authorization.slice(0, -1)}2` },
    ],
    ['the token’s SHA-256 instead of the token', { Authorization: 'Bearer 0'.padEnd(71, '0') }],
    ['another scheme', { Authorization: `Basic ${Buffer.from('admin:admin').toString('base64')}` }],
  ];
  for (const [what, headers] of tokens) {
    it(`answers every admin route with 401 and a challenge for ${what}, writing nothing`, async () => {
      const before = h.rows();
      for (const [method, path, body] of ROUTES) {
        const response = await send(method, path(), headers, body);
        expect(response.status, `${method} ${path()}`).toBe(401);
        expect(response.headers.get('www-authenticate')).toContain('Bearer');
        const error = ((await response.json()) as ApiErrorBody).error;
        expect(error.code).toBe('admin.unauthorized');
        expect(error.issues?.[0]?.expected).toContain('Bearer');
      }
      expect(h.rows()).toBe(before);
    });
  }
});

describe('admin API with another tenant’s token', () => {
  it('sees none of this tenant’s captures, recipients, movements or evidence', async () => {
    for (const [method, path, body] of ROUTES.filter(([m]) => m === 'GET')) {
      const response = await send(method, path(), OTHER, body);
      const text = await response.text();
      expect(response.status, path()).toBeLessThan(500);
      // A 404 may echo the id the caller sent; nothing else may name the capture.
      if (!path().includes(captureId)) expect(text, path()).not.toContain(captureId);
      expect(text, path()).not.toContain(movementId);
    }
    // The recipient routes echo the address asked about, and hold nothing of this tenant's.
    const timeline = (await (await send('GET', ROUTES[2]![1](), OTHER)).json()) as {
      events: unknown[];
    };
    expect(timeline.events).toEqual([]);
    const evidence = (await (await send('GET', ROUTES[3]![1](), OTHER)).json()) as {
      records: unknown[];
    };
    expect(evidence.records).toEqual([]);
    const one = await send('GET', `/v1/admin/captures/${captureId}`, OTHER);
    expect(one.status).toBe(404);
    const filtered = await send('GET', `/v1/admin/captures?site=${EXAMPLE_SITE_KEY}`, OTHER);
    expect(filtered.status).toBe(400);
    const stats = (await (await send('GET', '/v1/admin/movements/stats', OTHER)).json()) as Record<
      string,
      unknown
    >;
    const mine = (await (await send('GET', '/v1/admin/movements/stats', ADMIN)).json()) as Record<
      string,
      unknown
    >;
    expect(stats).not.toEqual(mine);
  });

  it('cannot retry, withdraw for or hand out links to this tenant’s site, and writes nothing', async () => {
    const before = h.rows();
    const retry = await send('POST', `/v1/admin/movements/${movementId}/retry`, OTHER);
    expect(retry.status).toBe(404);
    const withdrawn = await send('POST', '/v1/admin/withdrawals', OTHER, withdrawal);
    expect(withdrawn.status).toBe(404);
    const link = await send('POST', '/v1/admin/withdrawal-links', OTHER, {
      siteKey: EXAMPLE_SITE_KEY,
      recipient: { phone: PHONE },
    });
    expect(link.status).toBe(404);
    expect(h.rows()).toBe(before);
    // The owner still can.
    expect(
      (
        await send('POST', '/v1/admin/withdrawal-links', ADMIN, {
          siteKey: EXAMPLE_SITE_KEY,
          recipient: { phone: PHONE },
        })
      ).status,
    ).toBe(201);
  });
});
