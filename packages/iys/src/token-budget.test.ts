// The token manager with a store that counts token requests against an hourly budget (as the
// server's database does for every instance): a request the budget refuses is never sent, and
// fails as the H084 lock does, due again when the budget frees.
import { describe, expect, it } from 'vitest';
import { fakeFetch, tokenAnswer } from './fake-fetch.test-support.js';
import { createMemoryTokenStore } from './token-store.js';
import type { GrantReservation, TokenStore } from './token-store.js';
import { testTokenManager } from './token-manager.test-support.js';

const HOUR = 3_600_000;
const MINUTE = 60_000;

/** A memory store with a rolling-hour budget of `budget` requests, shared by its managers. */
function budgetStore(budget: number): TokenStore & { counted: number[] } {
  const inner = createMemoryTokenStore();
  const counted: number[] = [];
  return {
    ...inner,
    counted,
    reserveGrant(at): Promise<GrantReservation> {
      const inHour = counted.filter((t) => t > at - HOUR);
      if (inHour.length >= budget)
        return Promise.resolve({ granted: false, freeAt: inHour[0]! + HOUR });
      counted.push(at);
      return Promise.resolve({ granted: true });
    },
  };
}

function manager(store: TokenStore, clock: { t: number }) {
  // Every token lives one minute, so each call after a minute asks again.
  const { fetch, calls } = fakeFetch((_req, i) => tokenAnswer(i + 1, 60, 14400));
  return { manager: testTokenManager(fetch, { store, now: () => clock.t }), calls };
}

describe('the token request budget', () => {
  it('sends no token request beyond the budget of the hour, across managers sharing the store', async () => {
    const store = budgetStore(3);
    const clock = { t: 1_000_000 };
    const a = manager(store, clock);
    const b = manager(store, clock);
    const start = clock.t;
    for (let i = 0; i < 6; i += 1) {
      await (i % 2 === 0 ? a : b).manager.getAccessToken();
      clock.t += 2 * MINUTE;
    }
    expect(a.calls.length + b.calls.length).toBe(3);
    const refused = await a.manager.getAccessToken();
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.error).toMatchObject({
      kind: 'token-locked',
      code: 'H084',
      category: 'account',
      sent: false,
      retryAt: start + HOUR,
    });
    expect(refused.error.message).toContain('hourly token budget is spent');
    // The refusal stores no hour-long lock: the request is sent as soon as the budget frees.
    expect((await store.get())?.lockedUntil).toBeUndefined();
    clock.t = start + HOUR + 1;
    expect((await b.manager.getAccessToken()).ok).toBe(true);
    expect(a.calls.length + b.calls.length).toBe(4);
  });
});
