// The delivery admin routes: movements by state, a dead letter with İYS's code, its retry, stats,
// each scoped to the tenant's sites (another tenant's token sees nothing of them).
import { createHash } from 'node:crypto';
import { Movement, formatIysDate } from '@izinli/core';
import type { ServerConfigInput } from '@izinli/core';
import {
  EXAMPLE_ADMIN_TOKEN,
  EXAMPLE_SITE_KEY,
  exampleServerConfig,
  exampleSiteConfig,
} from '@izinli/core/fixtures';
import { describe, expect, it } from 'vitest';
import { appendCapture, phone } from '../../store/contract/store-fixtures.test-support.js';
import { harnessPerTest, postCapture, validCapture } from '../app-harness.test-support.js';
import type { Harness } from '../app-harness.test-support.js';

const auth = { Authorization: `Bearer ${EXAMPLE_ADMIN_TOKEN}` };

describe('admin movements API', () => {
  let harness: Harness;
  harnessPerTest((made) => (harness = made));

  it('lists movements by state, shows a dead letter’s code, retries it and counts by state', async () => {
    expect((await postCapture(harness.app, validCapture())).status).toBe(201);
    const pending = await harness.app.request('/v1/admin/movements?state=pending', {
      headers: auth,
    });
    const { items } = (await pending.json()) as { items: { id: string; leaseUntil?: string }[] };
    expect(items.length).toBeGreaterThan(0);
    const far = new Date(Date.now() + 86_400_000).toISOString();
    const [claimed] = await harness.store.claimMovements({ now: far, leaseUntil: far, limit: 1 });
    const error = { code: 'H121', message: 'Alıcı formatı geçersiz.' };
    await harness.store.finishMovements([
      { id: claimed!.id, leaseUntil: claimed!.leaseUntil!, outcome: { state: 'dead', error } },
    ]);
    const dead = await harness.app.request('/v1/admin/movements?state=dead', { headers: auth });
    expect(((await dead.json()) as { items: unknown[] }).items).toEqual([
      expect.objectContaining({ id: claimed!.id, state: 'dead', lastError: error }),
    ]);
    const stats = await harness.app.request('/v1/admin/movements/stats', { headers: auth });
    expect(await stats.json()).toMatchObject({ byState: { dead: 1 } });
    const retry = (id: string) =>
      harness.app.request(`/v1/admin/movements/${id}/retry`, { method: 'POST', headers: auth });
    const retried = await retry(claimed!.id);
    expect(retried.status).toBe(200);
    expect(await retried.json()).toMatchObject({ movement: { state: 'pending', attempts: 0 } });
    expect((await retry(claimed!.id)).status).toBe(404);
    const bad = await harness.app.request('/v1/admin/movements?state=lost', { headers: auth });
    expect(bad.status).toBe(400);
    expect((await harness.app.request('/v1/admin/movements')).status).toBe(401);
  });
});

describe('admin movements API with two tenants', () => {
  const OTHER_TOKEN = 'izinli-ikinci-kiraci-token-0002';
  const other = { Authorization: `Bearer ${OTHER_TOKEN}` };
  // A second tenant on the same İYS brand: scoping must follow the sites, not the brand.
  const twoTenants: ServerConfigInput = {
    ...exampleServerConfig,
    tenants: [
      ...exampleServerConfig.tenants,
      {
        id: 'ikinci-kiraci',
        name: 'İkinci Kiracı A.Ş.',
        adminTokens: [
          { label: 'ops', sha256: createHash('sha256').update(OTHER_TOKEN).digest('hex') },
        ],
        webhooks: [],
        sites: [{ ...exampleSiteConfig, siteKey: 'ikinci-kiraci-site-0002', name: 'İkinci' }],
      },
    ],
  };
  let harness: Harness;
  harnessPerTest((made) => (harness = made), { config: twoTenants });

  const get = async (path: string, headers: Record<string, string>) => {
    const res = await harness.app.request(path, { headers });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };

  it('shows a tenant only its own movements, stats and dead letters, a page at a time', async () => {
    for (let i = 0; i < 3; i += 1)
      expect((await postCapture(harness.app, validCapture())).status).toBe(201);
    const mine = await get('/v1/admin/movements?limit=4', auth);
    const items = mine.body.items as { id: string; siteKey: string }[];
    expect(items).toHaveLength(4);
    expect(items.every((m) => m.siteKey === EXAMPLE_SITE_KEY)).toBe(true);
    const rest = await get(
      `/v1/admin/movements?limit=4&cursor=${mine.body.nextCursor as string}`,
      auth,
    );
    const restItems = rest.body.items as { id: string }[];
    expect(restItems).toHaveLength(2);
    expect(rest.body.nextCursor).toBeUndefined();
    expect(new Set([...items, ...restItems].map((m) => m.id)).size).toBe(6);
    // The other tenant sees none of them, counts none of them, and cannot retry one.
    expect((await get('/v1/admin/movements', other)).body.items).toEqual([]);
    const far = new Date(Date.now() + 86_400_000).toISOString();
    const [claimed] = await harness.store.claimMovements({ now: far, leaseUntil: far, limit: 1 });
    const error = { code: 'H120', message: 'E-posta formatı geçersiz.' };
    await harness.store.finishMovements([
      { id: claimed!.id, leaseUntil: claimed!.leaseUntil!, outcome: { state: 'dead', error } },
    ]);
    const theirs = await get('/v1/admin/movements/stats', other);
    expect(theirs.body).toMatchObject({
      byState: { pending: 0, dead: 0, 'in-flight': 0, delivered: 0 },
      nearDeadline: 0,
    });
    expect((await get('/v1/admin/movements/stats', auth)).body).toMatchObject({
      byState: { pending: 5, dead: 1 },
    });
    const retry = (headers: Record<string, string>) =>
      harness.app.request(`/v1/admin/movements/${claimed!.id}/retry`, { method: 'POST', headers });
    expect((await retry(other)).status).toBe(404);
    expect((await get('/v1/admin/movements?state=dead', auth)).body.items).toEqual([
      expect.objectContaining({ id: claimed!.id, lastError: error }),
    ]);
    expect((await retry(auth)).status).toBe(200);
    const bad = await get('/v1/admin/movements?cursor=nope', auth);
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ error: { code: 'query.invalid' } });
    expect((await get('/v1/admin/movements?atRisk=maybe', auth)).status).toBe(400);
  });

  it('lists the tenant’s open movements within 24 h of their deadline with ?atRisk=true (A8)', async () => {
    const now = Date.now();
    await appendCapture(
      harness.store,
      { n: 1, siteKey: EXAMPLE_SITE_KEY, phone: phone(1) },
      {
        movements: (captureId) =>
          [2, 30].map((hours, i) =>
            Movement.parse({
              id: `mv-risk-${i}`,
              captureId,
              iysCode: 100000,
              brandCode: 100000,
              recipientType: 'BIREYSEL',
              type: 'MESAJ',
              recipient: phone(10 + i),
              status: 'ONAY',
              consentDate: formatIysDate(new Date(now - 3_600_000)),
              source: 'HS_WEB',
              state: 'pending',
              attempts: 0,
              nextAttemptAt: new Date(now).toISOString(),
              deadline: new Date(now + hours * 3_600_000).toISOString(),
            }),
          ),
      },
    );
    const risky = await get('/v1/admin/movements?atRisk=true', auth);
    expect((risky.body.items as { id: string }[]).map((m) => m.id)).toEqual(['mv-risk-0']);
    expect((await get('/v1/admin/movements?atRisk=true', other)).body.items).toEqual([]);
    expect((await get('/v1/admin/movements/stats', auth)).body).toMatchObject({ nearDeadline: 1 });
    const metrics = await (await harness.app.request('/metrics')).text();
    expect(metrics).toMatch(/^izinli_movements_near_deadline 1$/m);
    expect(metrics).toMatch(/^izinli_movements\{state="pending"\} 2$/m);
  });
});
