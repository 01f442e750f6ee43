// Capture→İYS latency at low load (delivery.bench.ts): the real server process
// (server/dist/main.js, SQLite, DELIVERY_INTERVAL_MS=100) delivering to the İYS simulator served
// from this process on the real clock at İYS's live limits, captures posted through
// POST /v1/captures at a steady rate; for each, the time from its 201 to the simulator's answer
// to the single add that put its movement on İYS's log. Baseline: the bare round trip of one v2
// single add from this process to the same simulator, measured first in the same run.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatIysDate } from '@izinli/core';
import { createIysClient, createTokenBucket } from '@izinli/iys';
import { createIysSim } from '@izinli/iys-sim';
import { captureBody, postCapture } from '../src/captures.test-support.js';
import { startServer, stopChild } from './bench-processes.js';
import type { Child } from './bench-processes.js';
import {
  BRAND,
  expectCleanDelivery,
  phoneOf,
  quantile,
  serveTimed,
  sleep,
} from './delivery-support.js';

/** Latency figures, ms. */
export interface LatencyFigures {
  samples: number;
  p50: number;
  p99: number;
  mean: number;
}

const summary = (values: readonly number[]): LatencyFigures => ({
  samples: values.length,
  p50: quantile(values, 0.5),
  p99: quantile(values, 0.99),
  mean: values.reduce((a, b) => a + b, 0) / values.length,
});

/** Person numbers of the baseline's adds: far from the captures' (0…). */
const BASELINE_FROM = 5_000_000;

/**
 * `rounds` single adds (v2) through @izinli/iys's client, one at a time, paced under İYS's
 * 10/s, each timed from call to answer (the token is fetched before the first).
 */
async function roundTrips(url: string, rounds: number): Promise<number[]> {
  const client = createIysClient({
    baseUrl: url,
    username: 'demo',
    password: 'demo',
    iysCode: BRAND.iysCode,
    rateLimiter: createTokenBucket({ ratePerSecond: 5 }),
  });
  const times: number[] = [];
  for (let i = -1; i < rounds; i += 1) {
    const consent = {
      recipient: phoneOf(BASELINE_FROM + i + 1),
      recipientType: 'BIREYSEL' as const,
      type: 'MESAJ' as const,
      source: 'HS_WEB' as const,
      status: 'ONAY' as const,
      consentDate: formatIysDate(new Date(Date.now() - 60_000)),
    };
    // A pacer slot first, so the timing is the round trip alone (round -1 also gets the token).
    await sleep(200);
    const start = performance.now();
    const answer = await client.addConsent(BRAND.brandCode, consent);
    const took = performance.now() - start;
    if (!answer.ok) throw new Error(`delivery bench: baseline add failed: ${answer.error.message}`);
    if (i >= 0) times.push(took);
  }
  return times;
}

/**
 * The baseline round trip, then `seconds` of captures at `perSecond` into a real server process;
 * fails unless every capture was answered 201 and its movement reached İYS exactly once.
 */
export async function measureLatency(
  perSecond: number,
  seconds: number,
): Promise<{ baseline: LatencyFigures; latency: LatencyFigures }> {
  const sim = createIysSim();
  const { served, arrivals } = await serveTimed(sim);
  const dataDir = mkdtempSync(join(tmpdir(), 'izinli-bench-latency-'));
  let server: Child | undefined;
  try {
    const baselineRounds = Math.max(10, Math.round(seconds * 2));
    const baseline = summary(await roundTrips(served.url, baselineRounds));
    server = await startServer('server', dataDir, undefined, {
      // Info, as the server runs in production: its per-request logging is part of the latency.
      LOG_LEVEL: 'info',
      IYS_BASE_URL: served.url,
      DELIVERY_INTERVAL_MS: '100',
      SYNC_INTERVAL_SECONDS: '3600',
    });
    const url = server.url;
    const count = Math.round(perSecond * seconds);
    const answered = new Array<number>(count);
    const start = performance.now();
    // Open loop: capture i goes at start + i / perSecond, whatever the answers before it did.
    await Promise.all(
      Array.from({ length: count }, async (_, i) => {
        await sleep(start + (i * 1000) / perSecond - performance.now());
        const body = { ...captureBody(i), channels: { MESAJ: true, ARAMA: false } };
        const response = await postCapture(url, body);
        answered[i] = performance.now();
        const text = await response.text();
        if (response.status !== 201) {
          throw new Error(`delivery bench: capture ${i} answered ${response.status}: ${text}`);
        }
      }),
    );
    const captured = Array.from({ length: count }, (_, i) => capturePhone(i));
    const until = performance.now() + 20_000;
    while (captured.some((p) => !arrivals.has(p)) && performance.now() < until) await sleep(50);
    const baselinePhones = Array.from({ length: baselineRounds + 1 }, (_, i) =>
      phoneOf(BASELINE_FROM + i),
    );
    await expectCleanDelivery('the latency run', sim, served, [...baselinePhones, ...captured]);
    const latency = summary(captured.map((p, i) => arrivals.get(p)! - answered[i]!));
    return { baseline, latency };
  } finally {
    if (server) await stopChild(server);
    await served.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The recipient (E.164) of `captureBody(i)`. */
const capturePhone = (i: number) => `+90532${String(1000000 + i).slice(-7)}`;
