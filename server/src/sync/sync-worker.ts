// The sync worker (docs/architecture.md#sync): for every configured brand, pulls İYS's `source=IYS`
// changes (citizens' acts on İYS) after the stored cursor until none are left, and applies each
// page to the mirror with its `consent.changed` events and the next cursor, in one transaction.
import { realClockIysClients } from '../iys-account/iys-clients.js';
import type { IysWorkerOptions } from '../iys-account/iys-clients.js';
import type { IysClient } from '@izinli/iys';
import type { MirrorStore } from '../store/ports/mirror-store.js';
import type { ReconciliationStore } from '../store/ports/reconciliation-store.js';
import {
  configuredBrands,
  consentChangedEvents,
  iysChangeRecords,
  mirrorEntriesOf,
  sitesOfBrand,
} from './iys-change-entry.js';
import type { BrandRef } from './iys-change-entry.js';
import { periodic } from '../periodic.js';
import type { Periodic } from '../periodic.js';

/** Options of `createSyncWorker`. */
export interface SyncWorkerOptions extends IysWorkerOptions {
  store: MirrorStore & Pick<ReconciliationStore, 'recordIysChanges'>;
  /** Seconds between runs of `start()`. */
  intervalSeconds: number;
  /** Changes per pull (1–1000, İYS's default 1000). */
  pageLimit?: number;
  /** Most pages per brand in one run, so one run always ends (default 100). */
  maxPages?: number;
}

/** What one run did, per brand: pages pulled, entries applied, status changes, skipped. */
export interface BrandSyncReport extends BrandRef {
  pages: number;
  received: number;
  applied: number;
  changed: number;
  stale: number;
  invalid: number;
  /** The İYS error kind and code when the pull stopped on an error. */
  error?: { kind: string; status: number; code?: string };
}

/** A brand's report before anything is pulled. */
const nothingYet = (brand: BrandRef): BrandSyncReport => ({
  ...brand,
  pages: 0,
  received: 0,
  applied: 0,
  changed: 0,
  stale: 0,
  invalid: 0,
});

/** A sync worker: one pass over every brand (never rejects), now or on an interval. */
export type SyncWorker = Periodic<BrandSyncReport[]>;

/** Creates the sync worker for the brands of `config` that have İYS credentials. */
export function createSyncWorker(options: SyncWorkerOptions): SyncWorker {
  const { config, store, logger, intervalSeconds } = options;
  const now = options.now ?? (() => new Date());
  const clientFor = realClockIysClients(options);

  async function syncBrand(brand: BrandRef, client: IysClient): Promise<BrandSyncReport> {
    const report = nothingYet(brand);
    const events = consentChangedEvents(sitesOfBrand(config, brand), now);
    for (let page = 0; page < (options.maxPages ?? 100); page += 1) {
      const after = await store.syncCursor(brand.iysCode, brand.brandCode);
      const pulled = await client.pullChanges(brand.brandCode, {
        source: 'IYS',
        ...(after === undefined ? {} : { after }),
        ...(options.pageLimit === undefined ? {} : { limit: options.pageLimit }),
      });
      if (!pulled.ok) {
        const { kind, status, code } = pulled.error;
        report.error = { kind, status, ...(code === undefined ? {} : { code }) };
        return report;
      }
      if (pulled.value.list.length === 0) return report;
      report.pages += 1;
      report.received += pulled.value.list.length;
      // Kept by transactionId before the mirror moves the cursor past them: a failure in between
      // pulls the page again, and the day's reconciliation can still rebuild it
      // (docs/iys.md#reconciliation-mutabakat).
      await store.recordIysChanges(iysChangeRecords(brand, pulled.value.list, 'pull', now()));
      const { entries, invalid } = mirrorEntriesOf(brand, pulled.value.list, now());
      report.invalid += invalid;
      const result = await store.applyIysChanges({
        ...brand,
        entries,
        events,
        ...(pulled.value.after === undefined ? {} : { cursor: pulled.value.after }),
      });
      report.applied += result.applied;
      report.changed += result.changed;
      report.stale += result.stale;
      // A cursor that did not move would fetch the same page forever.
      if (pulled.value.after === undefined || pulled.value.after === after) return report;
    }
    return report;
  }

  async function pass(): Promise<BrandSyncReport[]> {
    const reports: BrandSyncReport[] = [];
    for (const brand of configuredBrands(config)) {
      const client = clientFor(brand.iysCode);
      if (!client) continue;
      try {
        const report = await syncBrand(brand, client);
        reports.push(report);
        // Counts and codes only: no recipient ever reaches the log.
        if (report.error) logger.warn({ sync: report }, 'İYS sync pull failed; retrying next run');
        else if (report.received > 0) logger.info({ sync: report }, 'İYS changes synced');
      } catch (error) {
        logger.error({ err: error, ...brand }, 'İYS sync failed; retrying next run');
        reports.push({ ...nothingYet(brand), error: { kind: 'store', status: 0 } });
      }
    }
    return reports;
  }

  return periodic(pass, intervalSeconds * 1000);
}
