// The batch path against the İYS simulator over real HTTP: a large backlog goes in batches of
// ≤ 1000 unique keys per brand, polled no sooner than İYS's 300 s, each item settled once (A8, A18),
// refusals settled with İYS's code and message; delivery events are written with the state change,
// and movements near their deadline are flagged once.
import { expect, it } from 'vitest';
import { phone } from '../store/contract/store-fixtures.test-support.js';
import { FIRST_POLL, MINUTE, describeBatchStores } from './batch-sim.test-support.js';
import { mirroredOnIys } from './movement-fixture.test-support.js';

describeBatchStores('batch delivery against the İYS simulator over HTTP', (h) => {
  it('sends a backlog of 1200 in batches of ≤ 1000, polls after 300 s, delivers each exactly once (A8)', async () => {
    await h.backlog(1200);
    const w = h.worker();
    const [submitted] = await w.runOnce();
    expect(submitted).toMatchObject({ claimed: 1200, batches: 2, batched: 1200, delivered: 0 });
    const batches = await h.simBatches();
    expect(batches.map((b) => b.items).sort((a, b) => a - b)).toEqual([200, 1000]);
    expect((await h.all()).every((m) => m.state === 'in-flight')).toBe(true);
    // Before İYS's 300 s nothing is polled, nothing is sent again.
    h.sim.advance(FIRST_POLL - 10_000);
    const [early] = await w.runOnce();
    expect(early).toMatchObject({ polls: 0, claimed: 0, sent: 0 });
    h.sim.advance(10_000);
    const [settled] = await w.runOnce();
    expect(settled).toMatchObject({ polls: 2, delivered: 1200, dead: 0, claimed: 0 });
    const rows = await h.all();
    expect(rows.filter((m) => m.state !== 'delivered')).toEqual([]);
    const onSim = await h.simMovements();
    expect(onSim).toHaveLength(1200);
    expect(new Set(onSim.map((m) => m.recipient)).size).toBe(1200);
    const byTx = new Map(onSim.map((m) => [m.transactionId, m]));
    for (const m of rows) expect(byTx.get(m.transactionId!)?.recipient).toBe(m.recipient);
    expect(h.submits()).toBe(2);
    expect(h.sim.stats().byCode).toEqual({});
    const delivered = await h.events('consent.delivered');
    expect(delivered).toHaveLength(1200);
    expect(delivered[0]!.payload).toMatchObject({
      via: 'batch',
      status: 'ONAY',
      iysCode: 100000,
    });
    const mirror = await h.store.mirror([`100000:100000:BIREYSEL:MESAJ:${phone(0)}`]);
    expect([...mirror.values()].map((e) => e.status)).toEqual(['ONAY']);
    expect((await h.store.batches()).map((b) => b.state)).toEqual(['done', 'done']);
  });

  it('settles batch item failures: H174 already current, H178 dead with İYS’s code and a consent.rejected event (A18)', async () => {
    const made = await h.backlog(59);
    // X: our mirror still says ONAY, a citizen refused on İYS since, and the site sends RET too.
    const x = phone(5000);
    const [ret] = await h.enqueue([{ recipient: x, status: 'RET', minutesAgo: 10 }]);
    await h.store.upsertMirror([mirroredOnIys(h.sim, ret!, 'ONAY', 60, 'HS_WEB')]);
    expect((await h.citizen(x, 'RET', 20)).status).toBeLessThan(300);
    // made[1]: a citizen's RET on İYS is newer than the site's ONAY (H178 at İYS).
    expect((await h.citizen(made[1]!.recipient, 'RET', 10)).status).toBeLessThan(300);
    const w = h.worker();
    expect((await w.runOnce())[0]).toMatchObject({ batches: 1, batched: 60 });
    h.sim.advance(FIRST_POLL);
    const [report] = await w.runOnce();
    expect(report).toMatchObject({ delivered: 58, alreadyCurrent: 1, dead: 1 });
    expect(
      (await h.store.mirror([`100000:100000:BIREYSEL:MESAJ:${x}`])).get(
        `100000:100000:BIREYSEL:MESAJ:${x}`,
      )?.status,
    ).toBe('RET');
    const byId = new Map((await h.all()).map((m) => [m.id, m]));
    expect(byId.get(ret!.id)).toMatchObject({
      state: 'already-current',
      lastError: { code: 'H174' },
    });
    const dead = byId.get(made[1]!.id)!;
    expect(dead).toMatchObject({ state: 'dead', lastError: { code: 'H178' } });
    expect(dead.lastError!.message.length).toBeGreaterThan(0);
    const rejected = await h.events('consent.rejected');
    expect(rejected.map((e) => e.payload)).toEqual([
      expect.objectContaining({
        movementId: dead.id,
        type: 'MESAJ',
        status: 'ONAY',
        recipient: dead.recipient,
        error: dead.lastError,
      }),
    ]);
    // The log names the dead letter by id and code, never by its recipient.
    const warned = h.logs.find((l) => l.includes('dead-lettered'))!;
    expect(warned).toContain(dead.id);
    expect(warned).not.toContain(dead.recipient);
    expect(await h.events('consent.delivered')).toHaveLength(58);
  });

  it('dead-letters the items İYS refuses by index (422 H120) and sends the rest of the batch (A18)', async () => {
    // An İYS stricter on e-mail than we are: no "+" in the local part.
    await h.restartSim({ policy: { emailPattern: /^[a-z0-9.]+@[a-z0-9.]+\.[a-z]{2,}$/ } });
    const made = await h.backlog(59);
    const [bad] = await h.enqueue([
      { recipient: 'kisi+1@ornek.com.tr', minutesAgo: 30, type: 'EPOSTA' },
    ]);
    const w = h.worker();
    const [first] = await w.runOnce();
    expect(first).toMatchObject({ dead: 1, batches: 1, batched: 59 });
    expect(h.sim.stats().byCode).toMatchObject({ H120: 1 });
    const [row] = await h.store.movements({ captureId: bad!.captureId });
    expect(row).toMatchObject({ state: 'dead', lastError: { code: 'H120' } });
    expect(await h.events('consent.rejected')).toHaveLength(1);
    h.sim.advance(FIRST_POLL);
    await w.runOnce();
    expect((await h.all()).filter((m) => m.state === 'delivered')).toHaveLength(made.length);
    expect(await h.simMovements()).toHaveLength(59);
  });

  it('retries 5xx and H123 on submit with backoff; everything is delivered afterwards, nothing dead', async () => {
    await h.backlog(120);
    h.sim.setFaults({ errorRate: 0.5, errorKinds: ['500', '503', 'H123'] });
    const w = h.worker();
    for (let round = 0; round < 40 && (await h.store.stats()).pendingMovements > 0; round += 1) {
      await w.runOnce();
      h.sim.advance(FIRST_POLL);
    }
    h.sim.setFaults({ errorRate: 0 });
    const rows = await h.all();
    expect(rows.filter((m) => m.state !== 'delivered')).toEqual([]);
    expect(h.sim.stats().injectedErrors).toBeGreaterThan(0);
    expect(await h.simMovements()).toHaveLength(120);
  });

  it('flags each open movement within 24 h of its deadline once: consent.deadline_at_risk (A8)', async () => {
    const [soon] = await h.enqueue([
      { recipient: phone(900), minutesAgo: 5, deadlineInMs: 20 * 3_600_000 },
      { recipient: phone(901), minutesAgo: 5 },
    ]);
    // An outage keeps it pending across runs: still one event.
    h.sim.setFaults({
      outage: {
        from: h.sim.now().toISOString(),
        to: new Date(h.sim.now().getTime() + 3_600_000).toISOString(),
      },
    });
    const w = h.worker();
    expect((await w.runOnce())[0]).toMatchObject({ atRisk: 1 });
    h.sim.advance(MINUTE);
    expect((await w.runOnce())[0]).toMatchObject({ atRisk: 0 });
    const flagged = await h.events('consent.deadline_at_risk');
    expect(flagged.map((e) => e.payload)).toEqual([
      expect.objectContaining({
        movementId: soon!.id,
        deadline: soon!.deadline,
        state: 'pending',
      }),
    ]);
    const stats = await h.store.deliveryStats(
      new Date(h.sim.now().getTime() + 86_400_000).toISOString(),
    );
    expect(stats.nearDeadline).toBe(1);
  });
});
