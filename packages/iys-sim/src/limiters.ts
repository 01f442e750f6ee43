/**
 * At most `limit` requests per IP in any window of `windowMs` (sliding). Rejected requests are
 * not counted, so a client that backs off gets through as soon as the window slides.
 */
export class SlidingWindowLimiter {
  readonly #hits = new Map<string, number[]>();

  constructor(
    private readonly limit: () => number,
    private readonly windowMs: number,
  ) {}

  /** Counts a request at `nowMs`; false when it is over the limit. */
  take(ip: string, nowMs: number): boolean {
    const hits = (this.#hits.get(ip) ?? []).filter((t) => t > nowMs - this.windowMs);
    const allowed = hits.length < this.limit();
    if (allowed) hits.push(nowMs);
    this.#hits.set(ip, hits);
    return allowed;
  }

  reset(): void {
    this.#hits.clear();
  }
}

/**
 * At most `limit` requests per IP per hour, the hour starting at the IP's first request. With
 * `restartOnReject` (İYS's token limit), a request refused inside the hour starts the hour again.
 */
export class HourlyLimiter {
  readonly #windows = new Map<string, { startMs: number; count: number }>();

  constructor(
    private readonly limit: () => number,
    private readonly restartOnReject: boolean,
    private readonly hourMs = 3_600_000,
  ) {}

  /** Counts a request at `nowMs`; false when it is over the limit. */
  take(ip: string, nowMs: number): boolean {
    let window = this.#windows.get(ip);
    if (!window || nowMs - window.startMs >= this.hourMs) {
      window = { startMs: nowMs, count: 0 };
      this.#windows.set(ip, window);
    }
    if (window.count >= this.limit()) {
      if (this.restartOnReject) window.startMs = nowMs;
      return false;
    }
    window.count++;
    return true;
  }

  /** When the IP may ask again, for inspection. */
  blockedUntil(ip: string, nowMs: number): number | undefined {
    const window = this.#windows.get(ip);
    if (!window || window.count < this.limit()) return undefined;
    const until = window.startMs + this.hourMs;
    return until > nowMs ? until : undefined;
  }

  reset(): void {
    this.#windows.clear();
  }
}
