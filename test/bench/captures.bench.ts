// Long because: the suite checks its measurements (clean answers, stored counts) before reporting.
// Captures per second through `POST /v1/captures` on a real port: the built server
// (server/dist/main.js) in its own process, durable commit (SQLite WAL + synchronous=FULL, and
// PostgreSQL as a third target when DATABASE_URL is set), under autocannon at 16, 64 and 256
// connections, beside a bare Hono JSON echo (echo-server.ts) measured the same way in the same run;
// each row's ratio is to the echo at the same connection count. 64 is the target level and
// is measured longest; each target's process serves all three levels, warmed up before each.
//
// Every request carries a new capture (fresh UUID, its own person) so none is answered from the
// idempotency path; after each run the suite refuses to report a figure that measured non-2xx
// answers or errors, or a server whose stored captures do not match its 2xx answers.
// (The processes, and BENCH_SERVER_NODE_ARGS for profiling the server: bench-processes.ts.)
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { EXAMPLE_SITE_KEY, exampleShownNotice } from '@izinli/core/fixtures';
import { startEcho, startServer, stopChild } from './bench-processes.js';
import type { Child } from './bench-processes.js';
import type { BenchRow, BenchSuite } from './harness.js';
import { cpuPer, cpuReading, cpuText } from './cpu.js';

/** Connection counts measured; TARGET_CONNECTIONS is the one the targets are set at. */
const LEVELS = [16, 64, 256] as const;
const TARGET_CONNECTIONS = 64;
const ORIGIN = 'https://www.ornekkitabevi.com.tr';
const HEADERS = { 'content-type': 'application/json', origin: ORIGIN };

const NOTICES = [exampleShownNotice('kvkk-aydinlatma'), exampleShownNotice('etk-onay')];

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
async function load(
  url: string,
  path: string,
  seconds: number,
  connections: number,
): Promise<autocannon.Result> {
  return autocannon({
    url,
    connections,
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
  { seconds, warmup, connections }: { seconds: number; warmup: number; connections: number },
): Promise<{ row: Omit<BenchRow, 'ratio'>; note?: string }> {
  const isServer = path === '/v1/captures';
  checkClean(`${task} (warm-up)`, await load(child.url, path, warmup, connections), child);
  const before = isServer ? await settledCounts(child.url) : undefined;
  const cpuBefore = cpuReading(child.process.pid);
  const result = await load(child.url, path, seconds, connections);
  const cpuAfter = cpuReading(child.process.pid);
  checkClean(task, result, child);
  // Where the CPU went, per answer: the measured process, PostgreSQL's backends (when a target
  // uses it), and the whole machine (autocannon included) against its cores.
  const answers = result['2xx'];
  const busy =
    cpuBefore.machine === undefined || cpuAfter.machine === undefined
      ? 'n/a'
      : `${((cpuAfter.machine - cpuBefore.machine) / result.duration).toFixed(2)} of ${cpus().length} cores`;
  const cpu = `CPU per answer: ${cpuText(cpuPer(cpuBefore.server, cpuAfter.server, answers))} in the process, ${cpuText(cpuPer(cpuBefore.postgres, cpuAfter.postgres, answers))} in PostgreSQL, ${cpuText(cpuPer(cpuBefore.machine, cpuAfter.machine, answers))} on the machine (busy ${busy})`;
  const line = `${task}: ${Math.round(result.requests.mean)} req/s, ${result['2xx']} 2xx in ${result.duration} s, latency mean ${result.latency.mean.toFixed(2)} ms p99 ${result.latency.p99} ms`;
  if (!before) {
    console.log(`${line}; ${cpu}`);
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
  const note = `${task}: ${cpu}; ${created} stored (${result['2xx']} 2xx + ${created - result['2xx']} in flight at stop), ${commits} transactions, mean ${meanBatch.toFixed(1)} captures/transaction, mean commit ${meanCommitMs.toFixed(2)} ms (captures/transaction: ${batchHistogram(before, after)})`;
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

/** Seconds measured (after a warm-up) at each connection count: longest at the target's. */
function timingAt(connections: number, quick: boolean) {
  if (connections === TARGET_CONNECTIONS) return { seconds: quick ? 2 : 8, warmup: quick ? 1 : 2 };
  return { seconds: 3, warmup: 1 };
}

export const captures: BenchSuite = {
  name: 'captures',
  async run({ quick }) {
    const databaseUrl = process.env.DATABASE_URL || undefined;
    const started: Child[] = [];
    const dataDirs: string[] = [];
    const cleanups: (() => Promise<void>)[] = [];
    const newDataDir = () => {
      const dir = mkdtempSync(join(tmpdir(), 'izinli-bench-'));
      dataDirs.push(dir);
      return dir;
    };
    const rows: BenchRow[] = [];
    const notes: string[] = [];
    /** The echo's throughput at each connection count: each row's ratio is to the same count's. */
    const echoAt = new Map<number, number>();
    /** Measures `child` at every level, in order, adding a row per level. */
    // --quick measures the target level only (the 1-minute pass).
    const levels = quick ? [TARGET_CONNECTIONS] : LEVELS;
    const atEveryLevel = async (name: string, child: Child, path: string) => {
      for (const connections of levels) {
        const task = `${name}, ${connections} connections`;
        const measured = await measure(task, child, path, {
          ...timingAt(connections, quick),
          connections,
        });
        const base = echoAt.get(connections) ?? measured.row.opsPerSec;
        if (!echoAt.has(connections)) echoAt.set(connections, base);
        rows.push({ ...measured.row, ratio: measured.row.opsPerSec / base });
        if (measured.note) notes.push(measured.note);
      }
    };
    try {
      // One target at a time, so each has the machine to itself beside autocannon.
      const echo = await startEcho();
      started.push(echo);
      await atEveryLevel('Hono JSON echo (baseline)', echo, '/echo');
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
        const name = `POST /v1/captures, ${store.replace(/ \(schema .*\)$/, '')}`;
        const server = await startServer(name, newDataDir(), url);
        started.push(server);
        await atEveryLevel(name, server, '/v1/captures');
        await stopChild(server);
      }
    } finally {
      await Promise.all(started.map(stopChild));
      for (const cleanup of cleanups) await cleanup();
      for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
    }
    const target = timingAt(TARGET_CONNECTIONS, quick);
    const other = timingAt(LEVELS[0], quick);
    const others = quick ? '' : `, ${other.seconds} s after ${other.warmup} s at the others`;
    return {
      suite: 'captures',
      description:
        `captures/s through POST /v1/captures on a real port (autocannon at ${levels.join('/')} ` +
        `connections, pipelining 1; ${target.seconds} s after ${target.warmup} s warm-up at ` +
        `${TARGET_CONNECTIONS}${others}; a new ` +
        `capture per request, answered after a durable group commit; each ratio is to the echo ` +
        `at the same connection count). ${notes.join('; ')}`,
      baseline: `Hono JSON echo (baseline) at the same connection count`,
      rows,
    };
  },
};
