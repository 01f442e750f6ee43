// The delivery admin routes: movements by state, a dead letter with İYS's code, its retry, stats.
import { EXAMPLE_ADMIN_TOKEN } from '@izinli/core/fixtures';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeHarness, postCapture, validCapture } from '../app-harness.test-support.js';

const auth = { Authorization: `Bearer ${EXAMPLE_ADMIN_TOKEN}` };

describe('admin movements API', () => {
  let harness: Awaited<ReturnType<typeof makeHarness>>;
  beforeEach(async () => {
    harness = await makeHarness();
  });
  afterEach(async () => {
    await harness.close();
  });

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
