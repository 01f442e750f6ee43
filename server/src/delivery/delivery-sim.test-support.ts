// A delivery worker against the İYS simulator over real HTTP, for the fault tests: a frozen
// simulated clock (only `advance` moves it), seeded randomness, a SQLite outbox, a workload whose
// every key would trip H174/H175/H178 at İYS if sent out of order or twice, and the checks.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Movement } from '@izinli/core';
import type { ConsentStatus } from '@izinli/core';
import { exampleServerConfig } from '@izinli/core/fixtures';
import { unlimited } from '@izinli/iys';
import type { FetchLike } from '@izinli/iys';
import { createIysSim, seededRandom, serveIysSim } from '@izinli/iys-sim';
import type { IysSim, IysSimOptions, ServedSim, SimMovementEntry } from '@izinli/iys-sim';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterEach, expect } from 'vitest';
import { checkServerConfig } from '../config/load-config.js';
import { openSqliteStore } from '../store/sqlite/sqlite-store.js';
import { appendCapture, phone } from '../store/contract/store-fixtures.test-support.js';
import type { Store } from '../store/store.js';
import { createDeliveryWorker } from './delivery-worker.js';
import type { DeliveryReport, DeliveryWorker, DeliveryWorkerOptions } from './delivery-worker.js';
import { mirroredOnIys, pendingMovement } from './movement-fixture.test-support.js';

export const BRAND = { iysCode: 100000, brandCode: 100000 };
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;

/** What a fault test works with. */
export interface DeliveryHarness {
  sim: IysSim;
  served: ServedSim;
  store: Store;
  /** The store's SQLite file (a test may alter it behind the store). */
  dbFile: string;
  /** Every request the workers sent, by path (what went over the wire to the simulator). */
  sent: string[];
  /** Token requests sent so far. */
  tokenRequests(): number;
  /** The workers' log lines (pino JSON), to check what is logged and what never is. */
  logs: string[];
  /** A worker on the harness's store, simulator and clock; `fetch` wraps the counting fetch. */
  worker(
    extra?: Partial<DeliveryWorkerOptions>,
    wrap?: (fetch: FetchLike) => FetchLike,
  ): DeliveryWorker;
  /** Queues one capture's movements, dated `minutesAgo` before the simulator's now. */
  enqueue(
    specs: { recipient: string; status?: ConsentStatus; minutesAgo: number }[],
  ): Promise<Movement[]>;
  simMovements(): Promise<SimMovementEntry[]>;
  /** Queues the workload of `queueTrickyWorkload` (below). */
  queueTrickyWorkload(keys: number, base?: number): Promise<Workload>;
  /** Runs `worker`'s passes until every movement settles (`deliverAll`, below). */
  deliverAll(worker: DeliveryWorker, options?: DeliverAllOptions): Promise<DeliveryReport[]>;
  /** Checks the end state every fault test wants (`expectDeliveredOnce`, below). */
  expectDeliveredOnce(workload: Workload): Promise<void>;
  close(): Promise<void>;
}

/** How `deliverAll` paces its passes: the simulated time between two, and the most passes. */
export interface DeliverAllOptions {
  stepMs?: number;
  rounds?: number;
}

/** `startHarness` for tests that start their own: each harness is closed after its test. */
export function harnessesClosedAfterEach(): typeof startHarness {
  const started: DeliveryHarness[] = [];
  afterEach(async () => {
    for (const h of started.splice(0)) await h.close();
  });
  return async (sim) => {
    const h = await startHarness(sim);
    started.push(h);
    return h;
  };
}

/** Starts the simulator over HTTP (frozen clock, unlimited per-second rate unless `sim` says). */
export async function startHarness(sim: IysSimOptions = {}): Promise<DeliveryHarness> {
  const simulator = createIysSim({
    clock: { now: () => 0, start: '2025-10-15T07:00:00Z' },
    random: seededRandom(1),
    ...sim,
    limits: { requestsPerSecond: 1_000_000, ...sim.limits },
  });
  const served = await serveIysSim(simulator, { port: 0 });
  const dir = mkdtempSync(join(tmpdir(), 'izinli-delivery-faults-'));
  const store = await openSqliteStore({ file: join(dir, 'izinli.sqlite') });
  await store.migrate();
  const loaded = await checkServerConfig(exampleServerConfig, { IYS_PASSWORD: 'demo' });
  if (!loaded.ok) throw new Error('example config invalid');
  const config = loaded.value;
  const sent: string[] = [];
  const counting: FetchLike = (request) => {
    sent.push(new URL(request.url).pathname);
    return fetch(request);
  };
  let captures = 0;
  const logs: string[] = [];
  const logger = pino(
    { level: 'info' },
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        logs.push(chunk.toString());
        done();
      },
    }),
  );

  const harness: DeliveryHarness = {
    sim: simulator,
    served,
    store,
    dbFile: join(dir, 'izinli.sqlite'),
    sent,
    logs,
    tokenRequests: () => sent.filter((p) => p === '/oauth2/token').length,
    worker: (extra = {}, wrap = (f) => f) =>
      createDeliveryWorker({
        config,
        store,
        baseUrl: served.url,
        fetch: wrap(counting),
        intervalMs: 1000,
        now: () => simulator.now(),
        rateLimiter: () => unlimited,
        retry: { random: seededRandom(7) },
        // Single adds only (batches have tests of their own), so `claimLimit` bounds each claim.
        batchThreshold: 0,
        logger,
        ...extra,
      }),
    async enqueue(specs) {
      captures += 1;
      const made: Movement[] = [];
      await appendCapture(
        store,
        { n: captures, phone: phone(captures) },
        {
          movements: (captureId) =>
            specs.map((s, i) => {
              const date = new Date(simulator.now().getTime() - s.minutesAgo * MINUTE);
              const m = pendingMovement({
                id: `mv-${captures}-${i}`,
                captureId,
                recipient: s.recipient,
                status: s.status ?? 'ONAY',
                date,
                deadline: new Date(date.getTime() + 3 * 86_400_000),
              });
              made.push(m);
              return m;
            }),
        },
      );
      return made;
    },
    simMovements: async () =>
      (await (await fetch(`${served.url}/__sim/movements?source=HS`)).json()) as SimMovementEntry[],
    queueTrickyWorkload: (keys, base) => queueTrickyWorkload(harness, keys, base),
    deliverAll: (worker, options) => deliverAll(harness, worker, options),
    expectDeliveredOnce: (workload) => expectDeliveredOnce(harness, workload),
    async close() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
      await served.close();
    },
  };
  return harness;
}

/** What `queueTrickyWorkload` queued, to check against at the end. */
export interface Workload {
  /** Movements that must reach İYS, each exactly once. */
  toSend: Movement[];
  /** Movements that must never be sent (first RET: H175; same status: H174; older: H178). */
  notSent: Movement[];
}

/**
 * `keys` recipients with ONAY → RET → ONAY each (out of order or twice, İYS would answer H174 or
 * H178), a first-ever RET (H175 if sent), a RET over İYS's RET (H174) and a movement older than
 * İYS's record (H178). `base` keeps recipients of several workloads apart.
 */
async function queueTrickyWorkload(
  h: DeliveryHarness,
  keys: number,
  base = 1000,
): Promise<Workload> {
  const toSend: Movement[] = [];
  for (const [status, minutesAgo] of [
    ['RET', 40],
    ['ONAY', 50],
    ['ONAY', 30],
  ] as const) {
    // Newest first, so insertion order is not consentDate order.
    const specs = Array.from({ length: keys }, (_, i) => ({
      recipient: phone(base + i),
      status,
      minutesAgo,
    }));
    toSend.push(...(await h.enqueue(specs)));
  }
  const [firstRet] = await h.enqueue([
    { recipient: phone(base + 900), status: 'RET', minutesAgo: 45 },
  ]);
  const [same, older] = await h.enqueue([
    { recipient: phone(base + 901), status: 'RET', minutesAgo: 45 },
    { recipient: phone(base + 902), status: 'RET', minutesAgo: 45 },
  ]);
  await h.store.upsertMirror([
    mirroredOnIys(h.sim, same!, 'RET', 60),
    mirroredOnIys(h.sim, older!, 'ONAY', 10),
  ]);
  return { toSend, notSent: [firstRet!, same!, older!] };
}

/** Runs passes, a simulated second apart (a key's next movement waits for it), until all settle. */
async function deliverAll(
  h: DeliveryHarness,
  worker: DeliveryWorker,
  { stepMs = 1000, rounds = 200 }: DeliverAllOptions = {},
): Promise<DeliveryReport[]> {
  const reports: DeliveryReport[] = [];
  for (let round = 0; round < rounds && (await h.store.stats()).pendingMovements > 0; round += 1) {
    reports.push(...(await worker.runOnce()));
    h.sim.advance(stepMs);
  }
  return reports;
}

/**
 * The end state every fault test wants (A18): every movement to send delivered, with İYS's
 * transactionId, exactly once on İYS's log and in consentDate order per key; nothing else sent,
 * nothing dead but the H178; and İYS never saw H174, H175 or H178.
 */
async function expectDeliveredOnce(h: DeliveryHarness, workload: Workload): Promise<void> {
  const rows = new Map((await h.store.movements({})).map((m) => [m.id, m]));
  const onIys = await h.simMovements();
  for (const m of workload.toSend) {
    const row = rows.get(m.id)!;
    expect(row.state, m.id).toBe('delivered');
    const twins = onIys.filter(
      (s) => s.recipient === m.recipient && s.consentDate === m.consentDate,
    );
    expect(twins, m.id).toHaveLength(1);
    expect(twins[0]).toMatchObject({ status: m.status, transactionId: row.transactionId });
  }
  expect(onIys).toHaveLength(workload.toSend.length);
  for (const recipient of new Set(workload.toSend.map((m) => m.recipient))) {
    const dates = onIys.filter((s) => s.recipient === recipient).map((s) => s.consentDate);
    expect(dates).toEqual([...dates].sort());
  }
  const [firstRet, same, older] = workload.notSent.map((m) => rows.get(m.id)!);
  expect([firstRet!.state, same!.state, older!.state]).toEqual([
    'already-current',
    'already-current',
    'dead',
  ]);
  expect([firstRet!.lastError?.code, same!.lastError?.code, older!.lastError?.code]).toEqual([
    'H175',
    'H174',
    'H178',
  ]);
  expect([...rows.values()].filter((m) => m.state === 'dead')).toHaveLength(1);
  const byCode = h.sim.stats().byCode;
  expect([byCode.H174 ?? 0, byCode.H175 ?? 0, byCode.H178 ?? 0]).toEqual([0, 0, 0]);
}
