// The delivery worker under İYS's faults, against the simulator over real HTTP with a frozen
// simulated clock and seeded randomness (delivery-worker.test.ts covers 500/503/H123 and outage
// windows): token expiry and revocation mid-run, the hour-long H084 halt, timeouts, the
// per-second limit's 429 H124 and dropped connections. Each ends with every movement on İYS
// exactly once, in order, nothing dead wrongly, and H174/H175/H178 never reaching İYS (A18).
import type { FetchLike } from '@izinli/iys';
import { describe, expect, it } from 'vitest';
import { HOUR, MINUTE, harnessesClosedAfterEach } from './delivery-sim.test-support.js';

/**
 * Aborts each request after `limit.ms` (when set) as the client's own timeout would: the same
 * TimeoutError through the same transport (the client's default of 30 s is too long for a test).
 */
const timeoutAfter =
  (limit: { ms?: number }) =>
  (fetch: FetchLike): FetchLike =>
  (request) =>
    limit.ms === undefined
      ? fetch(request)
      : fetch(
          new Request(request, {
            signal: AbortSignal.any([request.signal, AbortSignal.timeout(limit.ms)]),
          }),
        );

describe('delivery under İYS faults (simulator over HTTP)', () => {
  const startHarness = harnessesClosedAfterEach();

  it('A18: a token revoked mid-run is renewed (refresh refused → password) and everything goes once', async () => {
    const h = await startHarness();
    const workload = await h.queueTrickyWorkload(6);
    const w = h.worker({ claimLimit: 3, maxClaims: 1, concurrency: 1 });
    await w.runOnce();
    expect(h.tokenRequests()).toBe(1);
    expect((await h.simMovements()).length).toBe(3);
    // İYS forgets every token, refresh tokens included.
    expect((await fetch(`${h.served.url}/__sim/tokens/revoke`, { method: 'POST' })).status).toBe(
      204,
    );
    await h.deliverAll(w);
    await h.expectDeliveredOnce(workload);
    // One 401 for the revoked token; then the refused refresh and one password grant: 3 in all.
    expect(h.sim.stats().byStatus['401']).toBe(1);
    expect(h.tokenRequests()).toBe(3);
    expect((await h.store.movements({})).every((m) => m.attempts === 1)).toBe(true);
  });

  it('A18: a token expiring mid-run (the clock past expires_in) is refreshed before use, no 401', async () => {
    const h = await startHarness({ limits: { accessTokenSeconds: 600 } });
    const workload = await h.queueTrickyWorkload(4);
    const w = h.worker({ claimLimit: 2, maxClaims: 1 });
    await w.runOnce();
    h.sim.advance(11 * MINUTE);
    await h.deliverAll(w, { stepMs: 4 * MINUTE });
    await h.expectDeliveredOnce(workload);
    expect(h.sim.stats().byStatus['401'] ?? 0).toBe(0);
    // The password grant, then refresh grants only (each token renewed at half its 10 minutes).
    expect(h.tokenRequests()).toBeGreaterThan(2);
    expect(h.sim.stats().byCode.H084 ?? 0).toBe(0);
  });

  it('A18: H084 halts token requests for the hour İYS asks, then resumes and delivers everything', async () => {
    // Two token requests an hour: the first login, then the refused refresh after a revocation.
    const h = await startHarness({ limits: { tokensPerHour: 2 } });
    const workload = await h.queueTrickyWorkload(4);
    const w = h.worker({ claimLimit: 2, maxClaims: 1 });
    await w.runOnce();
    await fetch(`${h.served.url}/__sim/tokens/revoke`, { method: 'POST' });
    await w.runOnce();
    // Refresh refused, then the password grant answered H084: the halt starts now.
    expect(h.tokenRequests()).toBe(3);
    expect(h.sim.stats().byCode.H084).toBe(1);
    const halted = h.tokenRequests();
    // Inside the hour: passes run and new captures arrive, yet no token request goes out (each
    // would restart İYS's hour and answer H084 again).
    for (let minute = 5; minute < 60; minute += 5) {
      h.sim.advance(5 * MINUTE);
      await h.enqueue([{ recipient: `+9053290${String(minute).padStart(5, '0')}`, minutesAgo: 1 }]);
      await w.runOnce();
    }
    expect(h.tokenRequests()).toBe(halted);
    expect(h.sim.stats().byCode.H084).toBe(1);
    expect((await h.store.movements({ state: 'dead' })).length).toBe(1);
    // After the hour: one password grant, and everything goes.
    h.sim.advance(HOUR);
    await h.deliverAll(w);
    expect(h.tokenRequests()).toBe(halted + 1);
    const late = (await h.store.movements({})).filter((m) => m.recipient.startsWith('+9053290'));
    expect(late.every((m) => m.state === 'delivered')).toBe(true);
    await h.expectDeliveredOnce({ ...workload, toSend: [...workload.toSend, ...late] });
    expect(h.sim.stats().byCode.H084).toBe(1);
  });

  it('A18: sends that time out (İYS slower than the client waits) are retried and land once', async () => {
    const h = await startHarness();
    const limit: { ms?: number } = {};
    const w = h.worker({}, timeoutAfter(limit));
    // One movement first, without faults, so the token is in hand and the adds are what times out.
    const warmUp = await h.enqueue([{ recipient: '+905329999999', minutesAgo: 55 }]);
    await w.runOnce();
    const workload = await h.queueTrickyWorkload(4);
    h.sim.setFaults({ latencyMs: 400 });
    limit.ms = 100;
    const [report] = await w.runOnce();
    expect(report).toMatchObject({ sent: 4, delivered: 0, retried: 4 });
    const tried = (await h.store.movements({ state: 'pending' })).filter((m) => m.attempts > 0);
    expect(tried.map((m) => m.lastError?.code)).toEqual([
      'timeout',
      'timeout',
      'timeout',
      'timeout',
    ]);
    h.sim.clearFaults();
    // İYS answers in time again, so the test's 100 ms wait goes too: on a busy machine a prompt
    // answer can take longer than that, and a second timeout would be the machine's, not İYS's.
    delete limit.ms;
    await h.deliverAll(w, { stepMs: MINUTE });
    await h.expectDeliveredOnce({ ...workload, toSend: [...warmUp, ...workload.toSend] });
    expect((await h.store.movements({})).filter((m) => m.attempts > 1)).toHaveLength(4);
  });

  it('A18: a send İYS applied whose answer was lost (timeout) is replayed: once on İYS, same transactionId', async () => {
    const h = await startHarness();
    const lose = { answers: 0 };
    // İYS acts, then the answer never arrives in time: what a timeout after sending looks like.
    const w = h.worker({}, (fetch) => async (request) => {
      const response = await fetch(request);
      if (lose.answers === 0 || !new URL(request.url).pathname.endsWith('/consents'))
        return response;
      lose.answers -= 1;
      await response.arrayBuffer();
      throw new DOMException('The operation timed out.', 'TimeoutError');
    });
    const workload = await h.queueTrickyWorkload(4);
    lose.answers = 4;
    const [report] = await w.runOnce();
    expect(report).toMatchObject({ sent: 4, delivered: 0, retried: 4 });
    expect(await h.simMovements()).toHaveLength(4);
    await h.deliverAll(w, { stepMs: MINUTE });
    await h.expectDeliveredOnce(workload);
    expect((await h.store.movements({})).filter((m) => m.attempts > 1)).toHaveLength(4);
  });

  it('A18: 429 H124 from the per-second limit is retried, never dead-lettered', async () => {
    // The frozen clock keeps the window shut until the test moves it: 3 requests a second.
    const h = await startHarness({ limits: { requestsPerSecond: 3 } });
    const workload = await h.queueTrickyWorkload(6);
    const reports = await h.deliverAll(h.worker(), { stepMs: 1000 });
    await h.expectDeliveredOnce(workload);
    expect(h.sim.stats().byCode.H124).toBeGreaterThan(0);
    expect(reports.reduce((n, r) => n + r.retried, 0)).toBeGreaterThan(0);
  });

  it('A18: dropped connections are retried; nothing lost, nothing twice', async () => {
    const h = await startHarness();
    const workload = await h.queueTrickyWorkload(8);
    h.sim.setFaults({ dropRate: 0.3 });
    await h.deliverAll(h.worker(), { stepMs: MINUTE });
    expect(h.sim.stats().dropped).toBeGreaterThan(0);
    await h.expectDeliveredOnce(workload);
  });

  it('A18: everything together (errors, drops, revocation, a clock past expiry): each once', async () => {
    const h = await startHarness({ limits: { requestsPerSecond: 5, accessTokenSeconds: 900 } });
    const workload = await h.queueTrickyWorkload(10);
    h.sim.setFaults({ errorRate: 0.2, dropRate: 0.1, tokenFailureRate: 0.2 });
    const w = h.worker({ claimLimit: 5, maxClaims: 2 });
    await w.runOnce();
    await fetch(`${h.served.url}/__sim/tokens/revoke`, { method: 'POST' });
    await h.deliverAll(w, { stepMs: 20_000, rounds: 400 });
    await h.expectDeliveredOnce(workload);
    const stats = h.sim.stats();
    expect(stats.injectedErrors + stats.dropped).toBeGreaterThan(0);
  });
});
