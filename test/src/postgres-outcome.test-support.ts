// The frame of the PostgreSQL fault tests (restart, freeze): a private cluster with one server
// process on it, torn down whatever failed; what they check during the fault (the operator's view,
// the refusals) and once it is over: the process alive, the refused captures replayed by their
// clients, then every capture stored once, the chain whole, and the exported log verifying.
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { EXAMPLE_SITE_KEY } from '@izinli/core/fixtures';
import { exportAndVerify } from './cli-process.test-support.js';
import { expectUnbrokenChain, parseRecords, postCaptureAnswer } from './captures.test-support.js';
import type { CaptureAnswer } from './captures.test-support.js';
import {
  privatePostgres,
  privatePostgresFreezeUnavailable,
  privatePostgresUnavailable,
} from './private-postgres.test-support.js';
import type { PrivatePostgres } from './private-postgres.test-support.js';
import {
  makeDataDir,
  startServerProcess,
  stopServerProcess,
} from './server-process.test-support.js';
import type { ServerProcess } from './server-process.test-support.js';

/** What a fault test gets: its cluster (started), and a way to run its one server process. */
export interface PrivatePostgresSuite {
  cluster(): PrivatePostgres;
  /**
   * Starts a server process on a fresh data directory and the cluster's URL, plus `env`; SIGKILLed
   * and its directory removed after the tests if they left it running.
   */
  startServer(env?: Record<string, string>): Promise<{ server: ServerProcess; dataDir: string }>;
}

/**
 * A describe block on a private cluster (skipped, saying why in its title, where one cannot be
 * run; `freeze` asks for one that can also be frozen). After its tests, whatever failed: the
 * cluster thawed first (a stopped process would not stop), the server SIGKILLed, `afterServer`
 * run, the cluster stopped and the data directory removed.
 */
export function describeOnPrivatePostgres(
  title: string,
  options: { freeze?: boolean; afterServer?: () => Promise<unknown> },
  body: (suite: PrivatePostgresSuite) => void,
): void {
  const unavailable = options.freeze
    ? privatePostgresFreezeUnavailable
    : privatePostgresUnavailable;
  describe.skipIf(unavailable !== undefined)(
    unavailable ? `${title} (skipped: ${unavailable})` : title,
    () => {
      let cluster: PrivatePostgres | undefined;
      let server: ServerProcess | undefined;
      let dataDir: string | undefined;
      beforeAll(async () => {
        cluster = privatePostgres();
        await cluster.start();
      }, 60_000);
      afterAll(async () => {
        if (options.freeze) cluster?.thaw();
        if (server) {
          server.child.kill('SIGKILL');
          await server.exited;
        }
        await options.afterServer?.();
        await cluster?.stop();
        if (dataDir) rmSync(dataDir, { recursive: true, force: true });
      }, 60_000);
      body({
        cluster: () => cluster!,
        async startServer(env = {}) {
          const made = makeDataDir();
          dataDir = made.dataDir;
          server = await startServerProcess({
            DATA_DIR: made.dataDir,
            IZINLI_CONFIG: made.configFile,
            DATABASE_URL: cluster!.url,
            ...env,
          });
          return { server, dataDir };
        },
      });
    },
  );
}

/** /healthz and /readyz as an operator sees them, both answered within `timeoutMs`. */
export async function operatorView(url: string, timeoutMs: number) {
  const bounded = { signal: AbortSignal.timeout(timeoutMs) };
  const health = await fetch(`${url}/healthz`, bounded);
  const ready = await fetch(`${url}/readyz`, bounded);
  return {
    healthz: health.status,
    readyz: ready.status,
    readiness: (await ready.json()) as unknown,
  };
}

/** The operator's view while the database is out of reach: alive, not ready, naming the database. */
export const DATABASE_OUTAGE_VIEW = {
  healthz: 200,
  readyz: 503,
  readiness: { status: 'unavailable', store: 'postgres', database: false },
};

/** The server is still the process it started as (neither exited nor killed), and no request went unanswered. */
export function expectAliveAndAnswered(server: ServerProcess, noAnswer: readonly string[]): void {
  expect(server.child.exitCode).toBeNull();
  expect(server.child.signalCode).toBeNull();
  expect(noAnswer).toEqual([]);
}

/** Every refusal is the documented 503 JSON (Retry-After 5 s, `server.unavailable`), never a 500 or another shape. */
export function expectUnavailableRefusals(refusals: readonly CaptureAnswer[]): void {
  for (const answer of refusals) {
    expect(answer.status, answer.text).toBe(503);
    expect(answer.contentType).toMatch(/^application\/json/);
    expect(answer.retryAfter).toBe('5');
    expect((JSON.parse(answer.text) as { error: { code: string } }).error.code).toBe(
      'server.unavailable',
    );
  }
}

/**
 * Saves the server's JWKS in its data directory (for `izinli verify log`) and stops it cleanly;
 * the file's path.
 */
export async function saveJwksAndStop(server: ServerProcess, dataDir: string): Promise<string> {
  const jwksFile = join(dataDir, 'jwks.json');
  writeFileSync(jwksFile, await (await fetch(`${server.url}/.well-known/jwks.json`)).text());
  expect((await stopServerProcess(server)).code).toBe(0);
  return jwksFile;
}

/**
 * Retries each refused capture with its id and body, `workers` at a time, as the widget does:
 * 201 when it was not written, 200 when its commit ran after all; never a 409 (a refused capture
 * is never stored differently). Resolves with each one's status, in `refused` order.
 */
export async function replayRefused<T extends { body: { id: string } }>(
  baseUrl: string,
  refused: readonly T[],
  workers: number,
  timeoutMs: number,
): Promise<number[]> {
  const statuses: number[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: workers }, async () => {
      for (let i = next++; i < refused.length; i = next++) {
        const answer = await postCaptureAnswer(baseUrl, refused[i]!.body, timeoutMs);
        expect([200, 201], answer.text).toContain(answer.status);
        statuses[i] = answer.status;
      }
    }),
  );
  return statuses;
}

/**
 * The example site's captures in the database are exactly `ids`, each once, in one unbroken chain,
 * each with its movements (every capture ticks MESAJ: none half-written); and the operator's
 * check — `izinli export` through the same URL, `izinli verify log` against the JWKS — passes.
 */
export async function expectStoredOnceAndVerified(
  databaseUrl: string,
  dataDir: string,
  jwksFile: string,
  ids: readonly string[],
): Promise<void> {
  const expected = [...ids].sort();
  expect(new Set(expected).size).toBe(expected.length);
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ capture_id: string; record: string }>(
      'SELECT capture_id, record FROM captures WHERE site_key = $1 ORDER BY seq',
      [EXAMPLE_SITE_KEY],
    );
    expect(rows.map((r) => r.capture_id).sort()).toEqual(expected);
    await expectUnbrokenChain(parseRecords(rows.map((r) => r.record)));
    const movements = await client.query<{ n: string }>(
      'SELECT count(DISTINCT capture_id) AS n FROM movements',
    );
    expect(Number(movements.rows[0]!.n)).toBe(rows.length);
  } finally {
    await client.end();
  }
  const { exported, verified } = await exportAndVerify(databaseUrl, dataDir, jwksFile);
  expect(exported.code, exported.stderr).toBe(0);
  expect(verified.code, `${verified.stdout}${verified.stderr}`).toBe(0);
  expect(verified.stdout).toContain(`site ${EXAMPLE_SITE_KEY}: ${expected.length} records`);
}
