// `npm run bench [-- name…] [-- --quick]`: runs the registered suites, prints each as a table and
// writes test/bench/results/<suite>.json with the machine's core count and Node version; then the
// targets, met or missed, from what ran (targets.ts; results/targets.json).
import { writeFileSync } from 'node:fs';
import { printReport, writeReport, type BenchReport, type BenchSuite } from './harness.js';
import { captures } from './captures.bench.js';
import { check } from './check.bench.js';
import { checkBatch } from './check-batch.bench.js';
import { coldStart } from './cold-start.bench.js';
import { delivery } from './delivery.bench.js';
import { recordHash } from './record-hash.bench.js';
import { printTargets, targetRows } from './targets.js';
import { verify } from './verify.bench.js';
import { widget } from './widget.bench.js';

const suites: BenchSuite[] = [
  recordHash,
  captures,
  check,
  checkBatch,
  delivery,
  widget,
  verify,
  coldStart,
];

const args = process.argv.slice(2);
const quick = args.includes('--quick') || process.env.BENCH_QUICK === '1';
const wanted = args.filter((a) => !a.startsWith('--'));
const unknown = wanted.filter((w) => !suites.some((s) => s.name === w));
if (unknown.length > 0) {
  console.error(
    `Unknown benchmark(s): ${unknown.join(', ')}. Known: ${suites.map((s) => s.name).join(', ')}`,
  );
  process.exit(2);
}
// dist/bench/run.js → test/bench/results/
const resultsDir = new URL('../../bench/results/', import.meta.url);
const started = performance.now();
const took: string[] = [];
const reports = new Map<string, BenchReport>();
for (const suite of suites.filter((s) => wanted.length === 0 || wanted.includes(s.name))) {
  const began = performance.now();
  const report = await suite.run({ quick });
  printReport(report);
  reports.set(report.suite, report);
  const seconds = ((performance.now() - began) / 1000).toFixed(1);
  console.log(`→ ${writeReport(report, resultsDir)} (${suite.name}: ${seconds} s)`);
  took.push(`${suite.name} ${seconds} s`);
}
const targets = targetRows(reports);
printTargets(targets);
writeFileSync(new URL('targets.json', resultsDir), `${JSON.stringify(targets, null, 2)}\n`);
const total = ((performance.now() - started) / 1000).toFixed(1);
console.log(`\nbench${quick ? ' --quick' : ''}: ${total} s in all (${took.join(', ')})`);
