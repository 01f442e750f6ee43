// No request can hurt another, against the real server process over real HTTP, on
// SQLite and on PostgreSQL: innocent captures sent at the same moment as poisoned ones are all
// stored and answered 201, and a run of ≥ 20,000 hostile and valid requests from concurrent
// keep-alive connections gets no 5xx, loses no connection after an answer that kept it alive,
// writes no row for a refused request and fails no innocent capture. HOSTILE_REQUESTS sets the
// run's size; HOSTILE_SEED its traffic.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkCaptureChain } from '@izinli/core';
import { verifyReceipt } from '@izinli/server';
import type { JSONWebKeySet } from 'jose';
import { ORIGIN, captureBody, fetchJwks, parseRecords } from './captures.test-support.js';
import { hostileTraffic, sendTraffic, tally } from './hostile-traffic.test-support.js';
import type { HostileAnswer } from './hostile-traffic.test-support.js';
import { testSchema } from './postgres-schema.test-support.js';
import {
  makeDataDir,
  startServerProcess,
  stopServerProcess,
} from './server-process.test-support.js';
import type { ServerProcess } from './server-process.test-support.js';

const DATABASE_URL = process.env.DATABASE_URL;
const REQUESTS = Number(process.env.HOSTILE_REQUESTS ?? 20_000);
const SEED = Number(process.env.HOSTILE_SEED ?? 20261206);
const CONNECTIONS = 32;

/** A store under test: how to start the server on it and read back what it stored. */
interface StoreKind {
  /** Made before the server starts (PostgreSQL: the test's own schema). */
  prepare(): Promise<void>;
  env(): Record<string, string>;
  /** Every stored capture's id, record text and receipt, in insertion order. */
  rows(dataDir: string): Promise<{ capture_id: string; record: string; receipt: string }[]>;
  cleanup(): Promise<void>;
}

type Row = { capture_id: string; record: string; receipt: string };
const SELECT_ROWS = 'SELECT capture_id, record, receipt FROM captures ORDER BY pos';

function sqlite(): StoreKind {
  return {
    prepare: () => Promise.resolve(),
    env: () => ({}),
    rows(dataDir) {
      const db = new Database(join(dataDir, 'izinli.sqlite'), {
        readonly: true,
        fileMustExist: true,
      });
      try {
        return Promise.resolve(db.prepare(SELECT_ROWS).all() as Row[]);
      } finally {
        db.close();
      }
    },
    cleanup: () => Promise.resolve(),
  };
}

function postgres(): StoreKind {
  const schema = testSchema(DATABASE_URL ?? '', 'izinli_hostile');
  return {
    prepare: () => schema.create(),
    env: () => ({ DATABASE_URL: schema.url }),
    async rows() {
      await schema.query(`SET search_path TO ${schema.name}`);
      return (await schema.query<Row>(SELECT_ROWS)).rows;
    },
    cleanup: () => schema.drop(),
  };
}

const kinds: { label: string; kind: () => StoreKind; skip?: string }[] = [
  { label: 'SQLite', kind: sqlite },
  {
    label: 'PostgreSQL',
    kind: postgres,
    ...(DATABASE_URL ? {} : { skip: 'DATABASE_URL is not set — CI sets it' }),
  },
];

/** A capture POST's JSON answer. */
const answerBody = (a: HostileAnswer) =>
  JSON.parse(a.text) as {
    captureId?: string;
    receipt?: string;
    error?: { code: string; message: string };
  };

for (const { label, kind, skip } of kinds) {
  describe.skipIf(skip !== undefined)(
    skip ? `hostile traffic on ${label} (skipped: ${skip})` : `hostile traffic on ${label}`,
    { timeout: 600_000 },
    () => {
      let store: StoreKind | undefined;
      let server: ServerProcess;
      let dataDir: string;
      let jwks: JSONWebKeySet;
      /** Ids the server answered 201 or 200 for, across the tests of this store. */
      const acknowledged = new Map<string, string>();

      beforeAll(async () => {
        store = kind();
        await store.prepare();
        const made = makeDataDir();
        dataDir = made.dataDir;
        server = await startServerProcess({
          DATA_DIR: dataDir,
          IZINLI_CONFIG: made.configFile,
          // 40,000 access lines would only slow the test's own log scan; errors are still logged.
          ACCESS_LOG: 'off',
          ...store.env(),
        });
        jwks = (await fetchJwks(server.url)) as JSONWebKeySet;
      });

      afterAll(async () => {
        if (server) await stopServerProcess(server);
        await store?.cleanup();
      });

      /** Every acknowledged capture is stored once with a receipt that verifies; nothing else is. */
      async function expectStoredExactlyAcknowledged() {
        const rows = await store!.rows(dataDir);
        expect(rows.map((r) => r.capture_id).sort()).toEqual([...acknowledged.keys()].sort());
        for (const row of rows) {
          expect(row.receipt, row.capture_id).toBe(acknowledged.get(row.capture_id));
          const verified = await verifyReceipt(row.receipt, jwks);
          expect(verified.ok, row.capture_id).toBe(true);
        }
        const chain = parseRecords(rows.map((r) => r.record));
        expect(await checkCaptureChain(chain)).toEqual([]);
      }

      it('A13: 150 innocent captures sent with 5 poisoned ones at the same moment are all answered 201 and stored; the receipts verify', async () => {
        const post = (body: unknown) =>
          fetch(`${server.url}/v1/captures`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json', Origin: ORIGIN },
            body: JSON.stringify(body),
          });
        const innocent = Array.from({ length: 150 }, (_, i) => captureBody(1_000_000 + i));
        const poison = [
          { ...captureBody(1_100_000), pageUrl: `${ORIGIN}/${'ş'.repeat(1000)}` },
          { ...captureBody(1_100_001), pageUrl: `${ORIGIN}/${'ğüşıöç'.repeat(170)}` },
          {
            ...captureBody(1_100_002),
            person: { fullName: 'Ayşe \ud800 Yılmaz', phone: '05321100002' },
          },
          {
            ...captureBody(1_100_003),
            person: { fullName: 'Ayşe \u0000 Yılmaz', phone: '05321100003' },
          },
          { ...captureBody(1_100_004), widgetVersion: '1.0.0\udc00' },
        ];
        // Poison first, in the middle and last: every group commit these land in mixes them.
        const bodies = [
          poison[0]!,
          ...innocent.slice(0, 75),
          poison[1]!,
          poison[2]!,
          ...innocent.slice(75),
          poison[3]!,
          poison[4]!,
        ];
        const answers = await Promise.all(
          bodies.map(async (body) => {
            const response = await post(body);
            return {
              body,
              status: response.status,
              json: (await response.json()) as Record<string, unknown>,
            };
          }),
        );
        for (const answer of answers) {
          if (poison.includes(answer.body as (typeof poison)[number])) {
            expect(answer.status, JSON.stringify(answer.json)).toBeGreaterThanOrEqual(400);
            expect(answer.status, JSON.stringify(answer.json)).toBeLessThan(500);
          } else {
            expect(answer.status, JSON.stringify(answer.json)).toBe(201);
            acknowledged.set(answer.body.id, answer.json.receipt as string);
          }
        }
        expect(acknowledged.size).toBe(150);
        await expectStoredExactlyAcknowledged();
      });

      it(`A13: ${REQUESTS} hostile and valid requests from ${CONNECTIONS} keep-alive connections: no 5xx, no connection lost, no row from a refusal, no innocent capture failed`, async () => {
        const traffic = hostileTraffic({ total: REQUESTS, seed: SEED, firstPerson: 2_000_000 });
        const started = Date.now();
        const { answers, failures } = await sendTraffic(
          server.url,
          traffic,
          CONNECTIONS,
          (done) => {
            if (done % 5000 === 0) console.log(`hostile traffic (${label}): ${done}/${REQUESTS}`);
          },
        );
        const seconds = (Date.now() - started) / 1000;
        console.log(
          `hostile traffic (${label}, seed ${SEED}): ${answers.length + failures.length} requests in ${seconds.toFixed(1)} s\n` +
            `  by status: ${tally(answers, (a) => String(a.status))}\n` +
            `  by kind: ${tally(answers, (a) => `${a.request.kind} → ${a.status}`)}\n` +
            `  hostile answered 2xx: ${tally(
              answers.filter((a) => a.request.kind !== 'valid' && a.status < 300),
              (a) => a.request.label,
            )}\n` +
            `  without an answer: ${failures.length} (after a kept-alive answer: ${failures.filter((f) => f.reusedSocket).length})`,
        );
        expect(
          failures.map(
            (f) => `${f.request.label}: ${f.code}${f.reusedSocket ? ' (reused socket)' : ''}`,
          ),
        ).toEqual([]);
        expect(answers.length).toBe(REQUESTS);
        const serverErrors = answers.filter((a) => a.status >= 500);
        expect(
          serverErrors.map((a) => `${a.request.label} → ${a.status} ${a.text.slice(0, 200)}`),
        ).toEqual([]);
        for (const answer of answers) {
          const where = `${answer.request.label} → ${answer.status} ${answer.text.slice(0, 200)}`;
          if (answer.request.kind === 'valid') expect(answer.status, where).toBe(201);
          if (answer.status >= 400) {
            expect(answer.headers['content-type'], where).toContain('application/json');
            const body = answerBody(answer);
            expect(body.error?.code, where).toMatch(/^[a-z]+\.[A-Za-z]+$/);
            expect(body.error?.message.trim().length, where).toBeGreaterThan(0);
          } else if (answer.request.path === '/v1/captures') {
            expect([200, 201], where).toContain(answer.status);
            const body = answerBody(answer);
            expect(body.captureId, where).toBe(answer.request.captureId);
            if (answer.status === 201) acknowledged.set(body.captureId!, body.receipt!);
          }
        }
        expect(answers.filter((a) => a.request.kind === 'valid').length).toBeGreaterThan(
          REQUESTS / 4,
        );
        await expectStoredExactlyAcknowledged();
        // The server is still healthy, and no line it logged was about a failed request.
        expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
        const errors = server.logs.filter((line) => /"level":"(error|fatal)"/.test(line));
        expect(errors).toEqual([]);
      });
    },
  );
}
