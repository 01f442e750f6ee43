// Both passes of an import, as `izinli import` and the admin API run them: check every row, then
// (unless a dry run) record the good ones; with the report both print.
import { formatPath, problemMessage } from '@izinli/core';
import type { Locale } from '@izinli/core';
import type { GroupCommitter } from '../capture/group-commit.js';
import type { EvidenceStore } from '../store/ports/evidence-store.js';
import type { ImportRow } from './import-csv.js';
import { planImport } from './import-plan.js';
import type { BadRow, PlanContext } from './import-plan.js';
import { writeImport } from './run-import.js';
import type { ImportReport } from './import-report.js';

export type { ImportReport } from './import-report.js';

export interface ImportRun {
  context: Omit<PlanContext, 'onRow'>;
  store: EvidenceStore;
  dryRun: boolean;
  /** The group commit to record with (asked for only when there is something to record). */
  committer(): Promise<GroupCommitter>;
  now: () => Date;
  locale: Locale;
  /** Told of progress: `checking` then `recording`, rows done out of `total`. */
  progress?(label: 'checking' | 'recording', done: number, total: number): void;
}

/** Checks, then records (unless a dry run); the report lists every bad row in file order. */
export async function runImport(rows: readonly ImportRow[], run: ImportRun): Promise<ImportReport> {
  const started = performance.now();
  const plan = await planImport(rows, {
    ...run.context,
    onRow: (done) => run.progress?.('checking', done, rows.length),
  });
  let recorded = 0;
  const bad: BadRow[] = [...plan.bad];
  if (!run.dryRun && plan.good.length > 0) {
    const committer = await run.committer();
    const written = await writeImport(
      plan.good,
      { committer, store: run.store, now: run.now },
      (done) => run.progress?.('recording', done, plan.good.length),
    );
    await committer.idle();
    recorded = written.recorded;
    bad.push(...written.failed);
    bad.sort((a, b) => a.line - b.line);
  }
  const seconds = (performance.now() - started) / 1000;
  return {
    dryRun: run.dryRun,
    rows: plan.rows,
    good: plan.good.length,
    recorded,
    alreadyRecorded: plan.already.length,
    bad: bad.length,
    seconds: Number(seconds.toFixed(3)),
    rowsPerSecond: Math.round(plan.rows / Math.max(seconds, 0.001)),
    badRows: bad.map((row) => ({
      line: row.line,
      ...(row.rowKey ? { rowKey: row.rowKey } : {}),
      problems: row.problems.map((p) => ({
        code: p.code,
        path: formatPath(p.path),
        message: problemMessage(p, run.locale),
      })),
    })),
  };
}
