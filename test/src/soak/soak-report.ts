// The soak's samples, their trend (memory flat? errors growing?) and the printed report.
import type { Reconciliation } from './soak-reconcile.js';

/** The fault of each 10 s phase of the one-minute cycle. */
export const FAULT_CYCLE = ['none', 'errors', 'outage', 'garbage', 'slow', 'none'] as const;

/** One 10 s sample. */
export interface Sample {
  at: number;
  phase: string;
  rssBytes: number;
  heapUsedBytes: number;
  pendingMovements: number;
  ok: number;
  c4xx: number;
  c5xx: number;
  network: number;
  serverErrorLines: number;
  people: number;
}

/** The server's RSS, heap in use and outbox from its Prometheus /metrics. */
export async function scrapeMetrics(
  serverUrl: string,
): Promise<Pick<Sample, 'rssBytes' | 'heapUsedBytes' | 'pendingMovements'>> {
  const text = await (await fetch(`${serverUrl}/metrics`)).text();
  const value = (name: string) => {
    const match = new RegExp(`^${name}(?:\\{[^}]*\\})? ([0-9.e+]+)$`, 'm').exec(text);
    return match ? Number(match[1]) : Number.NaN;
  };
  return {
    rssBytes: value('process_resident_memory_bytes'),
    heapUsedBytes: value('nodejs_heap_size_used_bytes'),
    pendingMovements: value('izinli_outbox_pending_movements'),
  };
}

/** Least-squares slope of `ys` over `xs` (per unit of x). */
function slope(xs: number[], ys: number[]): number {
  const n = xs.length;
  if (n < 2) return 0;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let num = 0;
  let den = 0;
  for (let i = 0; i < n; i += 1) {
    num += (xs[i]! - mx) * (ys[i]! - my);
    den += (xs[i]! - mx) ** 2;
  }
  return den === 0 ? 0 : num / den;
}

const mib = (bytes: number) => Math.round((bytes / 2 ** 20) * 10) / 10;

/** Memory and error trends after the first minute of warm-up. */
export function analyse(samples: readonly Sample[]) {
  const warm = samples.filter((s) => s.at > 60);
  const use = warm.length >= 3 ? warm : samples;
  const minutes = use.map((s) => s.at / 60);
  const third = Math.max(1, Math.floor(use.length / 3));
  const avg = (xs: readonly Sample[], f: (s: Sample) => number) =>
    xs.reduce((a, s) => a + f(s), 0) / Math.max(1, xs.length);
  return {
    samples: samples.length,
    rssMiB: {
      first: mib(use[0]?.rssBytes ?? 0),
      last: mib(use.at(-1)?.rssBytes ?? 0),
      max: mib(Math.max(...use.map((s) => s.rssBytes))),
    },
    heapMiB: {
      first: mib(use[0]?.heapUsedBytes ?? 0),
      last: mib(use.at(-1)?.heapUsedBytes ?? 0),
      max: mib(Math.max(...use.map((s) => s.heapUsedBytes))),
    },
    rssSlopeMiBPerMinute: mib(
      slope(
        minutes,
        use.map((s) => s.rssBytes),
      ),
    ),
    heapSlopeMiBPerMinute: mib(
      slope(
        minutes,
        use.map((s) => s.heapUsedBytes),
      ),
    ),
    heapFirstThirdMiB: mib(avg(use.slice(0, third), (s) => s.heapUsedBytes)),
    heapLastThirdMiB: mib(avg(use.slice(-third), (s) => s.heapUsedBytes)),
    errorLinesFirstThird: use.slice(0, third).reduce((a, s) => a + s.serverErrorLines, 0),
    errorLinesLastThird: use.slice(-third).reduce((a, s) => a + s.serverErrorLines, 0),
  };
}

/** Prints the run's figures and the reconciliation table. */
export function printReport(result: {
  operations: Record<string, number>;
  faults: Record<string, number>;
  drain: { drained: boolean; seconds: number };
  logs: { lines: number; errorLines: number; withPersonalData: number };
  memory: ReturnType<typeof analyse>;
  reconciliation: Reconciliation;
}) {
  const r = result.reconciliation;
  console.log('\noperations', result.operations);
  console.log('faults', result.faults);
  console.log('drain', result.drain, 'logs', result.logs);
  console.log('memory', result.memory);
  console.log(
    `captures: ${r.acknowledged} acknowledged, ${r.capturesStored} stored, ${r.lost} lost; sent twice ${r.sentTwice}; unknown transactions ${r.unknownTransactions}; dead by code ${JSON.stringify(r.deadByCode)}, ${r.unexplainedDead} not explained by a citizen's later change on İYS`,
  );
  console.table(
    r.channels.map((c) => ({
      channel: c.channel,
      captured: c.captured,
      delivered: c.delivered,
      'already current': c.alreadyCurrent,
      dead: c.dead,
      pending: c.pending,
      'on İYS': c.onSimulator,
      balanced: c.balanced,
    })),
  );
}
