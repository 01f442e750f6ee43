// Retention of İYS reconciliation days (A14, B10, docs/iys.md#retention-of-the-days): per brand,
// the days older than the longest retention of the brand's sites (a day is kept while any site of
// the brand would keep it) lose their daily file and İYS changes, which list recipients; their
// hashes, their .tsr and the chained iys-day records stay.
import { formatCivilDate, turkeyDayOf } from '@izinli/core';
import type { SiteConfig } from '@izinli/core';
import type { RetentionStore } from '../store/ports/retention-store.js';
import { addYears } from './retention-rule.js';

/** What a pass did with one brand's days. */
export interface IysDayRetention {
  iysCode: number;
  brandCode: number;
  /** Days before this Turkey day (`YYYY-MM-DD`) are past retention. */
  before: string;
  /** Daily files purged now (0 in a dry run). */
  files: number;
  /** İYS changes deleted now (0 in a dry run). */
  changes: number;
}

/** Purges (or, in a dry run, only dates) each configured brand's days past retention. */
export async function purgeIysDays(
  store: Pick<RetentionStore, 'purgeIysDays'>,
  sites: readonly Pick<SiteConfig, 'brand' | 'retention'>[],
  now: Date,
  dryRun: boolean,
): Promise<IysDayRetention[]> {
  const brands = new Map<string, { iysCode: number; brandCode: number; years: number }>();
  for (const { brand, retention } of sites) {
    const key = `${brand.iysCode}:${brand.brandCode}`;
    const years = Math.max(brands.get(key)?.years ?? 0, retention.yearsAfterEnd);
    brands.set(key, { iysCode: brand.iysCode, brandCode: brand.brandCode, years });
  }
  const out: IysDayRetention[] = [];
  for (const { iysCode, brandCode, years } of brands.values()) {
    const before = formatCivilDate(turkeyDayOf(addYears(now, -years)));
    const done = dryRun
      ? { files: 0, changes: 0 }
      : await store.purgeIysDays({ iysCode, brandCode, before, purgedAt: now.toISOString() });
    out.push({ iysCode, brandCode, before, ...done });
  }
  return out;
}
