// Captures per second through `POST /v1/captures` on a real port: the built server
// (server/dist/main.js) in its own process, durable commit (SQLite WAL + synchronous=FULL, and
// PostgreSQL as a third row when DATABASE_URL is set), under autocannon with 64 connections,
// beside a bare Hono JSON echo (echo-server.ts) measured the same way in the same run.
//
// Every request carries a new capture (fresh UUID, its own person) so none is answered from the
// idempotency path; after each run the suite refuses to report a figure that measured non-2xx
// answers or errors, or a server whose stored captures do not match its 2xx answers.
// (The processes, and BENCH_SERVER_NODE_ARGS for profiling the server: bench-processes.ts.)
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { currentNotice } from '@izinli/core';
import { EXAMPLE_SITE_KEY, exampleSiteConfig } from '@izinli/core/fixtures';
import { startEcho, startServer, stopChild } from './bench-processes.js';
import type { Child } from './bench-processes.js';
import { reportFromRows, type BenchRow, type BenchSuite } from './harness.js';

const CONNECTIONS = 64;
const ORIGIN = 'https://www.ornekkitabevi.com.tr';
const HEADERS = { 'content-type': 'application/json', origin: ORIGIN };

const shown = (id: string) => {
  const notice = currentNotice(exampleSiteConfig, id, 'tr');
  if (!notice) throw new Error(`captures bench: the example site has no notice ${id}`);
  return { id, version: notice.version, sha256: notice.sha256 };
};
const NOTICES = [shown('kvkk-aydinlatma'), shown('etk-onay')];

let serial = 0;
/**
 * A new capture body: a fresh UUID and its own person (every second one also ticks ARAMA), the
 * same size within a byte (`true`/`false`); the echo baseline gets the same bodies.
 */
function captureBody(): string {
  const n = serial++;
  const digits = String(1_000_000 + (n % 9_000_000));
  return JSON.stringify({
    id: randomUUID(),
    siteKey: EXAMPLE_SITE_KEY,
    locale: 'tr',
    person: { fullName: `Kişi Numara${digits}`, phone: `0532 ${digits}` },
    channels: { MESAJ: true, ARAMA: n % 2 === 0 },
    purposes: {},
    notices: NOTICES,
    widgetVersion: '1.0.0',
  });
}

/** The figures the suite reads from the server's /metrics. */
interface ServerCounts {
  created: number;
  /** replayed + conflict + refused: must stay 0. */
  other: number;
  batchSum: number;
  batchCount: number;
  /** Cumulative counts of the batch-size histogram, by upper bound. */
  batchBuckets: Map<string, number>;
  commitSecondsSum: number;
}

async function readCounts(url: string): Promise<ServerCounts> {
  const response = await fetch(`${url}/metrics`);
  if (!response.ok) throw new Error(`captures bench: /metrics answered ${response.status}`);
  const text = await response.text();
  const value = (pattern: RegExp) => {
    let total = 0;
    for (const match of text.matchAll(pattern)) total += Number(match[1]);
    return total;
  };
  return {
    created: value(/^izinli_captures_total\{outcome="created"\} (\S+)$/gm),
    other: value(/^izinli_captures_total\{outcome="(?:replayed|conflict|refused)"\} (\S+)$/gm),
    batchSum: value(/^izinli_commit_batch_size_sum (\S+)$/gm),
    batchCount: value(/^izinli_commit_batch_size_count (\S+)$/gm),
    batchBuckets: new Map(
      [...text.matchAll(/^izinli_commit_batch_size_bucket\{le="([^"]+)"\} (\S+)$/gm)].map(
        ([, le, count]) => [le!, Number(count)],
      ),
    ),
    commitSecondsSum: value(/^izinli_commit_seconds_sum (\S+)$/gm),
  };
}

/**
 * Reads the counts once they stop moving (requests cut off by autocannon's stop still commit).
 * Five quiet readings in a row: one commit on a loaded machine can take longer than 100 ms.
 */
async function settledCounts(url: string): Promise<ServerCounts> {
  let last = await readCounts(url);
  let quiet = 0;
  for (let i = 0; i < 100 && quiet < 5; i++) {
    await new Promise((r) => setTimeout(r, 100));
    const next = await readCounts(url);
    quiet = next.created === last.created && next.batchCount === last.batchCount ? quiet + 1 : 0;
    last = next;
  }
  return last;
}

/** Runs autocannon against `url + path`, every request with a new capture body. */
async function load(url: string, path: string, seconds: number): Promise<autocannon.Result> {
  return autocannon({
    url,
    connections: CONNECTIONS,
    pipelining: 1,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        path,
        headers: HEADERS,
        setupRequest: (request) => ({ ...request, body: captureBody() }),
      },
    ],
  });
}

/** How many transactions wrote how many captures between two readings: "1: 3, 9–16: 247, …". */
function batchHistogram(before: ServerCounts, after: ServerCounts): string {
  let below = 0;
  let lowest = 1;
  const parts: string[] = [];
  for (const [le, cumulative] of after.batchBuckets) {
    const count = cumulative - (before.batchBuckets.get(le) ?? 0);
    const range = le === '+Inf' ? `${lowest}+` : lowest === Number(le) ? le : `${lowest}–${le}`;
    if (count - below > 0) parts.push(`${range}: ${count - below}`);
    below = count;
    lowest = Number(le) + 1;
  }
  return parts.join(', ');
}

/** Throws unless every answer of the run was a 2xx. */
function checkClean(what: string, result: autocannon.Result, child: Child): void {
  if (result.non2xx > 0 || result.errors > 0 || result.timeouts > 0 || result['2xx'] === 0) {
    const codes = Object.entries(result.statusCodeStats ?? {})
      .map(([code, { count }]) => `${code}×${count ?? 0}`)
      .join(', ');
    throw new Error(
      `captures bench: ${what} measured failures, not throughput: ${result['2xx']} 2xx, ` +
        `${result.non2xx} non-2xx (${codes}), ${result.errors} errors, ${result.timeouts} timeouts; ` +
        `${child.name} printed:\n${child.output.join('\n')}`,
    );
  }
}

const row = (task: string, result: autocannon.Result): Omit<BenchRow, 'ratio'> => ({
  task,
  opsPerSec: result.requests.mean,
  meanMs: result.latency.mean,
  p99Ms: result.latency.p99,
});

/** Warms a target up, then measures it; for a server, checks the stored captures too. */
async function measure(
  task: string,
  child: Child,
  path: string,
  { seconds, warmup }: { seconds: number; warmup: number },
): Promise<{ row: Omit<BenchRow, 'ratio'>; note?: string }> {
  const isServer = path === '/v1/captures';
  checkClean(`${task} (warm-up)`, await load(child.url, path, warmup), child);
  const before = isServer ? await settledCounts(child.url) : undefined;
  const result = await load(child.url, path, seconds);
  checkClean(task, result, child);
  const line = `${task}: ${Math.round(result.requests.mean)} req/s, ${result['2xx']} 2xx in ${result.duration} s, latency mean ${result.latency.mean.toFixed(2)} ms p99 ${result.latency.p99} ms`;
  if (!before) {
    console.log(line);
    return { row: row(task, result) };
  }
  const after = await settledCounts(child.url);
  const created = after.created - before.created;
  const other = after.other - before.other;
  // autocannon stops on time and drops the answers still in flight, which the server commits
  // anyway: so 2xx ≤ created ≤ sent, and never a replay, conflict or refusal.
  if (other > 0 || created < result['2xx'] || created > result.requests.sent) {
    throw new Error(
      `captures bench: ${task} stored ${created} captures (${other} replayed/conflict/refused) ` +
        `for ${result['2xx']} 2xx answers of ${result.requests.sent} requests sent`,
    );
  }
  const commits = after.batchCount - before.batchCount;
  const meanBatch = (after.batchSum - before.batchSum) / commits;
  const meanCommitMs = ((after.commitSecondsSum - before.commitSecondsSum) / commits) * 1000;
  const note = `${task}: ${created} stored (${result['2xx']} 2xx + ${created - result['2xx']} in flight at stop), ${commits} transactions, mean ${meanBatch.toFixed(1)} captures/transaction, mean commit ${meanCommitMs.toFixed(2)} ms (captures/transaction: ${batchHistogram(before, after)})`;
  console.log(`${line}\n  ${note}`);
  return { row: row(task, result), note };
}

/** A fresh PostgreSQL schema for one run, and the DATABASE_URL that selects it. */
async function freshSchema(databaseUrl: string) {
  const { default: pg } = await import('pg');
  const schema = `izinli_bench_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  const sql = async (statement: string) => {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await sql(`CREATE SCHEMA ${schema}`);
  const url = new URL(databaseUrl);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return {
    schema,
    url: url.toString(),
    drop: () => sql(`DROP SCHEMA IF EXISTS ${schema} CASCADE`),
  };
}

export const captures: BenchSuite = {
  name: 'captures',
  async run({ quick }) {
    const timing = { seconds: quick ? 2 : 10, warmup: quick ? 1 : 2 };
    const databaseUrl = process.env.DATABASE_URL || undefined;
    const started: Child[] = [];
    const dataDirs: string[] = [];
    const cleanups: (() => Promise<void>)[] = [];
    const newDataDir = () => {
      const dir = mkdtempSync(join(tmpdir(), 'izinli-bench-'));
      dataDirs.push(dir);
      return dir;
    };
    const rows: Omit<BenchRow, 'ratio'>[] = [];
    const notes: string[] = [];
    try {
      // One target at a time, so each has the machine to itself beside autocannon.
      const echo = await startEcho();
      started.push(echo);
      rows.push((await measure('Hono JSON echo (baseline)', echo, '/echo', timing)).row);
      await stopChild(echo);

      const targets: [string, string | undefined][] = [
        ['SQLite (WAL, synchronous=FULL)', undefined],
      ];
      if (databaseUrl) {
        const pgSchema = await freshSchema(databaseUrl);
        cleanups.push(pgSchema.drop);
        targets.push([`PostgreSQL (schema ${pgSchema.schema})`, pgSchema.url]);
      }
      for (const [store, url] of targets) {
        const task = `POST /v1/captures, ${store.replace(/ \(schema .*\)$/, '')}`;
        const server = await startServer(task, newDataDir(), url);
        started.push(server);
        const measured = await measure(task, server, '/v1/captures', timing);
        rows.push(measured.row);
        if (measured.note) notes.push(measured.note);
        await stopChild(server);
      }
    } finally {
      await Promise.all(started.map(stopChild));
      for (const cleanup of cleanups) await cleanup();
      for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
    }
    return reportFromRows(
      'captures',
      `captures/s through POST /v1/captures on a real port (autocannon, ${CONNECTIONS} connections, ` +
        `pipelining 1, ${timing.seconds} s after ${timing.warmup} s warm-up, a new capture per ` +
        `request, answered after a durable group commit). ${notes.join('; ')}`,
      rows,
    );
  },
};
