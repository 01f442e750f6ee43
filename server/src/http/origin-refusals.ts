// Pages whose origin a site does not allow: a site owner who pasted the snippet on a
// page whose origin is missing from `allowedOrigins` loses consent silently unless someone is
// told. Each refusal is counted per site and origin — a Prometheus counter, one warn line per
// site and origin per hour (an origin is no personal data), and the last 24 hours for the admin
// console. Kept in memory, bounded: anyone can send any Origin header, so the origins kept per site
// are capped and the rest counted under `other`; the console's figures are this instance's since
// it started.
import type { Counter } from 'prom-client';
import type { Logger } from 'pino';

/** Distinct origins remembered per site; a hostile client cycling Origin headers cannot grow it. */
export const MAX_ORIGINS_PER_SITE = 50;
const OTHER = 'other';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** One refused origin of a site over the last 24 hours. */
export interface RefusedOrigin {
  siteKey: string;
  origin: string;
  count: number;
  lastAt: string;
}

interface Entry {
  /** Refusals per hour (epoch hour → count), the last 24 kept. */
  hours: Map<number, number>;
  lastAt: number;
  warnedHour: number;
}

/** Counts refused origins; `record` is called where a request is refused for its origin. */
export class OriginRefusals {
  readonly #sites = new Map<string, Map<string, Entry>>();
  readonly #counter: Counter<'site'> | undefined;
  readonly #logger: Logger | undefined;
  readonly #now: () => number;

  constructor(options: { counter?: Counter<'site'>; logger?: Logger; now?: () => number } = {}) {
    this.#counter = options.counter;
    this.#logger = options.logger;
    this.#now = options.now ?? Date.now;
  }

  /** One request from `origin` refused for `siteKey` (where: the route, for the log). */
  record(siteKey: string, origin: string, where: string): void {
    const now = this.#now();
    let origins = this.#sites.get(siteKey);
    if (!origins) this.#sites.set(siteKey, (origins = new Map<string, Entry>()));
    this.#prune(origins, now);
    const key = origins.has(origin) || origins.size < MAX_ORIGINS_PER_SITE ? origin : OTHER;
    let entry = origins.get(key);
    if (!entry) {
      entry = { hours: new Map(), lastAt: now, warnedHour: -1 };
      origins.set(key, entry);
    }
    const hour = Math.floor(now / HOUR);
    entry.hours.set(hour, (entry.hours.get(hour) ?? 0) + 1);
    entry.lastAt = now;
    this.#counter?.inc({ site: siteKey });
    if (entry.warnedHour !== hour) {
      entry.warnedHour = hour;
      this.#logger?.warn(
        {
          siteKey,
          origin: key === OTHER ? `${OTHER} (more than ${MAX_ORIGINS_PER_SITE})` : origin,
          where,
        },
        'origin refused: a page on this origin cannot use the widget; add the origin to the site’s allowedOrigins if the page is yours',
      );
    }
  }

  /** The refused origins of `siteKeys` in the last 24 hours, most refused first. */
  recent(siteKeys: Iterable<string>): RefusedOrigin[] {
    const now = this.#now();
    const list: RefusedOrigin[] = [];
    for (const siteKey of siteKeys) {
      const origins = this.#sites.get(siteKey);
      if (!origins) continue;
      this.#prune(origins, now);
      for (const [origin, entry] of origins) {
        let count = 0;
        for (const n of entry.hours.values()) count += n;
        list.push({
          siteKey,
          origin,
          count,
          lastAt: new Date(entry.lastAt).toISOString(),
        });
      }
    }
    return list.sort((a, b) => b.count - a.count || a.origin.localeCompare(b.origin));
  }

  /** Drops hours older than a day, and origins with none left. */
  #prune(origins: Map<string, Entry>, now: number): void {
    const oldest = Math.floor((now - DAY) / HOUR);
    for (const [origin, entry] of origins) {
      for (const hour of entry.hours.keys()) if (hour <= oldest) entry.hours.delete(hour);
      if (entry.hours.size === 0) origins.delete(origin);
    }
  }
}
