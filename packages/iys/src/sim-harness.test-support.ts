// Test support: a client wired to an in-process İYS simulator whose clock only moves when a test
// (or the client's rate limiter) moves it. Not exported from the package.
import { createIysSim, DEMO_ACCOUNT, seededRandom, type IysSimOptions } from '@izinli/iys-sim';
import { createIysClient } from './iys-client.js';
import type { IysClientOptions } from './iys-client-api.js';
import { createTokenBucket } from './rate-limiter.js';

/** A Monday, 10:00 Turkey time, far from any holiday. */
export const SIM_START = '2026-03-02T07:00:00Z';
export const IYS_CODE = DEMO_ACCOUNT.iysCode;
export const BRAND = DEMO_ACCOUNT.iysCode;

/** The simulator's seeded PRNG, so ids and faults repeat run after run. */
export const seeded = seededRandom;

/**
 * A simulator frozen at SIM_START and a client sharing its clock. The client's rate limiter
 * "sleeps" by advancing the simulated clock, so pacing is exact and no test waits for real. That
 * advance happens when the wait starts, so it models sequential calls; concurrent callers would
 * all land at the last waiter's instant (use `unlimited` or a real clock for those).
 */
export function simWithClient(
  simOptions: IysSimOptions = {},
  clientOptions: Partial<IysClientOptions> = {},
) {
  const realNow = Date.parse(SIM_START);
  const sim = createIysSim({
    clock: { now: () => realNow, start: SIM_START },
    random: seeded(42),
    ...simOptions,
  });
  const now = () => sim.clock.nowMs();
  const client = createIysClient({
    baseUrl: 'http://iys-sim.local',
    username: DEMO_ACCOUNT.username,
    password: DEMO_ACCOUNT.password,
    iysCode: IYS_CODE,
    fetch: sim.fetch,
    now,
    rateLimiter: createTokenBucket({
      now,
      sleep: (ms) => {
        sim.advance(ms);
        return Promise.resolve();
      },
    }),
    ...clientOptions,
  });
  /** Calls the simulator's own control API (`/__sim/...`). */
  const control = (path: string, body?: unknown) =>
    sim.fetch(`/__sim${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      ...(body === undefined
        ? {}
        : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
    });
  return { sim, client, now, control };
}
