/** Options of `backoffDelay`; `random` returns a number in [0, 1) and is injected for tests. */
export interface BackoffOptions {
  /** Delay cap of the first retry (attempt 0). */
  baseMs: number;
  /** No delay exceeds this. */
  maxMs: number;
  random: () => number;
}

/**
 * Delay before retry number `attempt` (0-based): exponential growth with "full jitter", a uniform
 * draw in [0, min(maxMs, baseMs·2^attempt)), so many workers retrying at once spread out.
 * https://aws.amazon.com/blogs/architecture/exponential-backoff-and-jitter/
 */
export function backoffDelay(attempt: number, { baseMs, maxMs, random }: BackoffOptions): number {
  if (!Number.isInteger(attempt) || attempt < 0) {
    throw new RangeError(`attempt must be a non-negative integer, got ${attempt}`);
  }
  if (!(baseMs >= 0) || !(maxMs >= 0)) throw new RangeError('baseMs and maxMs must be ≥ 0');
  // 2 ** attempt overflows to Infinity for huge attempts: Math.min keeps the cap exact, and a
  // zero base is handled first because 0 · Infinity is NaN.
  const ceiling = baseMs === 0 ? 0 : Math.min(maxMs, baseMs * 2 ** attempt);
  const r = random();
  const unit = r >= 0 && r < 1 ? r : 0;
  return Math.floor(unit * ceiling);
}
