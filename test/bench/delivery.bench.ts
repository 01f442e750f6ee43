// Delivery to İYS (the "delivery" bench), each figure beside its ceiling
// or baseline from the same run, as a ratio (higher is better everywhere):
// 1. single adds at İYS's live 10 requests/s on the real clock → movements/s over the 10/s limit;
// 2. a backlog of 100,000 captured permissions (5,000 with --quick) in a real SQLite store,
//    drained in batches into the simulator at live limits, the worker on the simulator's clock →
//    İYS's theoretical minimum over the simulated drain time (target ≥ 0.9), and the settle rate
//    over what İYS's request budget settles (10 polls/s × 1000). The clock is compressed (×100)
//    only while every movement waits in a batch at İYS; while the worker works it runs at real
//    speed, so the worker's CPU and database time count as they would against İYS (a clock
//    compressed throughout would multiply them by the speed);
// 3. capture→İYS latency at 5 captures/s through the real server process → the bare v2 round
//    trip's p50 over the latency's p50 (target p50 ≤ 1 s).
// A run whose simulator does not hold every movement exactly once, or that saw H174, H175 or
// H178, fails instead of reporting a figure; H124 (over İYS's rate, which the pacer's window
// guard should prevent) fails the batch drain and is counted in the single adds' row. Profile with
// `node --cpu-prof test/dist/bench/run.js delivery` (1 and 2 run in this process).
import { IYS_LIMITS } from '@izinli/core';
import type { BenchReport, BenchRow, BenchSuite } from './harness.js';
import { measureBatchDrain, measureSingleAdds } from './delivery-drain.js';
import type { DrainFigures, SingleAddFigures } from './delivery-drain.js';
import { measureLatency } from './delivery-latency.js';
import type { LatencyFigures } from './delivery-latency.js';

const round = (n: number, digits = 2) => +n.toFixed(digits);

/** What bounded a phase: İYS's request budget (the pacer) when within 10 % of its floor. */
const bound = (seconds: number, floor: number) =>
  seconds <= floor * 1.1 ? 'bound by the request budget' : 'bound by the worker (CPU, database)';

function singleRows(single: SingleAddFigures): BenchRow[] {
  const limit = IYS_LIMITS.requestsPerSecond;
  return [
    {
      task: 'single add: İYS limit (ceiling)',
      opsPerSec: limit,
      meanMs: 1000 / limit,
      p99Ms: 1000 / limit,
      ratio: 1,
    },
    {
      task: `single add: worker, ${single.movements} movements, real clock${single.rateLimited ? ` (H124 ×${single.rateLimited}, retried)` : ''}`,
      opsPerSec: single.perSecond,
      meanMs: 1000 / single.perSecond,
      p99Ms: single.gapP99Ms,
      ratio: single.perSecond / limit,
    },
  ];
}

function drainRows(d: DrainFigures): BenchRow[] {
  const minimum = d.movements / d.minimumSeconds;
  const drained = d.movements / d.drainSeconds;
  // What İYS's request budget settles per second: a poll per batch of 1000, 10 polls/s.
  const budget = IYS_LIMITS.requestsPerSecond * IYS_LIMITS.batchSize;
  const settleRate = d.movements / d.settleSeconds;
  return [
    {
      task: `batch drain ${d.movements}: İYS minimum (ceiling), simulated`,
      opsPerSec: minimum,
      meanMs: d.minimumSeconds * 1000,
      p99Ms: d.minimumSeconds * 1000,
      ratio: 1,
    },
    {
      task: `batch drain ${d.movements}: worker, simulated`,
      opsPerSec: drained,
      meanMs: d.drainSeconds * 1000,
      p99Ms: d.drainSeconds * 1000,
      ratio: d.minimumSeconds / d.drainSeconds,
    },
    {
      task: 'batch settle: İYS poll budget, 10 polls/s × 1000 (ceiling)',
      opsPerSec: budget,
      meanMs: 1000 / IYS_LIMITS.requestsPerSecond,
      p99Ms: 1000 / IYS_LIMITS.requestsPerSecond,
      ratio: 1,
    },
    {
      task: 'batch settle: worker, first poll to last settled',
      opsPerSec: settleRate,
      meanMs: (d.settleSeconds * 1000) / d.requests.polls,
      p99Ms: (d.settleSeconds * 1000) / d.requests.polls,
      ratio: settleRate / budget,
    },
  ];
}

function latencyRows(perSecond: number, base: LatencyFigures, lat: LatencyFigures): BenchRow[] {
  return [
    {
      task: 'v2 single add round trip (baseline; p50 as mean)',
      opsPerSec: 1000 / base.p50,
      meanMs: base.p50,
      p99Ms: base.p99,
      ratio: 1,
    },
    {
      task: `capture→İYS at ${perSecond}/s, server process (p50 as mean)`,
      opsPerSec: 1000 / lat.p50,
      meanMs: lat.p50,
      p99Ms: lat.p99,
      ratio: base.p50 / lat.p50,
    },
  ];
}

export const delivery: BenchSuite = {
  name: 'delivery',
  async run({ quick }) {
    const singleMovements = quick ? 18 : 108;
    const backlog = quick ? 5_000 : 100_000;
    const waitSpeed = 100;
    const latency = { perSecond: 5, seconds: quick ? 4 : 20 };

    const single = await measureSingleAdds(singleMovements);
    console.log(`single adds: ${JSON.stringify(single)}`);
    const drain = await measureBatchDrain(backlog, waitSpeed);
    console.log(`batch drain: ${JSON.stringify(drain)}`);
    const { baseline, latency: lat } = await measureLatency(latency.perSecond, latency.seconds);
    console.log(
      `latency: baseline ${JSON.stringify(baseline)}, capture→İYS ${JSON.stringify(lat)}`,
    );

    const notes = [
      `single adds: ${single.movements} due movements, batching off, the server's pacer ` +
        `(9/s: İYS's 10/s less a tenth kept as margin) → ${round(single.perSecond)} movements/s ` +
        `= ${round(single.perSecond / 10, 3)} of İYS's 10/s`,
      `batch drain: ${drain.movements} permissions appended in ` +
        `${round(drain.appendRealSeconds, 1)} s real; ${drain.batches} batches, requests ` +
        `${JSON.stringify(drain.requests)}; drained in ${round(drain.drainSeconds, 1)} s ` +
        `simulated (${round(drain.drainRealSeconds, 1)} s real: the clock ran ×${drain.waitSpeed} ` +
        `only while every movement waited in a batch at İYS, at real speed otherwise); İYS ` +
        `minimum ${round(drain.minimumSeconds, 1)} s (its 300 s wait after the last submit slot ` +
        `at 10/s; the serial formula 300 s + all requests / 10 gives ` +
        `${round(drain.serialMinimumSeconds, 1)} s) → share ` +
        `${round(drain.minimumSeconds / drain.drainSeconds, 3)}; submit phase ` +
        `${round(drain.submitSeconds, 2)} s (pacer floor ${round(drain.submitFloorSeconds, 2)} s, ` +
        `${bound(drain.submitSeconds, drain.submitFloorSeconds)}), ` +
        `wait ${round(drain.waitSeconds, 1)} s, settle phase ${round(drain.settleSeconds, 2)} s ` +
        `(pacer floor ${round(drain.settleFloorSeconds, 2)} s, ` +
        `${bound(drain.settleSeconds, drain.settleFloorSeconds)}) = ` +
        `${Math.round(drain.movements / drain.settleSeconds)} movements/s`,
      `latency: ${lat.samples} captures at ${latency.perSecond}/s for ${latency.seconds} s, ` +
        `201 → İYS answered the single add: p50 ${round(lat.p50)} ms, p99 ${round(lat.p99)} ms, ` +
        `mean ${round(lat.mean)} ms; bare v2 add round trip (${baseline.samples}): ` +
        `p50 ${round(baseline.p50)} ms, p99 ${round(baseline.p99)} ms`,
    ];
    for (const note of notes) console.log(`  ${note}`);
    const report: BenchReport & { figures: unknown } = {
      suite: 'delivery',
      description:
        'delivery to the İYS simulator at İYS live limits (10 requests/s per IP, 1000 per ' +
        'batch, first poll 300 s); rows come in pairs, ceiling or baseline first, ratio = ' +
        'figure over ceiling (latency: baseline p50 over p50). ' +
        notes.join('; '),
      baseline: 'İYS limit / İYS minimum / v2 round trip (per pair)',
      rows: [
        ...singleRows(single),
        ...drainRows(drain),
        ...latencyRows(latency.perSecond, baseline, lat),
      ],
      figures: { single, drain, latency: { ...latency, baseline, captureToIys: lat } },
    };
    return report;
  },
};
