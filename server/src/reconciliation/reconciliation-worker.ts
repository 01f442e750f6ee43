// Long because: a day ends in one of five ways (missed, empty, agreed, mismatch, retried), each stored
// with its evidence and events, and the catch-up over missed days belongs with them.
// The reconciliation worker (docs/iys.md#reconciliation-mutabakat), run by the İYS leader: for each
// configured brand, every completed Turkey day İYS still keeps (7 back) and izinli has not agreed,
// İYS's daily movement file against izinli's own copy (what it delivered, what it was told); equal
// rows and hash → the agreement recorded and the day's CSV and .tsr stored as evidence; else each
// difference stored and an `iys.reconciliation_mismatch` event to the brand's sites. A day that
// fell out of İYS's window unreconciled is stored as missed. Each pass also runs the daily
// subscription watch (subscription-watch.ts).
import { realClockIysClients } from '../iys-account/iys-clients.js';
import type { IysWorkerOptions } from '../iys-account/iys-clients.js';
import { randomUUID } from 'node:crypto';
import {
  addCivilDays,
  canonicalJson,
  compareCivilDates,
  formatCivilDate,
  parseCivilDate,
  turkeyDayOf,
  turkeyStartOfDay,
} from '@izinli/core';
import type { IysClient, IysError } from '@izinli/iys';
import { periodic } from '../periodic.js';
import type { Periodic } from '../periodic.js';
import type {
  ReconciliationDay,
  ReconciliationDifference,
  ReconciliationStore,
  StoredFile,
  SubscriptionCheck,
} from '../store/ports/reconciliation-store.js';
import { configuredBrands, sitesOfBrand } from '../sync/iys-change-entry.js';
import type { BrandRef } from '../sync/iys-change-entry.js';
import {
  compareDailyRows,
  dailyCsv,
  dailyFileHash,
  dailyRowsOf,
  parseDailyFile,
  sha256Hex,
} from './daily-file.js';
import { watchSubscription } from './subscription-watch.js';
import { chainIysDay } from './chain-iys-day.js';
import type { IysDayChainer } from './chain-iys-day.js';
import type { CaptureStore } from '../store/ports/capture-store.js';

/** Days back İYS keeps a brand's file ("en fazla 7 gün öncesine kadar"). */
export const RECONCILIATION_WINDOW_DAYS = 7;
/** Most differences stored per day (all are counted). */
const MAX_STORED_DIFFERENCES = 1000;
/** Most differences a webhook event carries (the admin API has them all). */
const MAX_EVENT_DIFFERENCES = 100;
/** How far back missed days are looked for. */
const MAX_DAYS_BACK = 400;

/** Options of `createReconciliationWorker`. */
export interface ReconciliationWorkerOptions extends IysWorkerOptions {
  store: ReconciliationStore & Pick<CaptureStore, 'getCapture'>;
  /**
   * Chains each agreed day into the brand's site chains (the server's group committer); without
   * it days are reconciled but not chained (a worker tested alone).
   */
  chainer?: IysDayChainer;
  intervalSeconds: number;
  /**
   * Minutes after a day's end before it is reconciled (default 120): İYS lets a pull see a
   * citizen's change an hour late, so the sync must have had time to bring the day's last ones.
   */
  settleMinutes?: number;
  newId?: () => string;
}

/** What a pass did with one brand's day. */
export interface DayReport extends BrandRef {
  day: string;
  state?: ReconciliationDay['state'];
  differenceCount?: number;
  /** Why the day stays open until the next pass. */
  error?: { kind: string; status: number; code?: string };
}

/** One pass: the subscription checks made and the days settled or tried. */
export interface ReconciliationReport {
  subscriptions: SubscriptionCheck[];
  days: DayReport[];
}

export type ReconciliationWorker = Periodic<ReconciliationReport>;

const errorOf = (e: IysError) => ({
  kind: e.kind,
  status: e.status,
  ...(e.code === undefined ? {} : { code: e.code }),
});

const stored = (bytes: Uint8Array, mediaType: string): StoredFile => ({
  sha256: sha256Hex(bytes),
  mediaType,
  content: bytes,
});

/** Creates the worker for the brands of `config` that have İYS credentials. */
export function createReconciliationWorker(
  options: ReconciliationWorkerOptions,
): ReconciliationWorker {
  const { config, store, logger } = options;
  const now = options.now ?? (() => new Date());
  const newId = options.newId ?? randomUUID;
  const settleMs = (options.settleMinutes ?? 120) * 60_000;
  const clientFor = realClockIysClients(options);

  async function save(
    brand: BrandRef,
    day: ReconciliationDay,
    files: StoredFile[],
    previous: ReconciliationDay | undefined,
    at: Date,
  ): Promise<DayReport> {
    const events = [];
    // Told once per distinct set of differences: a re-check finding the same ones stays quiet.
    const news =
      day.state === 'mismatch' &&
      (previous?.state !== 'mismatch' ||
        canonicalJson(previous.differences) !== canonicalJson(day.differences));
    if (news) {
      const payload = {
        ...brand,
        day: day.day,
        iysRows: day.iysRows ?? 0,
        izinliRows: day.izinliRows ?? 0,
        differenceCount: day.differenceCount,
        differences: day.differences.slice(0, MAX_EVENT_DIFFERENCES),
      };
      for (const siteKey of sitesOfBrand(config, brand)) {
        events.push({
          id: newId(),
          siteKey,
          type: 'iys.reconciliation_mismatch',
          payload,
          createdAt: at.toISOString(),
        });
      }
    }
    await store.saveReconciliationDay({ day, files, events });
    if (day.state === 'mismatch' && news) {
      const kinds: Record<string, number> = {};
      for (const d of day.differences) kinds[d.kind] = (kinds[d.kind] ?? 0) + 1;
      // Counts and kinds only: a difference holds a recipient.
      logger.warn(
        { reconciliation: { ...brand, day: day.day, differenceCount: day.differenceCount, kinds } },
        'İYS reconciliation: the day differs from izinli’s copy',
      );
    } else if (day.state === 'missed') {
      logger.warn(
        { reconciliation: { ...brand, day: day.day, reason: day.reason } },
        'İYS reconciliation: the day can no longer be fetched',
      );
    }
    return {
      ...brand,
      day: day.day,
      state: day.state,
      differenceCount: day.differenceCount,
    };
  }

  async function reconcileDay(
    brand: BrandRef,
    client: IysClient,
    day: string,
    previous: ReconciliationDay | undefined,
    at: Date,
  ): Promise<DayReport> {
    const base = { ...brand, day, checkedAt: at.toISOString(), differenceCount: 0 };
    const failed = (error: DayReport['error']): DayReport => {
      logger.warn({ reconciliation: { ...brand, day, error } }, 'İYS reconciliation: retrying');
      return { ...brand, day, ...(error ? { error } : {}) };
    };
    const file = await client.getDailyMovementFile(brand.brandCode, day);
    if (!file.ok) {
      if (file.error.code === 'H502') {
        const missed = { ...base, state: 'missed' as const, reason: 'H502', differences: [] };
        return save(brand, missed, [], previous, at);
      }
      return failed(errorOf(file.error));
    }
    const parsed =
      file.value === null ? { ok: true as const, rows: [] } : parseDailyFile(file.value);
    if (!parsed.ok) {
      logger.error(
        { reconciliation: { ...brand, day, problem: parsed.problem } },
        'İYS daily file unreadable',
      );
      return failed({ kind: 'invalid-response', status: 200 });
    }
    const ours = dailyRowsOf(await store.reconciliationLedger(brand.iysCode, brand.brandCode, day));
    const counts = { iysRows: parsed.rows.length, izinliRows: ours.length };
    if (parsed.rows.length === 0 && ours.length === 0) {
      return save(brand, { ...base, ...counts, state: 'empty', differences: [] }, [], previous, at);
    }
    const csv =
      file.value === null
        ? []
        : [stored(new TextEncoder().encode(file.value), 'text/csv; charset=utf-8')];
    let differences: ReconciliationDifference[] = compareDailyRows(parsed.rows, ours);
    let hash: string | undefined;
    if (differences.length === 0) {
      hash = dailyFileHash(dailyCsv(ours));
      const agreement = await client.getAgreement(brand.brandCode, day);
      if (!agreement.ok) return failed(errorOf(agreement.error));
      // İYS computes the hash at its own pace: only a completed one is final.
      if (agreement.value?.processStatus !== 'completed') return failed(undefined);
      const iysHash = agreement.value.hashValue ?? '';
      if (iysHash !== hash) {
        differences = [{ kind: 'hash', iysHash, izinliHash: hash }];
      } else {
        if (!agreement.value.agreementStatus) {
          const recorded = await client.recordAgreement(brand.brandCode, day);
          if (!recorded.ok) return failed(errorOf(recorded.error));
          if (!recorded.value?.agreementCaptured) return failed(undefined);
        }
        const tsr = await client.getAgreementTimestamp(brand.brandCode, day);
        if (!tsr.ok) return failed(errorOf(tsr.error));
        if (tsr.value === null) return failed(undefined);
        const timestamp = stored(tsr.value, 'application/timestamp-reply');
        const agreed: ReconciliationDay = {
          ...base,
          ...counts,
          state: 'agreed',
          hash,
          fileSha256: csv[0]!.sha256,
          timestampSha256: timestamp.sha256,
          agreedAt: at.toISOString(),
          differences: [],
        };
        return save(brand, agreed, [...csv, timestamp], previous, at);
      }
    }
    const mismatch: ReconciliationDay = {
      ...base,
      ...counts,
      state: 'mismatch',
      ...(hash ? { hash } : {}),
      ...(csv[0] ? { fileSha256: csv[0].sha256 } : {}),
      differenceCount: differences.length,
      differences: differences.slice(0, MAX_STORED_DIFFERENCES),
    };
    return save(brand, mismatch, csv, previous, at);
  }

  async function reconcileBrand(
    brand: BrandRef,
    client: IysClient,
    at: Date,
  ): Promise<DayReport[]> {
    const today = turkeyDayOf(at);
    // Yesterday is due once it has settled; before that, the day before is the last due.
    const settled = at.getTime() >= turkeyStartOfDay(today).getTime() + settleMs;
    const lastDue = addCivilDays(today, settled ? -1 : -2);
    const oldest = addCivilDays(today, -RECONCILIATION_WINDOW_DAYS);
    const known = await store.reconciliationDays({
      brands: [brand],
      from: formatCivilDate(addCivilDays(today, -MAX_DAYS_BACK)),
    });
    const byDay = new Map(known.map((d) => [d.day, d]));
    const reports: DayReport[] = [];
    // Days between the first one known and İYS's window that were never reconciled (the server
    // was down, or the İYS account unreachable, for over a week): reported, never silently lost.
    const first = known[0] ? parseCivilDate(known[0].day) : undefined;
    for (let d = first; d && compareCivilDates(d, oldest) < 0; d = addCivilDays(d, 1)) {
      const day = formatCivilDate(d);
      if (byDay.has(day)) continue;
      const missed: ReconciliationDay = {
        ...brand,
        day,
        state: 'missed',
        checkedAt: at.toISOString(),
        reason: 'outside-window',
        differenceCount: 0,
        differences: [],
      };
      reports.push(await save(brand, missed, [], undefined, at));
    }
    for (let d = oldest; compareCivilDates(d, lastDue) <= 0; d = addCivilDays(d, 1)) {
      const day = formatCivilDate(d);
      const previous = byDay.get(day);
      // A mismatch is checked again while İYS keeps the day: a late pull may resolve it.
      if (previous && previous.state !== 'mismatch') continue;
      reports.push(await reconcileDay(brand, client, day, previous, at));
    }
    if (options.chainer) await chainAgreedDays(brand, options.chainer, at);
    return reports;
  }

  // Every agreed day into the chains of the brand's sites: the days just agreed, and any an
  // earlier pass agreed but could not chain (each site that holds a day already is skipped).
  async function chainAgreedDays(brand: BrandRef, chainer: IysDayChainer, at: Date) {
    const from = formatCivilDate(addCivilDays(turkeyDayOf(at), -MAX_DAYS_BACK));
    const sites = sitesOfBrand(config, brand);
    for (const day of await store.reconciliationDays({ brands: [brand], from })) {
      if (day.state !== 'agreed') continue;
      try {
        await chainIysDay({ chainer, store }, day, sites, at);
      } catch (error) {
        logger.error(
          { err: error, reconciliation: { ...brand, day: day.day } },
          'İYS reconciliation: the agreed day could not be chained; retrying next run',
        );
      }
    }
  }

  async function pass(): Promise<ReconciliationReport> {
    const at = now();
    const report: ReconciliationReport = { subscriptions: [], days: [] };
    for (const iysCode of config.iysAccounts.keys()) {
      const client = clientFor(iysCode);
      if (!client) continue;
      try {
        const check = await watchSubscription(
          { config, store, logger, newId },
          iysCode,
          client,
          at,
        );
        if (check) report.subscriptions.push(check);
      } catch (error) {
        logger.error({ err: error, iysCode }, 'İYS subscription watch failed; retrying next run');
      }
    }
    for (const brand of configuredBrands(config)) {
      const client = clientFor(brand.iysCode);
      if (!client) continue;
      try {
        report.days.push(...(await reconcileBrand(brand, client, at)));
      } catch (error) {
        logger.error({ err: error, ...brand }, 'İYS reconciliation failed; retrying next run');
      }
    }
    return report;
  }

  return periodic(pass, options.intervalSeconds * 1000);
}
