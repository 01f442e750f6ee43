// The batch tests' harness: the İYS simulator over real HTTP on a frozen clock (only `advance`
// moves it), seeded randomness, a SQLite outbox, a delivery worker on both, a request log (method
// and path only) and helpers to queue a backlog and inspect both sides.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatIysDate } from '@izinli/core';
import type { ConsentStatus, Movement } from '@izinli/core';
import { exampleServerConfig } from '@izinli/core/fixtures';
import { unlimited } from '@izinli/iys';
import type { FetchLike } from '@izinli/iys';
import { createIysSim, seededRandom, serveIysSim } from '@izinli/iys-sim';
import type { IysSim, IysSimOptions, ServedSim } from '@izinli/iys-sim';
import pg from 'pg';
import { pino } from 'pino';
import { afterEach, beforeEach, describe } from 'vitest';
import { checkServerConfig } from '../config/load-config.js';
import type { LoadedConfig } from '../config/load-config.js';
import { openPostgresStore } from '../store/postgres/postgres-store.js';
import { openSqliteStore } from '../store/sqlite/sqlite-store.js';
import { SITE_A, appendCapture, phone } from '../store/contract/store-fixtures.test-support.js';
import type { Store } from '../store/store.js';
import { createDeliveryWorker } from './delivery-worker.js';
import type { DeliveryWorkerOptions } from './delivery-worker.js';
import { pendingMovement } from './movement-fixture.test-support.js';
import { freshSchema } from '../store/postgres/postgres.test-support.js';

export const BRAND = { iysCode: 100000, brandCode: 100000 };
export const MINUTE = 60_000;
/** The worker's default first poll: İYS's 300 s and a margin. */
export const FIRST_POLL = 305_000;

/** One movement to queue, dated `minutesAgo` before the simulator's now. */
export interface Spec {
  recipient: string;
  type?: 'MESAJ' | 'EPOSTA';
  status?: ConsentStatus;
  minutesAgo: number;
  /** From the simulator's now (default 3 days). */
  deadlineInMs?: number;
}

const SIM_OPTIONS: IysSimOptions = {
  clock: { now: () => 0, start: '2025-10-15T07:00:00Z' },
  limits: { requestsPerSecond: 1_000_000 },
  random: seededRandom(1),
};

/** PostgreSQL for the store when set (tests skip that variant without it). */
export const DATABASE_URL = process.env.DATABASE_URL;

/** The stores a batch suite runs on (`describe.each`); PostgreSQL is skipped without DATABASE_URL. */
export const BATCH_STORES = [
  { kind: 'sqlite' as const, name: 'SQLite', skip: false },
  {
    kind: 'postgres' as const,
    name: DATABASE_URL
      ? 'PostgreSQL'
      : 'PostgreSQL (skipped: DATABASE_URL is not set — CI sets it)',
    skip: !DATABASE_URL,
  },
];

/**
 * `body` once per store of BATCH_STORES, with that store's harness; the PostgreSQL one is reported
 * as skipped, with why, on a machine without DATABASE_URL (CI sets it, so there it runs).
 */
export function describeBatchStores(
  title: string,
  body: (h: ReturnType<typeof useBatchHarness>) => void,
): void {
  for (const { kind, name, skip } of BATCH_STORES) {
    describe.skipIf(skip)(`${title}, ${name}`, () => body(useBatchHarness({ store: kind })));
  }
}

/**
 * Registers the hooks of a fresh harness per test; read its fields inside tests only. The store is
 * a SQLite file, or a fresh schema of `DATABASE_URL` with `store: 'postgres'`.
 */
export function useBatchHarness(options: { store?: 'sqlite' | 'postgres' } = {}) {
  let schema: string | undefined;
  const h = {
    sim: undefined as unknown as IysSim,
    served: undefined as unknown as ServedSim,
    store: undefined as unknown as Store,
    config: undefined as unknown as LoadedConfig,
    dir: '',
    logs: [] as string[],
    posts: [] as string[],
    captures: 0,
    /** Replaces the simulator (e.g. with another policy); the store stays. */
    async restartSim(options: Partial<IysSimOptions> = {}) {
      await h.served.close();
      await h.sim.close();
      h.sim = createIysSim({ ...SIM_OPTIONS, random: seededRandom(1), ...options });
      h.served = await serveIysSim(h.sim, { port: 0 });
    },
    worker(extra: Partial<DeliveryWorkerOptions> = {}) {
      // Real fetch, noting each request's method and path (never its body).
      const counting: FetchLike = (request) => {
        h.posts.push(`${request.method} ${new URL(request.url).pathname}`);
        return fetch(request);
      };
      return createDeliveryWorker({
        config: h.config,
        store: h.store,
        baseUrl: h.served.url,
        fetch: counting,
        intervalMs: 1000,
        now: () => h.sim.now(),
        rateLimiter: () => unlimited,
        retry: { random: seededRandom(7) },
        logger: pino(
          { level: 'info' },
          {
            write(line: string) {
              h.logs.push(line);
            },
          },
        ),
        ...extra,
      });
    },
    /** Queues one capture's movements. */
    async enqueue(specs: readonly Spec[]): Promise<Movement[]> {
      h.captures += 1;
      const n = h.captures;
      const made: Movement[] = [];
      await appendCapture(
        h.store,
        { n, phone: phone(n) },
        {
          movements: (captureId) =>
            specs.map((s, i) => {
              const now = h.sim.now().getTime();
              const date = new Date(now - s.minutesAgo * MINUTE);
              const m = pendingMovement({
                id: `mv-${n}-${i}`,
                captureId,
                recipient: s.recipient,
                ...(s.type ? { type: s.type } : {}),
                status: s.status ?? 'ONAY',
                date,
                deadline: new Date(now + (s.deadlineInMs ?? 3 * 86_400_000)),
              });
              made.push(m);
              return m;
            }),
        },
      );
      return made;
    },
    /** `count` ONAY movements with distinct recipients numbered from `from`, in captures of 400. */
    async backlog(count: number, from = 0): Promise<Movement[]> {
      const made: Movement[] = [];
      for (let i = 0; i < count; i += 400) {
        const size = Math.min(400, count - i);
        const specs = Array.from({ length: size }, (_, j) => ({
          recipient: phone(from + i + j),
          minutesAgo: 30,
        }));
        made.push(...(await h.enqueue(specs)));
      }
      return made;
    },
    async simJson<T>(path: string): Promise<T> {
      return (await (await fetch(`${h.served.url}/__sim/${path}`)).json()) as T;
    },
    /** Our movements as İYS recorded them. */
    simMovements: () =>
      h.simJson<{ recipient: string; status: string; transactionId: string }[]>(
        'movements?source=HS',
      ),
    simBatches: () =>
      h.simJson<{ requestId: string; items: number; processed: boolean }[]>('batches'),
    /** A citizen's own ONAY/RET on İYS, which our mirror does not know yet. */
    citizen: (recipient: string, status: ConsentStatus, minutesAgo: number) =>
      fetch(`${h.served.url}/__sim/citizen/consents`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          brandCode: BRAND.brandCode,
          recipient,
          type: 'MESAJ',
          status,
          source: 'IYS_WEB',
          consentDate: formatIysDate(new Date(h.sim.now().getTime() - minutesAgo * MINUTE)),
        }),
      }),
    all: () => h.store.movements({ limit: 10_000 }),
    /** The site's webhook events of one type, newest first. */
    events: async (type: string) =>
      (await h.store.webhookEvents(SITE_A, 100_000)).filter((e) => e.type === type),
    /** Batch submissions sent to İYS. */
    submits: () => h.posts.filter((p) => p.endsWith('/consents/request')).length,
  };

  beforeEach(async () => {
    h.logs = [];
    h.posts = [];
    h.captures = 0;
    h.sim = createIysSim({ ...SIM_OPTIONS, random: seededRandom(1) });
    h.served = await serveIysSim(h.sim, { port: 0 });
    h.dir = mkdtempSync(join(tmpdir(), 'izinli-batch-'));
    if (options.store === 'postgres') {
      schema = freshSchema();
      h.store = await openPostgresStore({ connectionString: DATABASE_URL!, schema });
    } else {
      h.store = await openSqliteStore({ file: join(h.dir, 'izinli.sqlite') });
    }
    await h.store.migrate();
    const loaded = await checkServerConfig(exampleServerConfig, { IYS_PASSWORD: 'demo' });
    if (!loaded.ok) throw new Error('example config invalid');
    h.config = loaded.value;
  });
  afterEach(async () => {
    await h.store.close();
    rmSync(h.dir, { recursive: true, force: true });
    if (schema !== undefined) {
      const client = new pg.Client({ connectionString: DATABASE_URL });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await client.end();
      schema = undefined;
    }
    await h.served.close();
    await h.sim.close();
  });
  return h;
}
