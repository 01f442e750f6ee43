// The delivery bench's two in-process measurements (delivery.bench.ts): the delivery worker of
// server/dist on a real SQLite store, sending to the İYS simulator over real HTTP at İYS's live
// limits (10 requests/s per IP, 1000 per batch, first batch poll 300 s) through the server's own
// pacer (9 requests/s). Single adds run on the real clock; the batch drain runs on the
// simulator's compressed clock, the worker's `now` and pacer on it too.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IYS_LIMITS } from '@izinli/core';
import { createIysSim, serveIysSim } from '@izinli/iys-sim';
import type { IysSim } from '@izinli/iys-sim';
import { IYS_PACE_PER_SECOND, createDeliveryWorker, openSqliteStore } from '@izinli/server';
import type { Store } from '@izinli/server';
import type { Logger } from 'pino';
import {
  appendBacklog,
  exampleConfig,
  expectCleanDelivery,
  keepingLogger,
  notingFetch,
  phoneOf,
  quantile,
  serveTimed,
  simulatedPacer,
  sleep,
} from './delivery-support.js';
import type { SentRequest } from './delivery-support.js';

/**
 * The server's delivery worker on `store`, sending to the served simulator at `baseUrl` on the
 * simulator's clock, through the server's pacer on that clock; `options` add to it.
 */
async function simClockWorker(
  sim: IysSim,
  store: Store,
  logger: Logger,
  baseUrl: string,
  options: Omit<
    Parameters<typeof createDeliveryWorker>[0],
    'config' | 'store' | 'logger' | 'baseUrl' | 'now' | 'rateLimiter'
  >,
): Promise<ReturnType<typeof createDeliveryWorker>> {
  const pacer = simulatedPacer(sim);
  return createDeliveryWorker({
    config: await exampleConfig(),
    store,
    logger,
    baseUrl,
    now: () => sim.now(),
    rateLimiter: () => pacer,
    ...options,
  });
}

/** What the single-add run measured. */
export interface SingleAddFigures {
  movements: number;
  /** Accepted single adds per second, first to last arrival at the simulator. */
  perSecond: number;
  /** p99 of the gaps between arrivals, ms. */
  gapP99Ms: number;
  /** H124 answers (over İYS's rate) the worker met and retried. */
  rateLimited: number;
}

/**
 * Single adds at İYS's live 10 requests/s on the real clock (sim speed 1), batching off: a
 * backlog of `movements`, all due at once, drained by the worker; the rate between the first
 * and the last movement's arrival at the simulator.
 */
export async function measureSingleAdds(movements: number): Promise<SingleAddFigures> {
  const sim = createIysSim();
  const { served, arrivals } = await serveTimed(sim);
  const dir = mkdtempSync(join(tmpdir(), 'izinli-bench-single-'));
  const store = await openSqliteStore({ file: join(dir, 'izinli.sqlite') });
  const { logger, problems } = keepingLogger();
  try {
    await store.migrate();
    await appendBacklog(store, sim, { count: movements, minutesAgo: 5 });
    const worker = await simClockWorker(sim, store, logger, served.url, {
      intervalMs: 100,
      batchThreshold: 0,
    });
    worker.start();
    const until = performance.now() + (movements / IYS_PACE_PER_SECOND) * 1000 + 20_000;
    while (arrivals.size < movements && performance.now() < until) await sleep(50);
    await worker.stop();
    if (arrivals.size < movements) {
      throw new Error(
        `delivery bench: single adds: ${arrivals.size} of ${movements} reached the simulator ` +
          `in time; the worker logged: ${problems.join('; ')}`,
      );
    }
    const recipients = Array.from({ length: movements }, (_, i) => phoneOf(i));
    const { rateLimited } = await expectCleanDelivery(
      'the single-add run',
      sim,
      served,
      recipients,
    );
    const times = [...arrivals.values()].sort((a, b) => a - b);
    const gaps = times.slice(1).map((t, i) => t - times[i]!);
    return {
      movements,
      perSecond: ((times.length - 1) * 1000) / (times.at(-1)! - times[0]!),
      gapP99Ms: quantile(gaps, 0.99),
      rateLimited,
    };
  } finally {
    await store.close();
    await served.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** What the batch drain measured; durations of the simulated clock unless named `real`. */
export interface DrainFigures {
  movements: number;
  /** The simulator's speed while nothing is due (1 while the worker works). */
  waitSpeed: number;
  batches: number;
  requests: { token: number; submits: number; polls: number; other: number };
  /** First request to the last movement settled, simulated seconds. */
  drainSeconds: number;
  /** İYS's own floor: its 300 s wait after the last submit slot, submits (and token) at 10/s. */
  minimumSeconds: number;
  /** The looser serial formula: 300 s + (token + submits + polls) / 10. */
  serialMinimumSeconds: number;
  /** First to last submit, and the pacer's floor for them (9/s); simulated = real here. */
  submitSeconds: number;
  submitFloorSeconds: number;
  /** Last submit to the first poll (İYS's 300 s and the worker's 5 s margin), simulated. */
  waitSeconds: number;
  /** First poll to the last movement settled, and the pacer's floor for the polls. */
  settleSeconds: number;
  settleFloorSeconds: number;
  /** Real time: appending the backlog, and the whole drain. */
  appendRealSeconds: number;
  drainRealSeconds: number;
}

/** Simulated ms before a batch's first poll that the clock drops back to real speed. */
const WAKE_EARLY_MS = 3_000;

/**
 * `movements` captured permissions in a real SQLite store, drained in batches into the simulator
 * at live limits; the worker's clock and pacer are the simulator's. The clock runs at real speed
 * while the worker has work (claims, submits, polls, settles), so what the worker's CPU and
 * database take counts as it would against İYS, and `waitSpeed` times faster while it only waits
 * for İYS's 300 s. Fails unless the simulator ends with each exactly once and no
 * H124/H174/H175/H178.
 */
export async function measureBatchDrain(
  movements: number,
  waitSpeed: number,
): Promise<DrainFigures> {
  const sim = createIysSim();
  const served = await serveIysSim(sim, { port: 0 });
  const dir = mkdtempSync(join(tmpdir(), 'izinli-bench-drain-'));
  const store = await openSqliteStore({ file: join(dir, 'izinli.sqlite') });
  const { logger, problems } = keepingLogger();
  const log: SentRequest[] = [];
  try {
    await store.migrate();
    const appendStart = performance.now();
    await appendBacklog(store, sim, { count: movements });
    const appendRealSeconds = (performance.now() - appendStart) / 1000;
    const intervalMs = 20;
    const firstPollMs = 305_000;
    const worker = await simClockWorker(sim, store, logger, served.url, {
      fetch: notingFetch(log, sim),
      intervalMs,
      batch: { firstPollMs },
    });
    // The server's loop (runOnce every DELIVERY_INTERVAL_MS), counting what each pass settled.
    const simStart = sim.now().getTime();
    const realStart = performance.now();
    const realLimit = realStart + 60_000 + movements;
    let delivered = 0;
    let batched = 0;
    let other = 0;
    let wakeAt: number | undefined;
    let wake: NodeJS.Timeout | undefined;
    while (delivered + other < movements && performance.now() < realLimit) {
      for (const report of await worker.runOnce()) {
        delivered += report.delivered;
        batched += report.batched;
        other += report.alreadyCurrent + report.dead;
      }
      const firstSubmit = log.find((r) => r.what.endsWith('/consents/request'));
      if (wakeAt === undefined && batched + other >= movements && firstSubmit) {
        // Everything is in a batch at İYS: nothing to do until the first poll is due.
        wakeAt = firstSubmit.sim + firstPollMs - WAKE_EARLY_MS;
        const ahead = wakeAt - sim.now().getTime();
        if (ahead > 0) {
          sim.clock.speed = waitSpeed;
          // Back to real speed by a timer, not after the pass: an idle pass over the backlog
          // takes tens of real ms (seconds of the fast clock), and the pass running when the
          // polls fall due would otherwise settle every batch on the fast clock.
          wake = setTimeout(() => (sim.clock.speed = 1), ahead / waitSpeed);
        }
      }
      await sleep(intervalMs);
    }
    const simEnd = sim.now().getTime();
    const realEnd = performance.now();
    clearTimeout(wake);
    sim.clock.speed = 1;
    await worker.stop();
    if (delivered !== movements) {
      throw new Error(
        `delivery bench: batch drain delivered ${delivered} of ${movements} (${other} settled ` +
          `otherwise) in time; the worker logged: ${problems.slice(0, 20).join('; ')}`,
      );
    }
    const recipients = Array.from({ length: movements }, (_, i) => phoneOf(i));
    await expectCleanDelivery('the batch drain', sim, served, recipients);
    const submits = log.filter((r) => r.what.endsWith('/consents/request'));
    const polls = log.filter((r) => /\/consents\/request\/[^/]+$/.test(r.what));
    const token = log.filter((r) => r.what.endsWith('/oauth2/token')).length;
    const batches = submits.length;
    const perSecond = IYS_LIMITS.requestsPerSecond;
    const firstPoll = IYS_LIMITS.batchFirstPollSeconds;
    return {
      movements,
      waitSpeed,
      batches,
      requests: {
        token,
        submits: batches,
        polls: polls.length,
        other: log.length - token - batches - polls.length,
      },
      drainSeconds: (simEnd - simStart) / 1000,
      minimumSeconds: firstPoll + (token + batches) / perSecond,
      serialMinimumSeconds: firstPoll + (token + batches + polls.length) / perSecond,
      submitSeconds: (submits.at(-1)!.sim - submits[0]!.sim) / 1000,
      submitFloorSeconds: (batches - 1) / IYS_PACE_PER_SECOND,
      waitSeconds: (polls[0]!.sim - submits.at(-1)!.sim) / 1000,
      settleSeconds: (simEnd - polls[0]!.sim) / 1000,
      settleFloorSeconds: (polls.length - 1) / IYS_PACE_PER_SECOND,
      appendRealSeconds,
      drainRealSeconds: (realEnd - realStart) / 1000,
    };
  } finally {
    await store.close();
    await served.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
