// Fixed-window request counting per key (client IP, site key). In memory: each instance limits
// what it serves; the limits are a guard against floods, not a quota.

/** The verdict for one request. */
export type RateVerdict = { ok: true } | { ok: false; retryAfterSeconds: number };

export interface RateLimiterOptions {
  /** Requests allowed per key per window. */
  limit: number;
  windowMs?: number;
  now?: () => number;
  /** Keys tracked at most; the oldest windows are dropped beyond it. */
  maxKeys?: number;
}

/** Counts requests per key in fixed windows. */
export class RateLimiter {
  readonly #limit: number;
  readonly #windowMs: number;
  readonly #now: () => number;
  readonly #maxKeys: number;
  readonly #windows = new Map<string, { start: number; count: number }>();

  constructor(options: RateLimiterOptions) {
    this.#limit = options.limit;
    this.#windowMs = options.windowMs ?? 60_000;
    this.#now = options.now ?? Date.now;
    this.#maxKeys = options.maxKeys ?? 100_000;
  }

  /** Keys tracked now (never more than `maxKeys`). */
  get size(): number {
    return this.#windows.size;
  }

  /** Counts one request for `key`. */
  hit(key: string): RateVerdict {
    const now = this.#now();
    let window = this.#windows.get(key);
    if (!window || now - window.start >= this.#windowMs) {
      this.#windows.delete(key);
      if (this.#windows.size >= this.#maxKeys) {
        // Map keeps insertion order, so the first key has the oldest window.
        const oldest = this.#windows.keys().next().value;
        if (oldest !== undefined) this.#windows.delete(oldest);
      }
      window = { start: now, count: 0 };
      this.#windows.set(key, window);
    }
    window.count += 1;
    if (window.count <= this.#limit) return { ok: true };
    return {
      ok: false,
      retryAfterSeconds: Math.max(1, Math.ceil((window.start + this.#windowMs - now) / 1000)),
    };
  }
}
