// The WebhookStore contract (ports/webhook-store.ts): a site's events, fan-out of events to their
// targets in one transaction, leased claims (never one delivery to two claimers), settling,
// backoff, dead letters.
import { canonicalJson } from '@izinli/core';
import { expect, it } from 'vitest';
import {
  SITE_A,
  SITE_B,
  appendCapture,
  at,
  eventFixture,
  phone,
} from './store-fixtures.test-support.js';
import type { StoreGetter } from './store-contract.test-support.js';
import type { WebhookEvent } from '../store.js';
import type { WebhookFanOut, WebhookTargetRef } from '../ports/webhook-store.js';

const HOOK_1 = { tenantId: 'kitabevi', webhookId: 'crm' };
const HOOK_2 = { tenantId: 'kitabevi', webhookId: 'mailer' };

/** Two targets for SITE_A's events, none for SITE_B's. */
const targets = (event: WebhookEvent): WebhookTargetRef[] =>
  event.siteKey === SITE_A ? [HOOK_1, HOOK_2] : [];

let ids = 0;
const fanOut = (overrides: Partial<WebhookFanOut> = {}): WebhookFanOut => ({
  now: at(100),
  limit: 100,
  targets,
  newId: () => `delivery-${(ids += 1)}`,
  ...overrides,
});

export function describeWebhooksContract(store: StoreGetter) {
  /** Events ev-1 and ev-2 of SITE_A, ev-3 of SITE_B; returns SITE_A's capture id. */
  const seed = async () => {
    const { captureId } = await appendCapture(
      store(),
      { n: 1 },
      {
        events: (id) => [eventFixture(1, SITE_A, id), eventFixture(2, SITE_A, id)],
      },
    );
    await appendCapture(
      store(),
      { n: 2, siteKey: SITE_B },
      {
        events: (id) => [eventFixture(3, SITE_B, id)],
      },
    );
    return captureId;
  };
  const claim = (seconds: number, limit = 100) =>
    store().webhookOutbox.claim({ now: at(seconds), leaseUntil: at(seconds + 30), limit });

  it('fans each event out once to its targets, in one transaction', async () => {
    await seed();
    await expect(
      store().webhookOutbox.fanOut(
        fanOut({
          targets: () => {
            throw new Error('boom');
          },
        }),
      ),
    ).rejects.toThrow('boom');
    expect(await store().webhookOutbox.list({})).toEqual([]);
    expect((await store().stats()).pendingEvents).toBe(3);
    expect(await store().webhookOutbox.fanOut(fanOut())).toEqual({ events: 3, deliveries: 4 });
    expect(await store().webhookOutbox.fanOut(fanOut())).toEqual({ events: 0, deliveries: 0 });
    expect((await store().stats()).pendingEvents).toBe(0);
    const listed = await store().webhookOutbox.list({});
    expect(listed.map((d) => `${d.eventId}:${d.webhookId}`)).toEqual([
      'ev-2:mailer',
      'ev-2:crm',
      'ev-1:mailer',
      'ev-1:crm',
    ]);
    expect(listed[0]).toMatchObject({
      ...HOOK_2,
      state: 'pending',
      attempts: 0,
      nextAttemptAt: at(100),
      createdAt: at(100),
    });
    expect(await store().webhookOutbox.counts()).toEqual({ pending: 4, delivered: 0, dead: 0 });
  });

  it('claims due deliveries with their events under a lease, and reclaims expired leases', async () => {
    const captureId = await seed();
    await store().webhookOutbox.fanOut(fanOut());
    expect(await claim(99)).toEqual([]); // not due yet
    const first = await claim(100, 3);
    expect(first.map((d) => d.eventId)).toEqual(['ev-1', 'ev-1', 'ev-2']);
    expect(first[0]!.event).toEqual(eventFixture(1, SITE_A, captureId));
    expect(first[0]!.leaseUntil).toBe(at(130));
    expect((await claim(101)).map((d) => d.eventId)).toEqual(['ev-2']);
    expect(await claim(110)).toEqual([]); // every lease is live
    expect(await claim(131)).toHaveLength(4); // every lease expired
  });

  it('fans an event out once when two workers fan out at the same time', async () => {
    await seed();
    const results = await Promise.all([
      store().webhookOutbox.fanOut(fanOut({ limit: 2 })),
      store().webhookOutbox.fanOut(fanOut({ limit: 2 })),
      store().webhookOutbox.fanOut(fanOut({ limit: 2 })),
    ]);
    expect(results.reduce((sum, r) => sum + r.events, 0)).toBe(3);
    expect(await store().webhookOutbox.list({})).toHaveLength(4);
  });

  it('never gives one delivery to two claims at the same time', async () => {
    await seed();
    await store().webhookOutbox.fanOut(fanOut());
    const [a, b] = await Promise.all([claim(100, 3), claim(100, 3)]);
    const ids = [...a!, ...b!].map((d) => d.id);
    expect(ids).toHaveLength(4);
    expect(new Set(ids).size).toBe(4);
  });

  it('settles under the live lease only: delivered, rescheduled with backoff, dead, retried', async () => {
    await seed();
    await store().webhookOutbox.fanOut(fanOut());
    const [d1, d2, d3] = await claim(100, 3);
    const settle = store().webhookOutbox.settle.bind(store().webhookOutbox);
    expect(
      await settle({
        id: d1!.id,
        leaseUntil: at(999),
        outcome: { state: 'delivered', at: at(101), status: 200 },
      }),
    ).toBe(false);
    expect(
      await settle({
        id: d1!.id,
        leaseUntil: d1!.leaseUntil,
        outcome: { state: 'delivered', at: at(101), status: 204 },
      }),
    ).toBe(true);
    const retryAt = at(160);
    expect(
      await settle({
        id: d2!.id,
        leaseUntil: d2!.leaseUntil,
        outcome: { state: 'pending', nextAttemptAt: retryAt, status: 500, error: 'HTTP 500' },
      }),
    ).toBe(true);
    expect(
      await settle({
        id: d3!.id,
        leaseUntil: d3!.leaseUntil,
        outcome: { state: 'dead', status: 410, error: 'HTTP 410' },
      }),
    ).toBe(true);
    const byId = new Map((await store().webhookOutbox.list({})).map((d) => [d.id, d]));
    expect(byId.get(d1!.id)).toMatchObject({
      state: 'delivered',
      attempts: 1,
      lastStatus: 204,
      deliveredAt: at(101),
    });
    expect(byId.get(d1!.id)!.leaseUntil).toBeUndefined();
    expect(byId.get(d2!.id)).toMatchObject({
      state: 'pending',
      attempts: 1,
      nextAttemptAt: retryAt,
      lastStatus: 500,
      lastError: 'HTTP 500',
    });
    expect(byId.get(d3!.id)).toMatchObject({
      state: 'dead',
      attempts: 1,
      lastStatus: 410,
      lastError: 'HTTP 410',
    });
    // A settled attempt cannot be settled again.
    expect(
      await settle({
        id: d1!.id,
        leaseUntil: d1!.leaseUntil,
        outcome: { state: 'dead', error: 'x' },
      }),
    ).toBe(false);
    // The rescheduled one waits for its time; the dead one never comes back by itself.
    expect((await claim(159)).map((d) => d.id)).not.toContain(d2!.id);
    expect((await claim(200)).map((d) => d.id)).toContain(d2!.id);
    expect(await store().webhookOutbox.list({ state: 'dead' })).toHaveLength(1);
    expect(await store().webhookOutbox.list({ state: 'dead', tenantId: 'other' })).toEqual([]);
    expect(await store().webhookOutbox.retry(d3!.id, 'other', at(300))).toBe(false);
    expect(await store().webhookOutbox.retry(d1!.id, HOOK_1.tenantId, at(300))).toBe(false);
    expect(await store().webhookOutbox.retry(d3!.id, HOOK_1.tenantId, at(300))).toBe(true);
    expect(await store().webhookOutbox.get('no-such-delivery')).toBeUndefined();
    expect(await store().webhookOutbox.get(d3!.id)).toMatchObject({
      state: 'pending',
      attempts: 0,
      nextAttemptAt: at(300),
    });
    expect(await store().webhookOutbox.counts()).toEqual({ pending: 3, delivered: 1, dead: 0 });
  });

  it('lists a site’s webhook events newest first with their payload intact', async () => {
    const first = await appendCapture(
      store(),
      { n: 1, phone: phone(1) },
      {
        events: (captureId) => [
          eventFixture(1, SITE_A, captureId),
          eventFixture(2, SITE_A, captureId),
        ],
      },
    );
    await appendCapture(
      store(),
      { n: 2, siteKey: SITE_B },
      {
        events: (captureId) => [eventFixture(3, SITE_B, captureId)],
      },
    );
    const events = await store().webhookEvents(SITE_A);
    expect(events).toEqual([
      eventFixture(2, SITE_A, first.captureId),
      eventFixture(1, SITE_A, first.captureId),
    ]);
    expect(canonicalJson(events[0]!.payload)).toBe(
      canonicalJson(eventFixture(2, SITE_A, first.captureId).payload),
    );
    expect(await store().webhookEvents(SITE_A, 1)).toHaveLength(1);
    expect((await store().webhookEvents(SITE_B)).map((e) => e.id)).toEqual(['ev-3']);
    expect(await store().webhookEvents('no-such-site-0000000')).toEqual([]);
  });

  it('queues events on their own, once per id, and fans them out like the others', async () => {
    const sms = { ...eventFixture(7, SITE_A, 'no-capture'), type: 'verification.sms' };
    await store().insertWebhookEvents([sms]);
    await store().insertWebhookEvents([{ ...sms, payload: { changed: true } }]);
    await store().insertWebhookEvents([]);
    expect(await store().webhookEvents(SITE_A)).toEqual([sms]);
    const fanned = await store().webhookOutbox.fanOut({
      now: '2026-01-01T00:00:00.000Z',
      limit: 10,
      targets: () => [{ tenantId: 't', webhookId: 'w' }],
      newId: () => 'delivery-7',
    });
    expect(fanned).toEqual({ events: 1, deliveries: 1 });
  });

  it('empties verification SMS events once no delivery waits for them, or after the cut-off', async () => {
    const sms = (n: number, createdAt: string) => ({
      id: `sms-${n}`,
      siteKey: SITE_A,
      type: 'verification.sms',
      createdAt,
      payload: { verificationId: `v-${n}`, to: '+905321234567', text: 'Kodunuz: 123456' },
    });
    await store().insertWebhookEvents([
      sms(1, '2026-01-01T00:00:00.000Z'),
      sms(2, '2026-01-02T00:00:00.000Z'),
      sms(3, '2026-01-02T00:00:00.000Z'),
    ]);
    // sms-1 and sms-2 go to a target; sms-3 has none (fanned out with no delivery).
    await store().webhookOutbox.fanOut({
      now: '2026-01-02T00:00:00.000Z',
      limit: 10,
      targets: (event) => (event.id === 'sms-3' ? [] : [{ tenantId: 't', webhookId: 'w' }]),
      newId: (() => {
        let n = 0;
        return () => `d-${(n += 1)}`;
      })(),
    });
    // Before the cut-off only sms-1 (old, its delivery dies) and sms-3 (nothing waits) go.
    expect(
      await store().scrubVerificationSms('2026-01-01T12:00:00.000Z', '2026-01-02T01:00:00.000Z'),
    ).toBe(2);
    const events = await store().webhookEvents(SITE_A);
    const text = JSON.stringify(events);
    expect(events.find((e) => e.id === 'sms-1')!.payload).toEqual({
      verificationId: 'v-1',
      purged: true,
      purgedAt: '2026-01-02T01:00:00.000Z',
    });
    expect(events.find((e) => e.id === 'sms-2')!.payload).toMatchObject({
      text: 'Kodunuz: 123456',
    });
    expect(text.match(/Kodunuz/g)).toHaveLength(1);
    const dead = await store().webhookOutbox.list({ state: 'dead' });
    expect(dead.map((d) => d.eventId)).toEqual(['sms-1']);
    expect(await store().scrubVerificationSms('2026-01-01T12:00:00.000Z', 'x')).toBe(0);
  });
}
