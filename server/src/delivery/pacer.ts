// The instance's İYS pacer: every account's, token's and worker's requests to İYS take a slot of
// one token bucket, so the instance stays under İYS's per-IP limit (the leader sends them all).
import { IYS_LIMITS } from '@izinli/core';
import { IYS_SLIDING_SECOND, createTokenBucket } from '@izinli/iys';
import type { RateLimiter } from '@izinli/iys';

/**
 * Requests per second one instance sends to İYS, every account, token and worker together: İYS
 * counts 10 per IP in any sliding second, and pacing at exactly 10 puts an 11th into the second
 * whenever network or event-loop delay bunches two arrivals, so a tenth is kept as a margin.
 */
export const IYS_PACE_PER_SECOND = IYS_LIMITS.requestsPerSecond * 0.9;

/**
 * The pacer's guard against bunching: at most İYS's 10 releases in any 1.1 s, so requests whose
 * trips differ by up to 100 ms still arrive 10 to a second at most. At the steady pace ten
 * releases span 1.11 s, so the guard only holds back sleepers a busy event loop woke late.
 */
export const IYS_PACE_WINDOW = { requests: IYS_SLIDING_SECOND.requests, ms: 1100 } as const;

/** The instance's one İYS pacer (every client's requests take a slot of it). */
export function createIysPacer(
  clock: { now?: () => number; sleep?: (ms: number) => Promise<void> } = {},
): RateLimiter {
  return createTokenBucket({
    ratePerSecond: IYS_PACE_PER_SECOND,
    window: IYS_PACE_WINDOW,
    ...clock,
  });
}
