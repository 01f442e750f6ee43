// The webhook admin routes: this tenant's deliveries by state, the retry of a dead one, and the
// deliveries gauge on /metrics.
import { EXAMPLE_ADMIN_TOKEN, exampleServerConfig } from '@izinli/core/fixtures';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeHarness, postCapture, validCapture } from '../app-harness.test-support.js';

const auth = { Authorization: `Bearer ${EXAMPLE_ADMIN_TOKEN}` };
const NOTHING_TICKED = { MESAJ: false, ARAMA: false, EPOSTA: false };

describe('admin webhooks API', () => {
  let h: Awaited<ReturnType<typeof makeHarness>>;
  beforeEach(async () => {
    const [tenant] = exampleServerConfig.tenants;
    h = await makeHarness({
      config: {
        ...exampleServerConfig,
        tenants: [
          {
            ...tenant!,
            webhooks: [{ id: 'crm', url: 'https://crm.example/hooks', secret: { env: 'WH' } }],
          },
        ],
      },
      env: { WH: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' },
    });
  });
  afterEach(() => h.close());

  /** One capture fanned out, claimed and settled dead; returns the delivery id. */
  const deadDelivery = async () => {
    await postCapture(h.app, validCapture({ channels: NOTHING_TICKED }));
    const outbox = h.store.webhookOutbox;
    const now = new Date().toISOString();
    await outbox.fanOut({
      now,
      limit: 10,
      targets: () => [{ tenantId: 'ornek-kitabevi', webhookId: 'crm' }],
      newId: () => 'delivery-1',
    });
    const leaseUntil = new Date(Date.parse(now) + 30_000).toISOString();
    const [claimed] = await outbox.claim({ now, leaseUntil, limit: 1 });
    await outbox.settle({
      id: claimed!.id,
      leaseUntil: claimed!.leaseUntil,
      outcome: { state: 'dead', status: 410, error: 'HTTP 410' },
    });
    return claimed!.id;
  };

  it('lists deliveries by state and retries a dead one', async () => {
    const id = await deadDelivery();
    const list = await h.app.request('/v1/admin/webhooks/deliveries?state=dead', { headers: auth });
    expect(list.status).toBe(200);
    expect(await list.json()).toMatchObject({
      items: [{ id, webhookId: 'crm', state: 'dead', lastStatus: 410, lastError: 'HTTP 410' }],
    });
    const pending = await h.app.request('/v1/admin/webhooks/deliveries?state=pending', {
      headers: auth,
    });
    expect(await pending.json()).toEqual({ items: [] });
    const metrics = await (await h.app.request('/metrics')).text();
    expect(metrics).toMatch(/izinli_webhook_deliveries\{state="dead"\} 1/);

    const retried = await h.app.request(`/v1/admin/webhooks/deliveries/${id}/retry`, {
      method: 'POST',
      headers: auth,
    });
    expect(retried.status).toBe(200);
    expect(await retried.json()).toMatchObject({ delivery: { id, state: 'pending', attempts: 0 } });
    const again = await h.app.request(`/v1/admin/webhooks/deliveries/${id}/retry`, {
      method: 'POST',
      headers: auth,
    });
    expect(again.status).toBe(404);
    expect(await again.json()).toMatchObject({ error: { code: 'webhookDelivery.notDead' } });
  });

  it('refuses a bad state, and callers without a token', async () => {
    const bad = await h.app.request('/v1/admin/webhooks/deliveries?state=lost', { headers: auth });
    expect(bad.status).toBe(400);
    expect((await h.app.request('/v1/admin/webhooks/deliveries')).status).toBe(401);
  });
});
