// Batch pre-send checks: `POST /v1/check` with 1,000 recipients per request (admin token) on the
// built server in its own process, over the same kind of mirror as the check suite (1,000,000
// recipients, 50,000 with --quick), under autocannon with 4 connections, each request 1,000
// random recipients of the mirror. The baseline is the least any server must do for the same
// answers: a bare better-sqlite3 loop of primary-key lookups (one prepared statement) over the
// same file, in this process, in the same run. Both are counted in recipients per second (target
// ≥ 0.5 of the loop).
//
// The suite refuses to report a run with any non-2xx answer, or a batch whose answers do not
// match the recipients' seeded statuses.
import { join } from 'node:path';
import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import { startServer, stopChild } from './bench-processes.js';
import type { Child } from './bench-processes.js';
import { AUTH, BRAND, checkClean, onSeededMirror, recipientOf } from './check.bench.js';
import { cpuText, withCpu } from './cpu.js';
import { reportFromRows, type BenchRow, type BenchSuite } from './harness.js';

const CONNECTIONS = 4;
/** Recipients per request (the route's most). */
const BATCH = 1000;

/** `BATCH` random mirror indexes below `size`. */
const randomBatch = (size: number) =>
  Array.from({ length: BATCH }, () => Math.floor(Math.random() * size));

const batchBody = (indexes: readonly number[]) =>
  JSON.stringify({ type: 'MESAJ', recipients: indexes.map(recipientOf) });

/**
 * The baseline: batches of `BATCH` random primary-key lookups on one prepared statement over the
 * mirror in `file`, for `seconds`; answers recipients per second and CPU µs per recipient.
 */
function lookupLoop(file: string, size: number, seconds: number) {
  const db = new Database(file, { readonly: true });
  try {
    const lookup = db.prepare(
      `SELECT consent_key, iys_code, brand_code, recipient_type, type, recipient, status,
        consent_date, source, updated_at FROM consent_mirror WHERE consent_key = ?`,
    );
    const keyOf = (n: number) =>
      `${BRAND.iysCode}:${BRAND.brandCode}:BIREYSEL:MESAJ:${recipientOf(n)}`;
    const run = (until: number) => {
      let looked = 0;
      const batchTimes: number[] = [];
      while (performance.now() < until) {
        const keys = randomBatch(size).map(keyOf);
        const began = performance.now();
        for (const key of keys) {
          const row = lookup.get(key) as { status?: string } | undefined;
          if (!row?.status) throw new Error(`check-batch bench: ${key} is not in the mirror`);
        }
        batchTimes.push(performance.now() - began);
        looked += keys.length;
      }
      return { looked, batchTimes };
    };
    run(performance.now() + 1000);
    const cpu = process.cpuUsage();
    const began = performance.now();
    const { looked, batchTimes } = run(began + seconds * 1000);
    const spent = process.cpuUsage(cpu);
    const took = batchTimes.reduce((a, b) => a + b, 0);
    batchTimes.sort((a, b) => a - b);
    return {
      perSecond: (looked / took) * 1000,
      meanMs: took / batchTimes.length,
      p99Ms: batchTimes[Math.floor(batchTimes.length * 0.99)] ?? 0,
      cpuPerRecipient: (spent.user + spent.system) / looked,
    };
  } finally {
    db.close();
  }
}

function load(url: string, size: number, seconds: number) {
  return autocannon({
    url: `${url}/v1/check`,
    connections: CONNECTIONS,
    pipelining: 1,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        headers: { ...AUTH, 'content-type': 'application/json' },
        setupRequest: (request) => ({ ...request, body: batchBody(randomBatch(size)) }),
      },
    ],
  });
}

/** Asks the server for one batch and throws unless each answer matches its recipient's seed. */
async function checkAnswers(server: Child, size: number): Promise<void> {
  const indexes = [0, 1, size - 1, ...randomBatch(size)].slice(0, BATCH);
  const response = await fetch(`${server.url}/v1/check`, {
    method: 'POST',
    headers: { ...AUTH, 'content-type': 'application/json' },
    body: batchBody(indexes),
  });
  const answer = (await response.json()) as {
    results?: { recipient: string; allowed: boolean; status: string | null }[];
  };
  const results = answer.results ?? [];
  const wrong = indexes.findIndex((n, i) => {
    const got = results[i];
    const expected = n % 2 === 0 ? 'ONAY' : 'RET';
    return got?.recipient !== recipientOf(n) || got.status !== expected;
  });
  if (response.status !== 200 || results.length !== indexes.length || wrong >= 0)
    throw new Error(
      `check-batch bench: answer ${wrong} does not match its seed: ` +
        JSON.stringify(results[wrong] ?? answer).slice(0, 300),
    );
}

export const checkBatch: BenchSuite = {
  name: 'check-batch',
  async run({ quick }) {
    const seconds = quick ? 3 : 10;
    return onSeededMirror('check-batch', quick, async ({ dir, size, seedSeconds }) => {
      let server: Child | undefined;
      const rows: Omit<BenchRow, 'ratio'>[] = [];
      try {
        const loop = lookupLoop(join(dir, 'izinli.sqlite'), size, seconds);
        rows.push({
          task: 'better-sqlite3 point-lookup loop, recipients (baseline)',
          opsPerSec: loop.perSecond,
          meanMs: loop.meanMs,
          p99Ms: loop.p99Ms,
        });

        server = await startServer('POST /v1/check', dir);
        await checkAnswers(server, size);
        const started = server;
        checkClean('batch check (warm-up)', await load(started.url, size, 1), started);
        const [checked, cpu] = await withCpu(started, () => load(started.url, size, seconds));
        checkClean('POST /v1/check', checked, started);
        rows.push({
          task: `POST /v1/check, ${BATCH} recipients a request, recipients`,
          opsPerSec: checked.requests.mean * BATCH,
          meanMs: checked.latency.mean,
          p99Ms: checked.latency.p99,
        });
        console.log(
          `check-batch: mirror of ${size} seeded in ${seedSeconds.toFixed(1)} s; ` +
            `lookup loop ${Math.round(loop.perSecond)} recipients/s, ` +
            `${loop.cpuPerRecipient.toFixed(1)} µs of CPU each; batch check ` +
            `${Math.round(checked.requests.mean * BATCH)} recipients/s ` +
            `(${checked.requests.mean.toFixed(1)} requests/s, p99 ${checked.latency.p99} ms), ` +
            `${cpuText(cpu === undefined ? undefined : cpu / BATCH)} of CPU each`,
        );
      } finally {
        if (server) await stopChild(server);
      }
      return reportFromRows(
        'check-batch',
        `recipients/s through POST /v1/check (admin token, ${BATCH} random recipients a request) ` +
          `over a mirror of ${size} on a real port (autocannon, ${CONNECTIONS} connections, ` +
          `${seconds} s after 1 s warm-up)`,
        rows,
      );
    });
  },
};
