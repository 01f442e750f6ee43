const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const DELIST_AFTER_MS = 96 * HOUR_MS;
/** Statuses İYS counts against an IP's success ratio (GİRİŞ: client errors only). */
const CLIENT_ERRORS = new Set([400, 401, 403, 404, 422]);

/** One IP's standing under İYS's 24-hour success-ratio rule. */
export interface IpHealth {
  ip: string;
  requests24h: number;
  clientErrors24h: number;
  successRatio: number;
  /** True while the IP has ≥ the minimum requests and a ratio under the minimum. */
  warning: boolean;
  /** When the warning was first raised (ISO), while it lasts. */
  warnedAt?: string;
  /** When İYS would drop the IP from its whitelist if the ratio does not recover (ISO). */
  delistAt?: string;
}

/**
 * Tracks İYS's rule "≥ 20,000 requests in 24 h and < 70 % successful → warning, then removal from
 * the whitelist after 96 h", in hourly buckets so memory stays small under load.
 */
export class HealthTracker {
  readonly #buckets = new Map<string, Map<number, { total: number; failures: number }>>();
  readonly #warnedAt = new Map<string, number>();

  constructor(private readonly thresholds: () => { minRequests: number; minRatio: number }) {}

  /** Records one answered request. */
  record(ip: string, status: number, nowMs: number): void {
    let buckets = this.#buckets.get(ip);
    if (!buckets)
      this.#buckets.set(ip, (buckets = new Map<number, { total: number; failures: number }>()));
    const hour = Math.floor(nowMs / HOUR_MS);
    const bucket = buckets.get(hour) ?? { total: 0, failures: 0 };
    bucket.total++;
    if (CLIENT_ERRORS.has(status)) bucket.failures++;
    buckets.set(hour, bucket);
    this.#update(ip, nowMs);
  }

  /** Every IP seen in the last 24 hours, worst ratio first. */
  report(nowMs: number): IpHealth[] {
    const out: IpHealth[] = [];
    for (const ip of this.#buckets.keys()) {
      this.#update(ip, nowMs);
      const { total, failures } = this.#window(ip, nowMs);
      if (total === 0) continue;
      const health: IpHealth = {
        ip,
        requests24h: total,
        clientErrors24h: failures,
        successRatio: (total - failures) / total,
        warning: this.#warnedAt.has(ip),
      };
      const warned = this.#warnedAt.get(ip);
      if (warned !== undefined) {
        health.warnedAt = new Date(warned).toISOString();
        health.delistAt = new Date(warned + DELIST_AFTER_MS).toISOString();
      }
      out.push(health);
    }
    return out.sort((a, b) => a.successRatio - b.successRatio);
  }

  reset(): void {
    this.#buckets.clear();
    this.#warnedAt.clear();
  }

  #window(ip: string, nowMs: number): { total: number; failures: number } {
    const buckets = this.#buckets.get(ip);
    let total = 0;
    let failures = 0;
    if (!buckets) return { total, failures };
    const oldest = Math.floor((nowMs - DAY_MS) / HOUR_MS) + 1;
    for (const [hour, bucket] of buckets) {
      if (hour < oldest) buckets.delete(hour);
      else {
        total += bucket.total;
        failures += bucket.failures;
      }
    }
    return { total, failures };
  }

  #update(ip: string, nowMs: number): void {
    const { total, failures } = this.#window(ip, nowMs);
    const { minRequests, minRatio } = this.thresholds();
    const ratio = total === 0 ? 1 : (total - failures) / total;
    if (total >= minRequests && ratio < minRatio) {
      if (!this.#warnedAt.has(ip)) this.#warnedAt.set(ip, nowMs);
    } else if (ratio >= minRatio) {
      // Only a recovered ratio lifts the warning; less traffic alone does not.
      this.#warnedAt.delete(ip);
    }
  }
}
