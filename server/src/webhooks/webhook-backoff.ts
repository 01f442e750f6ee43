// When a failed webhook delivery is tried again: exponential backoff with jitter, so that with
// the default 10 attempts a receiver that is down gets retried for about a day.

/** Options of `webhookBackoff`. */
export interface BackoffOptions {
  /** The wait after the first failure (default 3 minutes). */
  baseMs?: number;
  /** The longest wait (default 12 hours). */
  capMs?: number;
  /** ± this fraction of random jitter (default 0.2), so receivers recovering are not stampeded. */
  jitter?: number;
  /** A number in [0, 1) (default Math.random). */
  random?: () => number;
}

/** The wait in ms after `failures` failed attempts (1 after the first): base·2^(failures−1), capped, jittered. */
export function webhookBackoff(failures: number, options: BackoffOptions = {}): number {
  const { baseMs = 180_000, capMs = 12 * 3_600_000, jitter = 0.2, random = Math.random } = options;
  const plain = Math.min(capMs, baseMs * 2 ** Math.max(0, failures - 1));
  return Math.round(plain * (1 - jitter + 2 * jitter * random()));
}
