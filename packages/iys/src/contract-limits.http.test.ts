import { describe, it, expect } from 'vitest';
import { DEMO_ACCOUNT, type IysSim } from '@izinli/iys-sim';
import { codesOf, servedSim } from './contract-harness.test-support.js';
import { createTokenBucket } from './rate-limiter.js';
import { createMemoryTokenStore } from './token-store.js';
import type { FetchLike } from './transport.js';

// Tokens and İYS's live limits (docs/iys.md#identity, docs/iys.md#limits) over a real port. Each describe has its
// own simulator: the limits are per IP and every request here comes from 127.0.0.1.
const HOUR = 3_600_000;

describe('contract: token expiry and rotation', () => {
  const { sim, client, raw } = servedSim();

  it('renews an expired token with the refresh grant, and the old refresh token is refused after', async () => {
    const store = createMemoryTokenStore();
    const iys = client({ tokenStore: store });
    expect((await iys.listBrands()).ok).toBe(true);
    const before = await store.get();
    if (!before) throw new Error('no token stored');
    sim.advance(before.expiresAt - sim.clock.nowMs() + 1_000); // past expires_in
    const passwordGrantsBefore = sim.stats().byStatus['401'] ?? 0;
    expect((await iys.listBrands()).ok).toBe(true);
    const after = await store.get();
    expect(after?.accessToken).not.toBe(before.accessToken);
    expect(after?.refreshToken).not.toBe(before.refreshToken);
    expect(sim.stats().byStatus['401'] ?? 0).toBe(passwordGrantsBefore);
    const reused = await raw('/oauth2/token', {
      body: { grant_type: 'refresh_token', refresh_token: before.refreshToken },
    });
    expect(reused.status).toBe(400);
    expect(reused.body).toMatchObject({ error: 'invalid_grant' });
  });
});

describe('contract: H084, more than 100 token requests in an hour', () => {
  const { sim, client, passwordGrant } = servedSim();

  it('answers 429 H084 to the 101st token request, and the client then fails fast without calling', async () => {
    for (let i = 0; i < 100; i++) expect((await passwordGrant()).status).toBe(200);
    const refused = await passwordGrant();
    expect(refused.status).toBe(429);
    expect(codesOf(refused)).toEqual(['H084']);

    const iys = client();
    const locked = await iys.listBrands();
    expect(!locked.ok && locked.error).toMatchObject({
      status: 429,
      code: 'H084',
      category: 'account',
    });
    const requestsBefore = sim.stats().requests;
    const again = await iys.listBrands();
    expect(!again.ok && again.error).toMatchObject({
      code: 'H084',
      sent: false,
      category: 'account',
    });
    expect(!again.ok && again.error.retryAt).toBeGreaterThan(sim.clock.nowMs());
    expect(sim.stats().requests).toBe(requestsBefore);

    sim.advance(HOUR);
    expect((await iys.listBrands()).ok).toBe(true);
  });
});

describe('contract: H124 under a burst', () => {
  const { sim, client, raw, accessToken } = servedSim();

  it('answers some of 15 raw requests in one simulated second with 429 H124', async () => {
    const token = await accessToken();
    sim.advance(1_000);
    const answers = await Promise.all(
      Array.from({ length: 15 }, () =>
        raw(`/sps/${DEMO_ACCOUNT.iysCode}/brands`, { token, unpaced: true }),
      ),
    );
    const limited = answers.filter((a) => a.status === 429);
    expect(answers.filter((a) => a.status === 200)).toHaveLength(10);
    expect(limited).toHaveLength(5);
    for (const a of limited) expect(codesOf(a)).toEqual(['H124']);
  });

  it('the same burst through a client with its default 10/s limiter gets no H124', async () => {
    sim.advance(1_000);
    const h124Before = sim.stats().byCode.H124 ?? 0;
    const paced = virtualTime(sim);
    // The client's default limiter is a 10/s, burst-1 token bucket; only its clock and sleep are
    // the simulator's, so the pacing happens in simulated time.
    const iys = client({
      fetch: paced.fetch,
      rateLimiter: createTokenBucket({ now: () => sim.clock.nowMs(), sleep: paced.sleep }),
    });
    const results = await Promise.all(Array.from({ length: 15 }, () => iys.listBrands()));
    expect(results.filter((r) => !r.ok)).toEqual([]);
    expect(sim.stats().byCode.H124 ?? 0).toBe(h124Before);
  });
});

/**
 * A sleep that moves the simulated clock to each waiter's due time, one waiter at a time and only
 * once the requests already sent have been answered, so concurrent callers reach the simulator in
 * the order and at the instants the limiter gave them (with no real waiting).
 */
function virtualTime(sim: IysSim) {
  let inflight = 0;
  let idle: (() => void)[] = [];
  let queue: Promise<void> = Promise.resolve();
  const whenIdle = () =>
    inflight === 0 ? Promise.resolve() : new Promise<void>((resolve) => idle.push(resolve));
  const fetch: FetchLike = async (request) => {
    inflight++;
    try {
      return await globalThis.fetch(request);
    } finally {
      inflight--;
      if (inflight === 0) {
        const waiting = idle;
        idle = [];
        for (const resolve of waiting) resolve();
      }
    }
  };
  const sleep = (ms: number): Promise<void> => {
    const due = sim.clock.nowMs() + ms;
    const turn = queue.then(async () => {
      await whenIdle();
      const gap = due - sim.clock.nowMs();
      if (gap > 0) sim.advance(gap);
    });
    // Let the released caller put its request on the wire before the next turn looks.
    queue = turn.then(() => new Promise<void>((resolve) => setImmediate(resolve)));
    return turn;
  };
  return { fetch, sleep };
}
