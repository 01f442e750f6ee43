// One retention pass (A14, B10): for every configured site, the unpurged records received more
// than its retention ago are checked against the rule in retention-rule.ts, and those due purged
// by the store (`RetentionStore.purgeCaptures`); its `consent.changed` events older than its
// retention lose their recipient (`purgeChangedEvents`); then each brand's İYS days
// (iys-day-retention.ts). A dry run only counts.
import type { Logger } from 'pino';
import { purgeEvidenceOf } from './evidence-purge.js';
import { addYears, consentEnd, purgeDue } from './retention-rule.js';
import { purgeIysDays } from './iys-day-retention.js';
import type { IysDayRetention } from './iys-day-retention.js';
import { factsFor, openOf } from './retention-facts.js';
import type { RetentionPassStore, RetentionSite } from './retention-facts.js';

export type { RetentionPassStore, RetentionSite } from './retention-facts.js';

export interface RetentionOptions {
  store: RetentionPassStore;
  /** The configured sites; records of other sites are left alone (their rule is unknown). */
  sites: readonly RetentionSite[];
  now?: () => Date;
  logger?: Pick<Logger, 'info' | 'warn'>;
  /** Candidates read (and purged) per round trip (default 200). */
  pageSize?: number;
  /** Told the records examined so far, over all sites, after each page (a CLI's progress). */
  onExamined?: (examined: number) => void;
}

/** What a pass found and did for one site. */
export interface SiteRetentionReport {
  siteKey: string;
  yearsAfterEnd: number;
  /** Unpurged records received before the horizon (the only ones that can be due). */
  examined: number;
  /** Records whose consent ended long enough ago. */
  due: number;
  /** Records purged now (0 in a dry run). */
  purged: number;
  /** Due records kept because a movement of theirs is still open. */
  open: number;
  /** Records whose consent is still in effect. */
  active: number;
  /** `consent.changed` events (İYS sync) created before the horizon that still name someone. */
  changedEventsDue: number;
  /** Of those, the events whose recipient was purged now (0 in a dry run). */
  changedEventsPurged: number;
}

export interface RetentionReport {
  at: string;
  dryRun: boolean;
  sites: SiteRetentionReport[];
  /** Sites with records in the store but not in the config: nothing of theirs is purged. */
  unconfigured: string[];
  /** Per brand: its İYS days before `before` lost their daily file and İYS changes. */
  iysDays: IysDayRetention[];
}

const PAGE = 200;

/** Runs one pass over every configured site. */
export async function runRetentionPass(
  options: RetentionOptions,
  { dryRun = false }: { dryRun?: boolean } = {},
): Promise<RetentionReport> {
  const now = (options.now ?? (() => new Date()))();
  const configured = new Set(options.sites.map((s) => s.siteKey));
  const report: RetentionReport = {
    at: now.toISOString(),
    dryRun,
    sites: [],
    unconfigured: (await options.store.sites()).filter((s) => !configured.has(s)),
    iysDays: [],
  };
  for (const site of options.sites) {
    const before = report.sites.reduce((n, s) => n + s.examined, 0);
    const onPage = options.onExamined && ((n: number) => options.onExamined?.(before + n));
    report.sites.push(await passSite(options, site, now, dryRun, onPage));
  }
  report.iysDays = await purgeIysDays(options.store, options.sites, now, dryRun);
  const purged = report.sites.reduce((n, s) => n + s.purged, 0);
  const due = report.sites.reduce((n, s) => n + s.due, 0);
  const changedEventsPurged = report.sites.reduce((n, s) => n + s.changedEventsPurged, 0);
  options.logger?.info(
    {
      dryRun,
      due,
      purged,
      changedEventsPurged,
      sites: report.sites.length,
      unconfigured: report.unconfigured.length,
    },
    'retention pass done',
  );
  return report;
}

async function passSite(
  options: RetentionOptions,
  site: RetentionSite,
  now: Date,
  dryRun: boolean,
  onPage: ((examined: number) => void) | undefined,
): Promise<SiteRetentionReport> {
  const { store } = options;
  const years = site.retention.yearsAfterEnd;
  const out: SiteRetentionReport = {
    siteKey: site.siteKey,
    yearsAfterEnd: years,
    examined: 0,
    due: 0,
    purged: 0,
    open: 0,
    active: 0,
    changedEventsDue: 0,
    changedEventsPurged: 0,
  };
  // A consent ends at or after its record's receivedAt: nothing newer than the horizon is due.
  const horizon = addYears(now, -years).getTime();
  const limit = options.pageSize ?? PAGE;
  for (let afterSeq = 0; ;) {
    const page = await store.retentionCandidates({
      siteKey: site.siteKey,
      receivedBeforeMs: horizon,
      afterSeq,
      limit,
    });
    if (page.length === 0) break;
    afterSeq = page.at(-1)!.seq;
    const due: string[] = [];
    for (const capture of page) {
      out.examined++;
      const end = consentEnd(capture.record, await factsFor(store, site, capture));
      if (end && purgeDue(end, years, now)) due.push(capture.captureId);
      else out.active++;
    }
    out.due += due.length;
    if (!dryRun && due.length > 0) {
      const done = await store.purgeCaptures({
        siteKey: site.siteKey,
        captureIds: due,
        purgedAt: now.toISOString(),
      });
      out.purged += done.purged.length;
      out.open += done.open.length;
      await purgeEvidenceOf(store, site.tenantId, page, done.purged);
    } else if (due.length > 0) {
      out.open += (await openOf(store, due)).length;
    }
    onPage?.(out.examined);
    if (page.length < limit) break;
  }
  await passChangedEvents(
    store,
    site.siteKey,
    new Date(horizon).toISOString(),
    now,
    dryRun,
    out,
    limit,
  );
  return out;
}

/**
 * The `consent.changed` events the İYS sync wrote for the site before the horizon lose their
 * recipient: they notified the site owner of a change at İYS, whose register İYS itself keeps
 * (and the mirror holds its current state), so their age alone decides.
 */
async function passChangedEvents(
  store: RetentionPassStore,
  siteKey: string,
  createdBefore: string,
  now: Date,
  dryRun: boolean,
  out: SiteRetentionReport,
  limit: number,
): Promise<void> {
  for (let afterPos = 0; ;) {
    const page = await store.changedEventCandidates({ siteKey, createdBefore, afterPos, limit });
    if (page.length === 0) break;
    afterPos = page.at(-1)!.pos;
    out.changedEventsDue += page.length;
    if (!dryRun) {
      const purged = await store.purgeChangedEvents({
        siteKey,
        eventIds: page.map((e) => e.id),
        purgedAt: now.toISOString(),
      });
      out.changedEventsPurged += purged.length;
    }
    if (page.length < limit) break;
  }
}
