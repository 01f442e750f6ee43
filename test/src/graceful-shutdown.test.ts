// Graceful shutdown: SIGTERM while 16 clients post captures. The process must stop
// taking connections, finish the commits already under way, answer them, and exit 0. Every
// capture answered 2xx is stored (checked after a restart through the admin API), none is
// answered 5xx, and the chain is intact. Requests refused or reset once the server closed are
// fine: a browser's widget retries them.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { EXAMPLE_SITE_KEY } from '@izinli/core/fixtures';
import {
  adminGet,
  captureBody,
  expectUnbrokenChain,
  fetchJwks,
  parseRecords,
  startLoad,
  sleep,
} from './captures.test-support.js';
import { runIzinli } from './cli-process.test-support.js';
import { makeDataDir, serverProcesses, stopServerProcess } from './server-process.test-support.js';
import type { ServerProcess } from './server-process.test-support.js';

const WORKERS = 16;
const EXIT_BOUND_MS = 10_000;

const servers = serverProcesses();

/** The error code under a failed fetch (undici puts it in `cause`). */
const codeOf = (error: unknown): string =>
  (error as { cause?: { code?: string } }).cause?.code ?? String(error);
/** True for a fetch that got no HTTP answer: the connection was refused, reset or closed. */
const isNoAnswer = (error: unknown): boolean =>
  error instanceof TypeError &&
  ['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED'].includes(
    codeOf(error),
  );

/** Resolves with the exit, or with undefined once `ms` passed without one. */
function exitWithin(server: ServerProcess, ms: number) {
  return Promise.race([server.exited, sleep(ms).then(() => undefined)]);
}

/** Runs `check` over `items` with `concurrency` loops. */
async function eachConcurrently<T>(
  items: readonly T[],
  concurrency: number,
  check: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const loop = async () => {
    while (next < items.length) await check(items[next++]!);
  };
  await Promise.all(Array.from({ length: concurrency }, loop));
}

describe('graceful shutdown', () => {
  it('SIGTERM under load: the process exits 0, every 2xx capture is stored, none is answered 5xx, the chain is intact', async () => {
    const { dataDir, env } = makeDataDir();
    const first = await servers.start(env);

    let signalled = false;
    let exited = false;
    void first.exited.then(() => (exited = true));
    const noAnswers = new Map<string, number>();
    const load = startLoad({
      workers: WORKERS,
      // Every worker goes on until the process is gone, so requests meet every stage of the close:
      // in flight at the signal, sent on a kept-alive connection after it, refused.
      next: (n) => (exited ? undefined : { url: first.url, body: captureBody(n) }),
      onNoAnswer: async (error) => {
        if (!signalled || !isNoAnswer(error)) throw error;
        noAnswers.set(codeOf(error), (noAnswers.get(codeOf(error)) ?? 0) + 1);
        await sleep(5);
      },
    });
    // Signal once a good number of captures are in and most workers wait for an answer.
    while (!exited && (load.result.acknowledged.length < 100 || load.inFlight() < WORKERS / 2)) {
      await sleep(1);
    }
    expect(exited, `the server died before the signal: ${first.logs.join('\n')}`).toBe(false);
    const inFlightAtSignal = load.inFlight();
    const answeredBeforeSignal = load.result.acknowledged.length;
    signalled = true;
    first.child.kill('SIGTERM');
    // A liveness bound, not a timing assertion: a graceful close takes well under a second here.
    const ended = await exitWithin(first, EXIT_BOUND_MS);
    if (!ended) first.child.kill('SIGKILL');
    const { acknowledged, failures, sent } = await load.done;
    const answeredAfterSignal = acknowledged.length - answeredBeforeSignal;

    expect(inFlightAtSignal).toBeGreaterThan(0);
    // Soft, so that the checks below still run and say whether data was lost.
    expect
      .soft(
        ended,
        `the server did not exit within ${EXIT_BOUND_MS / 1000} s of SIGTERM while clients kept ` +
          `their keep-alive connections busy: it answered ${answeredAfterSignal} captures after ` +
          `the signal and was killed (log: ${first.logs.slice(-1).join('')})`,
      )
      .toEqual({ code: 0, signal: null });
    expect(failures, 'no capture may be answered 5xx (or 4xx) during shutdown').toEqual([]);
    expect(sent).toBeGreaterThan(acknowledged.length);

    // Restarted on the same data folder: every answered capture is there.
    const second = await servers.start(env);
    const missing: string[] = [];
    await eachConcurrently(acknowledged, WORKERS, async ({ id }) => {
      const response = await adminGet(second.url, `/v1/admin/captures/${id}`);
      await response.body?.cancel();
      if (response.status !== 200) missing.push(`${id}: ${response.status}`);
    });
    expect(missing, 'captures answered 2xx but not stored').toEqual([]);
    const jwksFile = join(dataDir, 'published-jwks.json');
    writeFileSync(jwksFile, JSON.stringify(await fetchJwks(second.url)));
    expect((await stopServerProcess(second)).code).toBe(0);

    // The chain, read from the database file: seq 1..N, links and hashes intact.
    const db = new Database(join(dataDir, 'izinli.sqlite'), { readonly: true });
    const rows = db
      .prepare('SELECT capture_id, record FROM captures WHERE site_key = ? ORDER BY seq')
      .all(EXAMPLE_SITE_KEY) as { capture_id: string; record: string }[];
    db.close();
    await expectUnbrokenChain(parseRecords(rows.map((r) => r.record)));
    const stored = new Set(rows.map((r) => r.capture_id));
    expect(stored.size).toBeGreaterThanOrEqual(acknowledged.length);
    if (ended?.code === 0) {
      // A graceful close answers every commit it finished: nothing stored went unanswered.
      const unanswered = stored.size - acknowledged.length;
      expect(unanswered, 'captures committed but never answered').toBe(0);
    }

    // And the operator's check: export + verify log against the published keys.
    const exportFile = join(dataDir, 'export.jsonl');
    const exported = await runIzinli(['export', '--data-dir', dataDir, '--out', exportFile]);
    expect(exported.code, exported.stderr).toBe(0);
    const verified = await runIzinli(['verify', 'log', exportFile, '--jwks', jwksFile]);
    expect(verified.code, verified.stdout).toBe(0);
    expect(verified.stdout).toContain(`site ${EXAMPLE_SITE_KEY}: ${stored.size} records`);
    console.info(
      `graceful shutdown: ${inFlightAtSignal} in flight at SIGTERM, ${answeredAfterSignal} answered ` +
        `after it, no answer: ${JSON.stringify(Object.fromEntries(noAnswers))}, exit ${JSON.stringify(ended)}`,
    );
  }, 60_000);
});
