// PostgreSQL going away mid-load. Restarting the shared database server is not safe
// here, so the test kills this server's own backend connections (pg_terminate_backend on the
// connections whose application_name is the test's, and nobody else's) twice while 8 clients
// post captures. A capture in flight on a killed connection may be refused (503 JSON, nothing
// written); none may be acknowledged and then lost; the server keeps serving (its pool replaces
// the dead connections) and the chain is unbroken.
import { randomBytes } from 'node:crypto';
import { expect, it } from 'vitest';
import { EXAMPLE_SITE_KEY } from '@izinli/core/fixtures';
import {
  captureBody,
  expectUnbrokenChain,
  parseRecords,
  postCapture,
  sleep,
  startLoad,
} from './captures.test-support.js';
import { describeOnSharedPostgres } from './postgres-schema.test-support.js';
import {
  makeDataDir,
  startServerProcess,
  stopServerProcess,
} from './server-process.test-support.js';

const TOTAL = 600;

describeOnSharedPostgres(
  'PostgreSQL connections killed mid-load',
  'izinli_pg_kill',
  (schema, running) => {
    const appName = `izinli_kill_${randomBytes(4).toString('hex')}`;

    /** Terminates this test's server connections only; how many there were. */
    const killOwnConnections = async (): Promise<number> => {
      const { rows } = await schema.query<{ killed: boolean }>(
        `SELECT pg_terminate_backend(pid) AS killed FROM pg_stat_activity
         WHERE application_name = $1 AND pid <> pg_backend_pid()`,
        [appName],
      );
      return rows.filter((r) => r.killed).length;
    };

    it('A13: no acknowledged capture is lost, refusals are 503 JSON, the server recovers, the chain is intact', async () => {
      const { dataDir, configFile } = makeDataDir();
      const url = new URL(schema.url);
      url.searchParams.set('application_name', appName);
      const server = await startServerProcess({
        DATA_DIR: dataDir,
        IZINLI_CONFIG: configFile,
        DATABASE_URL: url.toString(),
      });
      running.push(server);
      const load = startLoad({
        workers: 8,
        next: (n) => (n < TOTAL ? { url: server.url, body: captureBody(n) } : undefined),
      });
      const kills: number[] = [];
      for (const at of [150, 350]) {
        while (load.result.acknowledged.length < at && load.result.sent < TOTAL) await sleep(5);
        kills.push(await killOwnConnections());
      }
      const { acknowledged, failures, noAnswer } = await load.done;
      expect(
        kills.every((k) => k > 0),
        `connections killed: ${kills.join(', ')}`,
      ).toBe(true);
      // Still running: a connection lost while checked out used to crash the process (an 'error'
      // event on the pg client nobody listened to); postgres-store.ts now hears it.
      expect(server.child.exitCode).toBeNull();
      expect(noAnswer).toBe(0);
      for (const failure of failures) expect(failure).toMatch(/^503: .*"server.unavailable"/);
      expect(acknowledged.length + failures.length).toBe(TOTAL);
      expect(acknowledged.length).toBeGreaterThan(TOTAL / 2);

      // The pool has replaced its connections: the next captures are accepted.
      const after = Array.from({ length: 5 }, (_, i) => captureBody(TOTAL + i));
      for (const body of after) expect((await postCapture(server.url, body)).status).toBe(201);
      expect((await stopServerProcess(server)).code).toBe(0);

      const { rows } = await schema.query<{ capture_id: string; record: string }>(
        `SELECT capture_id, record FROM ${schema.name}.captures WHERE site_key = $1 ORDER BY seq`,
        [EXAMPLE_SITE_KEY],
      );
      const stored = new Set(rows.map((r) => r.capture_id));
      for (const { id } of acknowledged) expect(stored.has(id), id).toBe(true);
      for (const { id } of after) expect(stored.has(id), id).toBe(true);
      // Refused ones left nothing: exactly the acknowledged captures are stored.
      expect(rows).toHaveLength(acknowledged.length + after.length);
      await expectUnbrokenChain(parseRecords(rows.map((r) => r.record)));
      const movements = await schema.query<{ n: string }>(
        `SELECT count(DISTINCT capture_id) AS n FROM ${schema.name}.movements`,
      );
      // Every stored capture ticked MESAJ, so each has its movements: none half-written.
      expect(Number(movements.rows[0]!.n)).toBe(rows.length);
    }, 90_000);
  },
);
