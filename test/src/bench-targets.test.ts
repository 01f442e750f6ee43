// The bench's targets table judges each target from the rows of the suites that ran.
import { describe, expect, it } from 'vitest';
import type { BenchReport, BenchRow } from '../bench/harness.js';
import { targetRows } from '../bench/targets.js';

const row = (task: string, fields: Partial<BenchRow>): BenchRow => ({
  task,
  opsPerSec: 0,
  meanMs: 0,
  p99Ms: 0,
  ratio: 1,
  ...fields,
});
const report = (suite: string, rows: BenchRow[]): [string, BenchReport] => [
  suite,
  { suite, description: '', baseline: rows[0]?.task ?? '', rows },
];

describe('targetRows', () => {
  it('judges captures by ratio and p99, PostgreSQL against SQLite, and names the bound of a miss', () => {
    const reports = new Map([
      report('captures', [
        row('Hono JSON echo (baseline), 64 connections', { opsPerSec: 4000 }),
        row('POST /v1/captures, SQLite (WAL, synchronous=FULL), 64 connections', {
          opsPerSec: 1600,
          ratio: 0.4,
          p99Ms: 99,
        }),
        row('POST /v1/captures, PostgreSQL, 64 connections', { opsPerSec: 1200, p99Ms: 80 }),
      ]),
      report('widget', [row('izinli.js (ES module)', { gzipBytes: 10_241 })]),
    ]);
    const [sqlite, postgres, check, , embed] = targetRows(reports);
    expect(sqlite).toMatchObject({ met: true, figure: '1,600/s = 0.40× echo, p99 99 ms' });
    expect(sqlite!.bound).toBeUndefined();
    expect(postgres).toMatchObject({
      met: false,
      figure: '1,200/s = 0.75× SQLite, p99 80 ms',
      bound: 'docs/performance.md#captures-on-postgresql',
    });
    expect(check).toMatchObject({ met: undefined, figure: 'not measured in this run' });
    expect(embed).toMatchObject({ met: false, figure: '10,241 B' });
  });

  it('a p99 over 100 ms misses the captures target whatever the ratio', () => {
    const reports = new Map([
      report('captures', [
        row('POST /v1/captures, SQLite (WAL, synchronous=FULL), 64 connections', {
          opsPerSec: 3000,
          ratio: 0.6,
          p99Ms: 101,
        }),
      ]),
    ]);
    expect(targetRows(reports)[0]).toMatchObject({
      met: false,
      bound: 'docs/performance.md#captures-on-sqlite',
    });
  });
});
