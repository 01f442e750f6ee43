// More of İYS's faults (delivery-faults.test.ts and delivery-worker.test.ts cover errors, a short
// outage, timeouts, drops, 429 and tokens): answers that are not the JSON İYS documents (HTML,
// truncated, the wrong shape, on success statuses too), İYS flapping up and down pass after pass,
// an outage of most of a day, and the server's clock jumping a day forward and back. Each ends
// with every movement on İYS exactly once, in order, nothing dead but the one İYS must refuse
// (A18), and every deadline still the one computed from the movement's consentDate (A11).
import type { FetchLike } from '@izinli/iys';
import { GARBLED_BODIES } from '@izinli/iys-sim';
import { describe, expect, it } from 'vitest';
import { HOUR, MINUTE, harnessesClosedAfterEach } from './delivery-sim.test-support.js';

/**
 * Replaces the body of every `every`-th answer (token and consent calls alike) with garbage,
 * after İYS acted on the request: the worst case, since İYS has the movement and we cannot tell.
 */
const garbleEvery =
  (every: number, counts: { garbled: number; seen: number }) =>
  (fetch: FetchLike): FetchLike =>
  async (request) => {
    const response = await fetch(request);
    counts.seen += 1;
    if (counts.seen % every !== 0) return response;
    await response.arrayBuffer();
    const body = GARBLED_BODIES[counts.garbled % GARBLED_BODIES.length]!;
    counts.garbled += 1;
    return new Response(body, {
      status: response.status,
      headers: { 'Content-Type': 'application/json' },
    });
  };

describe('delivery under long and odd İYS faults (simulator over HTTP)', () => {
  const startHarness = harnessesClosedAfterEach();

  it('A18: answers that are not JSON, cut short or the wrong shape are retried; each movement lands once', async () => {
    const h = await startHarness();
    const counts = { garbled: 0, seen: 0 };
    const workload = await h.queueTrickyWorkload(8);
    const w = h.worker({}, garbleEvery(3, counts));
    await h.deliverAll(w, { stepMs: MINUTE, rounds: 400 });
    expect(counts.garbled).toBeGreaterThanOrEqual(GARBLED_BODIES.length);
    await h.expectDeliveredOnce(workload);
    // A garbled answer is a failure to retry, recorded without the body.
    const retried = (await h.store.movements({})).filter((m) => m.attempts > 1);
    expect(retried.length).toBeGreaterThan(0);
    expect(h.logs.join('\n')).not.toContain('Bad Gateway');
  });

  it('A18: İYS flapping (down one pass, up the next, errors between) loses nothing and sends nothing twice', async () => {
    const h = await startHarness();
    const workload = await h.queueTrickyWorkload(10);
    const w = h.worker({ claimLimit: 4 });
    let flips = 0;
    for (let round = 0; round < 300 && (await h.store.stats()).pendingMovements > 0; round += 1) {
      const down = round % 2 === 0;
      const now = h.sim.now();
      h.sim.setFaults(
        down
          ? {
              outage: {
                from: now.toISOString(),
                to: new Date(now.getTime() + 30_000).toISOString(),
              },
            }
          : { outage: null, errorRate: 0.3, errorKinds: ['500', '503', 'H123'] },
      );
      flips += 1;
      await w.runOnce();
      h.sim.advance(MINUTE);
    }
    h.sim.clearFaults();
    await h.deliverAll(w, { stepMs: MINUTE });
    expect(flips).toBeGreaterThan(4);
    await h.expectDeliveredOnce(workload);
  });

  it('A11, A18: an outage of 20 hours holds everything back, then all of it is delivered, none dead', async () => {
    const h = await startHarness();
    const workload = await h.queueTrickyWorkload(6);
    const deadlines = new Map((await h.store.movements({})).map((m) => [m.id, m.deadline]));
    const start = h.sim.now();
    h.sim.setFaults({
      outage: {
        from: start.toISOString(),
        to: new Date(start.getTime() + 20 * HOUR).toISOString(),
      },
    });
    const w = h.worker();
    // A pass every 10 simulated minutes through the outage: every attempt fails, none is final.
    while (h.sim.now().getTime() < start.getTime() + 20 * HOUR) {
      await w.runOnce();
      h.sim.advance(10 * MINUTE);
    }
    const during = await h.store.movements({});
    expect(during.filter((m) => m.state === 'delivered')).toEqual([]);
    // Only the movement İYS would refuse (H178, never sent) is dead; the outage killed nothing.
    expect(during.filter((m) => m.state === 'dead').map((m) => m.lastError?.code)).toEqual([
      'H178',
    ]);
    // The outage's bare 503s were answered, pass after pass.
    expect(h.sim.stats().byStatus['503'] ?? 0).toBeGreaterThan(20);
    await h.deliverAll(w, { stepMs: 10 * MINUTE, rounds: 400 });
    await h.expectDeliveredOnce(workload);
    for (const m of await h.store.movements({})) expect(m.deadline, m.id).toBe(deadlines.get(m.id));
  });

  it('A11, A18: the server clock jumping a day forward and back dead-letters nothing wrongly; deadlines stay', async () => {
    const h = await startHarness();
    const workload = await h.queueTrickyWorkload(6);
    const deadlines = new Map((await h.store.movements({})).map((m) => [m.id, m.deadline]));
    const skew = { ms: 0 };
    const w = h.worker({ now: () => new Date(h.sim.now().getTime() + skew.ms) });
    h.sim.setFaults({ errorRate: 0.3, errorKinds: ['500', '503'] });
    await w.runOnce();
    skew.ms = 24 * HOUR;
    for (let i = 0; i < 5; i += 1) {
      await w.runOnce();
      h.sim.advance(MINUTE);
    }
    skew.ms = 0;
    for (let i = 0; i < 5; i += 1) {
      await w.runOnce();
      h.sim.advance(MINUTE);
    }
    h.sim.clearFaults();
    // Retries scheduled while the clock was a day ahead come due once real time catches up.
    await h.deliverAll(w, { stepMs: 30 * MINUTE, rounds: 200 });
    await h.expectDeliveredOnce(workload);
    for (const m of await h.store.movements({})) expect(m.deadline, m.id).toBe(deadlines.get(m.id));
  });
});
