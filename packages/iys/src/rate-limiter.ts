import { IYS_LIMITS } from '@izinli/core';

/** Paces requests to İYS; `acquire` resolves when one more request may go out. */
export interface RateLimiter {
  acquire(): Promise<void>;
}

/** Options of `createTokenBucket`; the clock and sleep are injected so tests never wait. */
export interface TokenBucketOptions {
  /** Sustained rate; İYS allows 10 requests per second per IP (docs/iys.md#limits). */
  ratePerSecond?: number;
  /**
   * Requests that may go at once after a quiet period (default 1). Above 1, a burst plus the
   * steady rate can put more than `ratePerSecond` requests into one sliding second, which İYS
   * may count as over its limit (the simulator does).
   */
  burst?: number;
  /**
   * A second guard, by the clock at release: at most `requests` releases in any `ms`. The bucket
   * alone reserves evenly spaced slots, but sleepers that a busy event loop wakes late go out
   * together; İYS counts every sliding second, so without this a bunch of late sleepers plus the
   * next on-time ones can put an eleventh request into one second (H124). It waits only when the
   * window is full, so releases that fell behind may still catch up within the window.
   */
  window?: { requests: number; ms: number };
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

const realSleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * An in-memory token bucket. Each `acquire` reserves a slot at once (the balance may go negative)
 * and sleeps until its slot comes, so concurrent callers are served in call order.
 */
export function createTokenBucket(options: TokenBucketOptions = {}): RateLimiter {
  const rate = options.ratePerSecond ?? 10;
  const burst = options.burst ?? 1;
  if (!(rate > 0) || !Number.isFinite(rate)) throw new RangeError('ratePerSecond must be > 0');
  if (!(burst >= 1) || !Number.isFinite(burst)) throw new RangeError('burst must be ≥ 1');
  const window = options.window;
  if (window && !(Number.isInteger(window.requests) && window.requests >= 1 && window.ms > 0)) {
    throw new RangeError('window must allow ≥ 1 request in > 0 ms');
  }
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? realSleep;
  let tokens = burst;
  let last = now();
  const guard = window ? slidingWindowGuard(window, now, sleep) : undefined;

  return {
    async acquire() {
      const t = now();
      // A clock that steps back must not drain the bucket.
      tokens = Math.min(burst, tokens + (Math.max(0, t - last) * rate) / 1000);
      last = Math.max(last, t);
      tokens -= 1;
      if (tokens < 0) await sleep(Math.ceil((-tokens * 1000) / rate));
      if (guard) await guard();
    },
  };
}

/**
 * Admits callers in the order they arrive, each once fewer than `requests` were admitted in the
 * last `ms` (the times of the last `requests` admissions are kept in a ring).
 */
function slidingWindowGuard(
  window: { requests: number; ms: number },
  now: () => number,
  sleep: (ms: number) => Promise<void>,
): () => Promise<void> {
  const admitted: number[] = [];
  let next = 0; // the ring's oldest entry once it is full
  let queue: Promise<void> = Promise.resolve();
  const admit = async () => {
    for (;;) {
      const t = now();
      const newest =
        admitted.length === 0
          ? undefined
          : admitted[(next + admitted.length - 1) % admitted.length];
      // A clock that stepped back says nothing about the last window: start a new one (the
      // bucket still spaces the requests).
      if (newest !== undefined && t < newest) {
        admitted.length = 0;
        next = 0;
      }
      if (admitted.length < window.requests) {
        admitted.push(t);
        return;
      }
      const oldest = admitted[next]!;
      if (t - oldest >= window.ms) {
        admitted[next] = t;
        next = (next + 1) % window.requests;
        return;
      }
      await sleep(Math.ceil(oldest + window.ms - t));
    }
  };
  return () => {
    const turn = queue.then(admit);
    queue = turn.catch(() => undefined);
    return turn;
  };
}

/**
 * İYS's own count: 10 requests per IP in any sliding second (docs/iys.md#limits). The window a pacer
 * guards with; widen `ms` to leave room for requests whose travel times differ.
 */
export const IYS_SLIDING_SECOND = { requests: IYS_LIMITS.requestsPerSecond, ms: 1000 } as const;

/** A limiter that never waits, for tests and for callers that pace requests themselves. */
export const unlimited: RateLimiter = { acquire: () => Promise.resolve() };
