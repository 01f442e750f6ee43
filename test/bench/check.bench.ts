// Pre-send checks per second: `GET /v1/check` (admin token) on the built server in its own process
// over a mirror of 1,000,000 recipients (50,000 with --quick) in its SQLite file, under autocannon
// with 64 connections, each request a random recipient of the mirror, beside a bare Hono `GET
// /echo` answering a JSON of the same size, measured the same way in the same run (target ≥ 0.7).
//
// The mirror is written straight into the migrated file before the server starts (one
// transaction), half ONAY and half RET; the suite refuses to report a run with any non-2xx answer
// or an answer that does not match the recipient's seeded status.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import { EXAMPLE_ADMIN_TOKEN } from '@izinli/core/fixtures';
import { openSqliteStore } from '@izinli/server';
import { startEcho, startServer, stopChild } from './bench-processes.js';
import type { Child } from './bench-processes.js';
import { cpuText, withCpu } from './cpu.js';
import { reportFromRows, type BenchRow, type BenchSuite } from './harness.js';

const CONNECTIONS = 64;
export const BRAND = { iysCode: 100000, brandCode: 100000 };
export const AUTH = { authorization: `Bearer ${EXAMPLE_ADMIN_TOKEN}` };

/** Recipient `n` of the mirror (E.164, distinct for n < 10,000,000); even n hold ONAY. */
export const recipientOf = (n: number) => `+90532${String(10_000_000 + n).slice(-7)}`;

/** Migrates a fresh SQLite file in `dir` and writes `size` mirror entries into it. */
async function seedMirror(dir: string, size: number): Promise<number> {
  const file = join(dir, 'izinli.sqlite');
  const store = await openSqliteStore({ file });
  await store.migrate();
  await store.close();
  const started = performance.now();
  const db = new Database(file);
  try {
    const insert = db.prepare(`INSERT INTO consent_mirror (consent_key, iys_code, brand_code,
      recipient_type, type, recipient, status, consent_date, source, updated_at)
      VALUES (?, ?, ?, 'BIREYSEL', 'MESAJ', ?, ?, '2026-11-28 13:15:30', 'HS_WEB',
      '2026-11-28T10:15:31.000Z')`);
    db.transaction(() => {
      for (let n = 0; n < size; n++) {
        const recipient = recipientOf(n);
        const key = `${BRAND.iysCode}:${BRAND.brandCode}:BIREYSEL:MESAJ:${recipient}`;
        insert.run(key, BRAND.iysCode, BRAND.brandCode, recipient, n % 2 === 0 ? 'ONAY' : 'RET');
      }
    })();
  } finally {
    db.close();
  }
  return (performance.now() - started) / 1000;
}

/**
 * Runs `measure` over a fresh directory holding a seeded mirror (`seedMirror`) of 1,000,000
 * recipients, 50,000 with --quick; removes the directory after, whatever happened.
 */
export async function onSeededMirror<T>(
  suite: string,
  quick: boolean,
  measure: (mirror: { dir: string; size: number; seedSeconds: number }) => Promise<T>,
): Promise<T> {
  const size = quick ? 50_000 : 1_000_000;
  const dir = mkdtempSync(join(tmpdir(), `izinli-bench-${suite}-`));
  try {
    return await measure({ dir, size, seedSeconds: await seedMirror(dir, size) });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs autocannon against `url`, every request for `path(n)` with a random n below `size`. */
function load(url: string, size: number, path: (n: number) => string, seconds: number) {
  return autocannon({
    url,
    connections: CONNECTIONS,
    pipelining: 1,
    duration: seconds,
    requests: [
      {
        method: 'GET',
        headers: AUTH,
        setupRequest: (request) => ({
          ...request,
          path: path(Math.floor(Math.random() * size)),
        }),
      },
    ],
  });
}

/** Throws unless every answer of the run was a 2xx. */
export function checkClean(what: string, result: autocannon.Result, child: Child): void {
  if (result.non2xx > 0 || result.errors > 0 || result.timeouts > 0 || result['2xx'] === 0) {
    throw new Error(
      `check bench: ${what} measured failures, not throughput: ${result['2xx']} 2xx, ` +
        `${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts; ` +
        `${child.name} printed:\n${child.output.join('\n')}`,
    );
  }
}

/** Asks the server for a few seeded recipients and throws unless each answer matches its seed. */
async function checkAnswers(server: Child, size: number): Promise<void> {
  for (const n of [0, 1, size - 2, size - 1, Math.floor(size / 2)]) {
    const query = new URLSearchParams({ recipient: recipientOf(n), type: 'MESAJ' });
    const response = await fetch(`${server.url}/v1/check?${query}`, { headers: AUTH });
    const answer = (await response.json()) as { allowed?: boolean; status?: string };
    const expected = n % 2 === 0 ? 'ONAY' : 'RET';
    if (response.status !== 200 || answer.status !== expected || answer.allowed !== (n % 2 === 0))
      throw new Error(`check bench: recipient ${n} answered ${JSON.stringify(answer)}`);
  }
}

const row = (task: string, result: autocannon.Result): Omit<BenchRow, 'ratio'> => ({
  task,
  opsPerSec: result.requests.mean,
  meanMs: result.latency.mean,
  p99Ms: result.latency.p99,
});

export const check: BenchSuite = {
  name: 'check',
  async run({ quick }) {
    const seconds = quick ? 2 : 10;
    return onSeededMirror('check', quick, async ({ dir, size, seedSeconds }) => {
      const started: Child[] = [];
      const rows: Omit<BenchRow, 'ratio'>[] = [];
      try {
        const echo = await startEcho();
        started.push(echo);
        const echoPath = () => '/echo';
        checkClean('echo (warm-up)', await load(echo.url, size, echoPath, 1), echo);
        const [echoed, echoCpu] = await withCpu(echo, () =>
          load(echo.url, size, echoPath, seconds),
        );
        checkClean('echo', echoed, echo);
        rows.push(row('Hono GET JSON echo (baseline)', echoed));
        await stopChild(echo);

        const server = await startServer('GET /v1/check', dir);
        started.push(server);
        await checkAnswers(server, size);
        const checkPath = (n: number) =>
          `/v1/check?${new URLSearchParams({ recipient: recipientOf(n), type: 'MESAJ' })}`;
        checkClean('check (warm-up)', await load(server.url, size, checkPath, 1), server);
        const [checked, checkCpu] = await withCpu(server, () =>
          load(server.url, size, checkPath, seconds),
        );
        checkClean('GET /v1/check', checked, server);
        const task = `GET /v1/check, SQLite mirror of ${size.toLocaleString('en')}`;
        rows.push(row(task, checked));
        console.log(
          `check: mirror of ${size} seeded in ${seedSeconds.toFixed(1)} s; ` +
            `echo ${Math.round(echoed.requests.mean)} req/s p99 ${echoed.latency.p99} ms, ` +
            `${cpuText(echoCpu)} of CPU per request; check ${Math.round(checked.requests.mean)} req/s ` +
            `p99 ${checked.latency.p99} ms, ${cpuText(checkCpu)} of CPU per request`,
        );
      } finally {
        await Promise.all(started.map(stopChild));
      }
      return reportFromRows(
        'check',
        `pre-send checks/s through GET /v1/check (admin token) over a mirror of ${size} recipients ` +
          `on a real port (autocannon, ${CONNECTIONS} connections, ${seconds} s after 1 s warm-up, ` +
          `a random recipient per request)`,
        rows,
      );
    });
  },
};
