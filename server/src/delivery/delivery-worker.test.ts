// The delivery worker against the İYS simulator over real HTTP: delivered in consentDate order per
// key, nothing İYS would refuse is sent (A18), faults end with everything delivered, nothing dead
// wrongly, and a movement past İYS's 3-business-day window is dead-lettered loudly (A8).
import { movementKey } from '@izinli/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SITE_A, phone } from '../store/contract/store-fixtures.test-support.js';
import { MINUTE, startHarness } from './delivery-sim.test-support.js';
import type { DeliveryHarness } from './delivery-sim.test-support.js';
import type { DeliveryWorkerOptions } from './delivery-worker.js';
import { mirroredOnIys } from './movement-fixture.test-support.js';

describe('delivery worker against the İYS simulator over HTTP', () => {
  let h: DeliveryHarness;
  const worker = (extra: Partial<DeliveryWorkerOptions> = {}) => h.worker(extra);
  const enqueue: DeliveryHarness['enqueue'] = (specs) => h.enqueue(specs);
  const simMovements = () => h.simMovements();
  const byCode = () => h.sim.stats().byCode;
  const all = () => h.store.movements({});

  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(async () => {
    await h.close();
    await h.sim.close();
  });

  it('delivers with v2 single add, stores transactionId and creationDate, updates the mirror', async () => {
    const a = phone(101);
    const made = await enqueue([
      { recipient: a, minutesAgo: 10 },
      { recipient: phone(102), minutesAgo: 9 },
    ]);
    await enqueue([{ recipient: a, status: 'RET', minutesAgo: 5 }]);
    const [first] = await worker().runOnce();
    // The key's RET waits for the next second after its ONAY (one transactionId per key and second).
    expect(first).toMatchObject({ iysCode: 100000, claimed: 2, sent: 2, delivered: 2, dead: 0 });
    h.sim.advance(1000);
    const [second] = await worker().runOnce();
    expect(second).toMatchObject({ claimed: 1, sent: 1, delivered: 1 });
    const rows = await all();
    expect(rows.map((m) => m.state)).toEqual(['delivered', 'delivered', 'delivered']);
    const onSim = await simMovements();
    for (const m of rows) {
      const twin = onSim.find((s) => s.transactionId === m.transactionId);
      expect(twin).toMatchObject({ recipient: m.recipient, status: m.status });
      expect(m.creationDate).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    }
    const mirror = await h.store.mirror([movementKey(made[0]!)]);
    expect(mirror.get(movementKey(made[0]!))).toMatchObject({ status: 'RET' });
    expect(byCode()).toEqual({});
    // One consent.delivered per movement, written with its state change, in the capture's site.
    const delivered = (await h.store.webhookEvents(SITE_A)).filter(
      (e) => e.type === 'consent.delivered',
    );
    const byMovement = (p: unknown) => (p as { movementId: string }).movementId;
    expect(
      delivered.map((e) => e.payload).sort((a, b) => byMovement(a).localeCompare(byMovement(b))),
    ).toEqual(
      rows.map((m) =>
        expect.objectContaining({
          movementId: m.id,
          recipient: m.recipient,
          status: m.status,
          transactionId: m.transactionId,
          creationDate: m.creationDate,
          via: 'single',
        }),
      ),
    );
  });

  it('keeps each key in consentDate order with many movements and two workers at once', async () => {
    const keys = [phone(201), phone(202), phone(203)];
    // Alternating ONAY/RET per key, queued newest first so insertion order is not the answer.
    for (let step = 5; step >= 0; step -= 1) {
      await enqueue(
        keys.map((recipient) => ({
          recipient,
          status: step % 2 === 0 ? ('ONAY' as const) : ('RET' as const),
          minutesAgo: 60 - step * 5,
        })),
      );
    }
    const [one, two] = [worker({ concurrency: 4 }), worker({ concurrency: 4 })];
    for (let round = 0; round < 20 && (await h.store.stats()).pendingMovements > 0; round += 1) {
      await Promise.all([one.runOnce(), two.runOnce()]);
      h.sim.advance(1000);
    }
    expect((await all()).every((m) => m.state === 'delivered')).toBe(true);
    const onSim = await simMovements();
    expect(onSim).toHaveLength(18);
    for (const recipient of keys) {
      const dates = onSim.filter((m) => m.recipient === recipient).map((m) => m.consentDate);
      expect(dates).toEqual([...dates].sort());
      expect(new Set(dates).size).toBe(6);
      const ids = onSim.filter((m) => m.recipient === recipient).map((m) => m.transactionId);
      expect(new Set(ids).size).toBe(6);
    }
    expect(byCode()).toEqual({});
  });

  it('never sends what İYS would refuse: same status, a first RET, an older movement (H174/H175/H178)', async () => {
    const same = phone(301);
    const [onay] = await enqueue([{ recipient: same, minutesAgo: 30 }]);
    await h.store.upsertMirror([mirroredOnIys(h.sim, onay!, 'ONAY', 40)]);
    const newer = phone(302);
    const [older] = await enqueue([
      { recipient: newer, status: 'RET', minutesAgo: 20 },
      { recipient: phone(303), status: 'RET', minutesAgo: 20 },
    ]);
    await h.store.upsertMirror([mirroredOnIys(h.sim, older!, 'ONAY', 10)]);
    const [report] = await worker().runOnce();
    expect(report).toMatchObject({ claimed: 3, sent: 0, alreadyCurrent: 2, dead: 1 });
    expect((await all()).map((m) => [m.state, m.lastError?.code])).toEqual([
      ['already-current', 'H174'],
      ['dead', 'H178'],
      ['already-current', 'H175'],
    ]);
    expect(h.sim.stats().requests).toBe(0);
    expect(byCode()).toEqual({});
    // Only the dead letter is a rejection the site owner hears of; settled ones are not.
    const events = await h.store.webhookEvents(SITE_A);
    expect(events.map((e) => [e.type, (e.payload as { error?: unknown }).error])).toEqual([
      ['consent.rejected', expect.objectContaining({ code: 'H178' })],
    ]);
  });

  it('rides out 500, 503, H123 and an outage: everything delivered afterwards, nothing dead', async () => {
    for (let n = 0; n < 20; n += 1) await enqueue([{ recipient: phone(400 + n), minutesAgo: 30 }]);
    const outageEnd = new Date(h.sim.now().getTime() + 5 * MINUTE).toISOString();
    h.sim.setFaults({ outage: { from: h.sim.now().toISOString(), to: outageEnd } });
    const w = worker();
    await w.runOnce();
    expect((await h.store.stats()).pendingMovements).toBe(20);
    h.sim.setFaults({ outage: null, errorRate: 0.4, errorKinds: ['500', '503', 'H123'] });
    for (let round = 0; round < 60 && (await h.store.stats()).pendingMovements > 0; round += 1) {
      h.sim.advance(MINUTE);
      await w.runOnce();
    }
    const rows = await all();
    expect(rows.filter((m) => m.state !== 'delivered')).toEqual([]);
    expect(rows.some((m) => m.attempts > 1)).toBe(true);
    expect(h.sim.stats().injectedErrors).toBeGreaterThan(0);
    expect((await simMovements()).length).toBe(20);
    expect(byCode().H174 ?? 0).toBe(0);
  });

  it('dead-letters a movement past İYS’s 3-business-day window as deadline-missed, loudly, unsent', async () => {
    // 2025-10-15 10:00 (Turkey) is a Wednesday: Thursday 9 October's window closed at 00:00 today.
    await enqueue([{ recipient: phone(501), minutesAgo: 6 * 24 * 60 }]);
    const [report] = await worker().runOnce();
    expect(report).toMatchObject({ claimed: 1, sent: 0, dead: 1 });
    const [dead] = await h.store.movements({ state: 'dead' });
    expect(dead!.lastError).toMatchObject({ code: 'deadline-missed' });
    expect(h.sim.stats().requests).toBe(0);
    const loud = h.logs
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .find((l) => l.level === 50);
    expect(loud).toMatchObject({ code: 'deadline-missed', movementId: dead!.id });
    expect(JSON.stringify(loud)).not.toContain(phone(501));
    const [rejected] = await h.store.webhookEvents(SITE_A);
    expect(rejected).toMatchObject({
      type: 'consent.rejected',
      payload: { movementId: dead!.id, error: { code: 'deadline-missed' } },
    });
  });
});
