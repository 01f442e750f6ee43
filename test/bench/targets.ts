// The performance targets, read off the reports of one run: each with its figure, whether this
// run met it, and for a missed one where docs/performance.md explains what bounds it (from a
// profile). Printed last by `npm run bench` and written to results/targets.json.
import type { BenchReport, BenchRow } from './harness.js';

export interface TargetRow {
  measure: string;
  figure: string;
  target: string;
  /** undefined: not measured in this run (its suite did not run, or PostgreSQL was not set). */
  met: boolean | undefined;
  /** For a missed target: where its bound is explained, from a profile. */
  bound?: string;
}

const rowOf = (report: BenchReport | undefined, pattern: RegExp): BenchRow | undefined =>
  report?.rows.find((r) => pattern.test(r.task));

const ratio = (x: number) => x.toFixed(x < 0.1 ? 3 : 2);
const perSecond = (x: number) => `${Math.round(x).toLocaleString('en')}/s`;

function target(
  measure: string,
  goal: string,
  measured: { figure: string; met: boolean } | undefined,
  anchor: string,
): TargetRow {
  if (!measured)
    return { measure, figure: 'not measured in this run', target: goal, met: undefined };
  return {
    measure,
    figure: measured.figure,
    target: goal,
    met: measured.met,
    ...(measured.met ? {} : { bound: `docs/performance.md#${anchor}` }),
  };
}

/** The targets, from the reports of the suites that ran (by suite name). */
export function targetRows(reports: ReadonlyMap<string, BenchReport>): TargetRow[] {
  const captures = reports.get('captures');
  const sqlite = rowOf(captures, /^POST \/v1\/captures, SQLite.*, 64 connections$/);
  const postgres = rowOf(captures, /^POST \/v1\/captures, PostgreSQL.*, 64 connections$/);
  const check = rowOf(reports.get('check'), /^GET \/v1\/check/);
  const batch = rowOf(reports.get('check-batch'), /^POST \/v1\/check/);
  const embed = rowOf(reports.get('widget'), /^izinli\.js /);
  const delivery = reports.get('delivery');
  const single = rowOf(delivery, /^single add: worker/);
  const drain = rowOf(delivery, /^batch drain \d+: worker/);
  const latency = rowOf(delivery, /^capture→İYS at/);
  return [
    target(
      'POST /v1/captures, SQLite, 64 connections',
      '≥ 0.35× echo, p99 ≤ 100 ms',
      sqlite && {
        figure: `${perSecond(sqlite.opsPerSec)} = ${ratio(sqlite.ratio)}× echo, p99 ${sqlite.p99Ms} ms`,
        met: sqlite.ratio >= 0.35 && sqlite.p99Ms <= 100,
      },
      'captures-on-sqlite',
    ),
    target(
      'POST /v1/captures, PostgreSQL, 64 connections',
      '≥ 1.0× SQLite in the same run',
      postgres &&
        sqlite && {
          figure: `${perSecond(postgres.opsPerSec)} = ${ratio(postgres.opsPerSec / sqlite.opsPerSec)}× SQLite, p99 ${postgres.p99Ms} ms`,
          met: postgres.opsPerSec >= sqlite.opsPerSec,
        },
      'captures-on-postgresql',
    ),
    target(
      'GET /v1/check',
      '≥ 0.5× GET echo',
      check && {
        figure: `${perSecond(check.opsPerSec)} = ${ratio(check.ratio)}× echo`,
        met: check.ratio >= 0.5,
      },
      'get-v1check',
    ),
    target(
      'POST /v1/check, 1,000 recipients',
      '≥ 0.5× a bare point-lookup loop',
      batch && {
        figure: `${perSecond(batch.opsPerSec)} recipients = ${ratio(batch.ratio)}× the loop`,
        met: batch.ratio >= 0.5,
      },
      'post-v1check',
    ),
    target(
      'izinli.js, gzip -9',
      '≤ 10,240 B',
      embed?.gzipBytes !== undefined
        ? {
            figure: `${embed.gzipBytes.toLocaleString('en')} B`,
            met: embed.gzipBytes <= 10_240,
          }
        : undefined,
      'the-embed',
    ),
    target(
      'İYS single adds, real clock',
      '≥ 0.9× İYS’s 10/s',
      single && {
        figure: `${single.opsPerSec.toFixed(1)}/s = ${ratio(single.ratio)}× İYS’s limit`,
        met: single.ratio >= 0.9,
      },
      'delivery',
    ),
    target(
      'İYS batch drain',
      '≥ 0.9× İYS’s minimum time',
      drain && { figure: `${ratio(drain.ratio)}× İYS’s minimum`, met: drain.ratio >= 0.9 },
      'delivery',
    ),
    target(
      'capture→İYS latency',
      'p50 ≤ 1 s',
      latency && {
        figure: `p50 ${Math.round(latency.meanMs)} ms, p99 ${Math.round(latency.p99Ms)} ms`,
        met: latency.meanMs <= 1000,
      },
      'delivery',
    ),
  ];
}

/** Prints the targets as a table. */
export function printTargets(rows: readonly TargetRow[]): void {
  console.log('\ntargets (docs/performance.md):');
  console.table(
    rows.map((r) => ({
      measure: r.measure,
      figure: r.figure,
      target: r.target,
      met: r.met === undefined ? '—' : r.met ? 'met' : 'missed',
      bound: r.bound ?? '',
    })),
  );
}
