/** Paces requests to İYS; `acquire` resolves when one more request may go out. */
export interface RateLimiter {
  acquire(): Promise<void>;
}

/** Options of `createTokenBucket`; the clock and sleep are injected so tests never wait. */
export interface TokenBucketOptions {
  /** Sustained rate; İYS allows 10 requests per second per IP (IYS.md §Limits). */
  ratePerSecond?: number;
  /**
   * Requests that may go at once after a quiet period (default 1). Above 1, a burst plus the
   * steady rate can put more than `ratePerSecond` requests into one sliding second, which İYS
   * may count as over its limit (the simulator does).
   */
  burst?: number;
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
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? realSleep;
  let tokens = burst;
  let last = now();

  return {
    async acquire() {
      const t = now();
      // A clock that steps back must not drain the bucket.
      tokens = Math.min(burst, tokens + (Math.max(0, t - last) * rate) / 1000);
      last = Math.max(last, t);
      tokens -= 1;
      if (tokens >= 0) return;
      await sleep(Math.ceil((-tokens * 1000) / rate));
    },
  };
}

/** A limiter that never waits, for tests and for callers that pace requests themselves. */
export const unlimited: RateLimiter = { acquire: () => Promise.resolve() };
