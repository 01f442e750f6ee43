// Crash safety of the batch bookkeeping against the İYS simulator over real HTTP: a worker dropped
// between submit and poll, a batch İYS keeps queued, a submission interrupted before İYS's answer
// was stored. In every case each movement reaches İYS exactly once and none is lost.
import { expect, it } from 'vitest';
import { BRAND, FIRST_POLL, MINUTE, describeBatchStores } from './batch-sim.test-support.js';

describeBatchStores('batch bookkeeping across a dropped worker', (h) => {
  it('survives a worker dropped after submitting: a fresh one resumes polling, nothing resent, nothing lost', async () => {
    await h.backlog(300);
    expect((await h.worker().runOnce())[0]).toMatchObject({ batches: 1, batched: 300 });
    // The first worker is gone. Its movements' leases run out; a fresh worker must not resend them.
    h.sim.advance(FIRST_POLL);
    const fresh = h.worker();
    const [report] = await fresh.runOnce();
    expect(report).toMatchObject({ claimed: 0, polls: 1, delivered: 300 });
    expect(h.submits()).toBe(1);
    expect(await h.simBatches()).toHaveLength(1);
    expect(await h.simMovements()).toHaveLength(300);
    expect((await h.all()).every((m) => m.state === 'delivered')).toBe(true);
  });

  it('keeps polling a batch İYS has not processed, extending its lease, and never resends it', async () => {
    await h.backlog(80);
    h.sim.setFaults({ batchDelayMs: 30 * MINUTE });
    const w = h.worker();
    await w.runOnce();
    for (let i = 0; i < 4; i += 1) {
      h.sim.advance(FIRST_POLL);
      await h.worker().runOnce();
      const leases = (await h.all()).map((m) => Date.parse(m.leaseUntil ?? ''));
      // Bound to the batch: leases always reach past the next poll, whoever polls.
      expect(Math.min(...leases)).toBeGreaterThan(h.sim.now().getTime());
    }
    expect((await h.store.batches())[0]).toMatchObject({ state: 'submitted', polls: 4 });
    h.sim.advance(15 * MINUTE);
    await w.runOnce();
    expect((await h.all()).every((m) => m.state === 'delivered')).toBe(true);
    expect(h.submits()).toBe(1);
    expect(await h.simMovements()).toHaveLength(80);
  });

  it('recovers a submission interrupted before İYS answered: the items return and are delivered once', async () => {
    const made = await h.backlog(70);
    const at = h.sim.now();
    const claimed = await h.store.claimMovements({
      now: at.toISOString(),
      leaseUntil: new Date(at.getTime() + 120_000).toISOString(),
      limit: 100,
    });
    // The worker wrote its batch and died before (or while) posting it.
    await h.store.openBatch({
      id: 'crashed-batch',
      ...BRAND,
      createdAt: at.toISOString(),
      leaseUntil: claimed[0]!.leaseUntil!,
      items: claimed.map((m) => ({ id: m.id, leaseUntil: m.leaseUntil! })),
    });
    h.sim.advance(60_000);
    const w = h.worker();
    expect((await w.runOnce())[0]).toMatchObject({ claimed: 0 });
    h.sim.advance(61_000);
    expect((await w.runOnce())[0]).toMatchObject({ claimed: 70, batches: 1 });
    h.sim.advance(FIRST_POLL);
    await w.runOnce();
    expect((await h.all()).filter((m) => m.state === 'delivered')).toHaveLength(made.length);
    expect(await h.simMovements()).toHaveLength(70);
    const [newest, crashed] = await h.store.batches();
    expect(crashed).toMatchObject({
      id: 'crashed-batch',
      state: 'failed',
      lastError: { code: 'batch-interrupted' },
    });
    expect(newest).toMatchObject({ state: 'done', size: 70 });
  });
});
