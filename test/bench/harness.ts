// The benchmark harness: every suite measures its candidates beside a baseline in the same run and
// reports ratios, so figures from different machines can be compared (timing belongs
// here, never in test assertions).
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { Bench } from 'tinybench';

/** One measured task: mean/p99 latency and throughput, and its ratio to the suite's baseline. */
export interface BenchRow {
  task: string;
  opsPerSec: number;
  meanMs: number;
  p99Ms: number;
  /** Throughput relative to the baseline (baseline = 1; higher is faster). */
  ratio: number;
  /** For a row that weighs a download (the widget suite): its bytes after gzip -9. */
  gzipBytes?: number;
}

/** What a suite reports; `run.ts` prints it as a table and writes it as JSON. */
export interface BenchReport {
  suite: string;
  description: string;
  baseline: string;
  rows: BenchRow[];
}

/** A benchmark suite, registered in `run.ts`. */
export interface BenchSuite {
  name: string;
  run(options: { quick: boolean }): Promise<BenchReport>;
}

type Fn = () => unknown;

/** Measures a baseline and candidates with tinybench in one run and computes their ratios. */
export async function compare(
  suite: string,
  description: string,
  baseline: [string, Fn],
  candidates: Record<string, Fn>,
  { quick }: { quick: boolean },
): Promise<BenchReport> {
  const bench = new Bench({ name: suite, time: quick ? 200 : 1000, warmupTime: quick ? 50 : 200 });
  bench.add(baseline[0], baseline[1]);
  for (const [label, fn] of Object.entries(candidates)) bench.add(label, fn);
  await bench.run();
  const rows = bench.tasks.map((task) => {
    const result = task.result;
    if (result.state !== 'completed') {
      throw new Error(`benchmark ${suite}/${task.name} did not complete: ${result.state}`);
    }
    return {
      task: task.name,
      opsPerSec: result.throughput.mean,
      meanMs: result.latency.mean,
      p99Ms: result.latency.p99,
      ratio: 0,
    };
  });
  const base = rows[0]!.opsPerSec;
  for (const row of rows) row.ratio = row.opsPerSec / base;
  return { suite, description, baseline: baseline[0], rows };
}

/** The machine facts every result carries. */
export function machine() {
  return {
    cores: cpus().length,
    cpu: cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
  };
}

/** Prints a report as a table. */
export function printReport(report: BenchReport): void {
  console.log(`\n${report.suite}: ${report.description} (baseline: ${report.baseline})`);
  console.table(
    report.rows.map((r) => ({
      task: r.task,
      'ops/s': Math.round(r.opsPerSec),
      'mean µs': +(r.meanMs * 1000).toFixed(2),
      'p99 µs': +(r.p99Ms * 1000).toFixed(2),
      'ratio to baseline': +r.ratio.toFixed(3),
      ...(r.gzipBytes !== undefined ? { 'gzip -9 bytes': r.gzipBytes } : {}),
    })),
  );
}

/** Writes `test/bench/results/<suite>.json`. */
export function writeReport(report: BenchReport, resultsDir: URL): string {
  mkdirSync(resultsDir, { recursive: true });
  const file = new URL(`${report.suite}.json`, resultsDir);
  const body = { ...report, machine: machine(), at: new Date().toISOString() };
  writeFileSync(file, `${JSON.stringify(body, null, 2)}\n`);
  return file.pathname;
}

/**
 * A report from rows measured some other way than `compare` (e.g. autocannon against a port):
 * the first row is the baseline, and every row's ratio is its throughput over the baseline's.
 */
export function reportFromRows(
  suite: string,
  description: string,
  rows: Omit<BenchRow, 'ratio'>[],
): BenchReport {
  const base = rows[0];
  if (!base) throw new Error(`benchmark ${suite} measured nothing`);
  return {
    suite,
    description,
    baseline: base.task,
    rows: rows.map((row) => ({ ...row, ratio: row.opsPerSec / base.opsPerSec })),
  };
}
