// The app over real HTTP beside a served İYS simulator whose clock it shares (Thursday
// 2026-11-26 10:00 Turkey time at the start), with the delivery worker one call away: the setup of
// the end-to-end tests that follow a record from a request to İYS.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { unlimited } from '@izinli/iys';
import { createIysSim, seededRandom, serveIysSim } from '@izinli/iys-sim';
import type { IysSim, ServedSim } from '@izinli/iys-sim';
import { pino } from 'pino';
import { afterEach, beforeEach } from 'vitest';
import { createDeliveryWorker } from '../delivery/delivery-worker.js';
import { makeHarness, overHttp } from './app-harness.test-support.js';
import type { HarnessOptions } from './app-harness.test-support.js';

/** A consent as the simulator's `/__sim/consents` lists it. */
export interface SimConsent {
  recipient: string;
  type: string;
  status: string;
  source: string;
  consentDate: string;
}

export interface ServedSimHarness {
  sim: IysSim;
  served: ServedSim;
  h: Awaited<ReturnType<typeof makeHarness>>;
  /** The app's base URL over HTTP. */
  base: string;
  /** The app over HTTP, for the helpers written for the harness's app. */
  http: ReturnType<typeof overHttp>;
  /** One delivery pass to the simulator. */
  deliver(): ReturnType<ReturnType<typeof createDeliveryWorker>['runOnce']>;
  /** What the simulator holds for a recipient. */
  simConsents(recipient: string): Promise<SimConsent[]>;
  close(): Promise<void>;
}

export async function makeServedSimHarness(
  options: { seed?: number; harness?: Omit<HarnessOptions, 'now'> } = {},
): Promise<ServedSimHarness> {
  const sim = createIysSim({
    clock: { now: () => 0, start: '2026-11-26T07:00:00Z' },
    limits: { requestsPerSecond: 1_000_000 },
    random: seededRandom(options.seed ?? 3),
  });
  const served = await serveIysSim(sim, { port: 0 });
  // The server's clock is the simulator's, so consentDates are "now" for İYS too.
  const h = await makeHarness({ ...options.harness, now: () => sim.now() });
  const server = serve({ fetch: h.app.fetch, port: 0, hostname: '127.0.0.1' }) as Server;
  await new Promise((resolve) => server.once('listening', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const worker = createDeliveryWorker({
    config: h.config,
    store: h.store,
    baseUrl: served.url,
    fetch: (request) => fetch(request),
    intervalMs: 1000,
    now: () => sim.now(),
    rateLimiter: () => unlimited,
    retry: { random: seededRandom(5) },
    logger: pino({ level: 'silent' }),
  });
  return {
    sim,
    served,
    h,
    base,
    http: overHttp(base),
    deliver: () => worker.runOnce(),
    simConsents: async (recipient) =>
      (await (
        await fetch(`${served.url}/__sim/consents?recipient=${encodeURIComponent(recipient)}`)
      ).json()) as SimConsent[],
    async close() {
      await new Promise((resolve) => server.close(resolve));
      await h.close();
      await served.close();
      await sim.close();
    },
  };
}

/**
 * A fresh served-simulator harness for each test of the file or describe, closed after it: the
 * object answers for the current test's harness.
 */
export function servedSimPerTest(
  options: Parameters<typeof makeServedSimHarness>[0] = {},
): ServedSimHarness {
  let current: ServedSimHarness | undefined;
  beforeEach(async () => {
    current = await makeServedSimHarness(options);
  });
  afterEach(async () => {
    await current?.close();
    current = undefined;
  });
  const now = (): ServedSimHarness => {
    if (!current) throw new Error('the served simulator exists only inside a test');
    return current;
  };
  return {
    get sim() {
      return now().sim;
    },
    get served() {
      return now().served;
    },
    get h() {
      return now().h;
    },
    get base() {
      return now().base;
    },
    get http() {
      return now().http;
    },
    deliver: () => now().deliver(),
    simConsents: (recipient) => now().simConsents(recipient),
    close: () => now().close(),
  };
}
