// The delivery bench's pieces (delivery.bench.ts): the İYS simulator served over HTTP with each
// accepted single add timestamped on arrival, a backlog of captures appended to a real SQLite
// store the way the server does (one sealed record per person, its movements in the same
// transaction), the delivery worker built from server/dist, and the checks that make a run clean.
import { createHash } from 'node:crypto';
import { CaptureRecord, Movement, captureRecordHashWith, formatIysDate } from '@izinli/core';
import type { UnsealedCaptureRecord } from '@izinli/core';
import { EXAMPLE_SITE_KEY, exampleServerConfig, exampleShownNotice } from '@izinli/core/fixtures';
import type { FetchLike, RateLimiter } from '@izinli/iys';
import { serveIysSim } from '@izinli/iys-sim';
import type { IysSim, ServedSim } from '@izinli/iys-sim';
import { checkServerConfig, createIysPacer } from '@izinli/server';
import type { LoadedConfig, Store } from '@izinli/server';
import type { Logger } from 'pino';

export const BRAND = { iysCode: 100000, brandCode: 100000 };

/** The recipient of person `n` (E.164), distinct for n < 10,000,000. */
export const phoneOf = (n: number): string => `+90532${String(10_000_000 + n).slice(-7)}`;

/** The example server config (İYS account 100000, password `demo`). */
export async function exampleConfig(): Promise<LoadedConfig> {
  const loaded = await checkServerConfig(exampleServerConfig, { IYS_PASSWORD: 'demo' });
  if (!loaded.ok) throw new Error('delivery bench: the example server config is invalid');
  return loaded.value;
}

/**
 * The server's pacer (9 requests/s, burst 1, at most 10 in any 1.1 s; delivery/pacer.ts) on the
 * simulator's clock: it counts slots and the window in simulated time, and sleeps the simulated
 * wait divided by the clock's speed.
 */
export function simulatedPacer(sim: IysSim): RateLimiter {
  return createIysPacer({
    now: () => sim.now().getTime(),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms / sim.clock.speed)),
  });
}

/** A logger for the in-process worker that keeps warnings and errors (ids and codes only). */
export function keepingLogger(): { logger: Logger; problems: string[] } {
  const problems: string[] = [];
  const keep = (level: string) => (obj: unknown, msg?: string) =>
    problems.push(
      `${level}: ${msg ?? ''} ${JSON.stringify(obj, (_k, v: unknown) => (v instanceof Error ? v.message : v))}`,
    );
  const logger = {
    level: 'warn',
    trace: () => undefined,
    debug: () => undefined,
    info: () => undefined,
    warn: keep('warn'),
    error: keep('error'),
    fatal: keep('fatal'),
    child: () => logger,
  };
  return { logger: logger as unknown as Logger, problems };
}

/** When each accepted movement reached the simulator (performance.now()), by recipient. */
export type Arrivals = Map<string, number>;

/**
 * Serves `sim` over HTTP like `serveIysSim`, noting the moment (this process's performance.now())
 * the simulator answered 200 to each v2 single add, by recipient: the movement is on its log then.
 */
export async function serveTimed(sim: IysSim): Promise<{ served: ServedSim; arrivals: Arrivals }> {
  const arrivals: Arrivals = new Map();
  const single = /^\/v2\/sps\/\d+\/brands\/\d+\/consents$/;
  const fetch = async (request: Request, env: unknown): Promise<Response> => {
    const path = new URL(request.url).pathname;
    const timed = request.method === 'POST' && single.test(path);
    const body = timed ? ((await request.clone().json()) as { recipient?: string }) : undefined;
    const response = await sim.app.fetch(request, env as never);
    if (timed && response.status === 200 && body?.recipient) {
      arrivals.set(body.recipient, performance.now());
    }
    return response;
  };
  // The same simulator, seen through an app whose fetch notes arrivals.
  const timedSim = Object.create(sim, { app: { value: { fetch } } }) as IysSim;
  return { served: await serveIysSim(timedSim, { port: 0 }), arrivals };
}

const sha256Hex = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * Appends `count` captures (person `from + i`, MESAJ ticked: one ONAY movement each) to `store`
 * as the server's capture path does: a sealed record continuing the site's chain, its movement
 * in the same transaction; `perWrite` captures per durable commit (the server group-commits).
 * Consent dates are `minutesAgo` before the simulator's now, their deadlines 3 days later.
 */
export async function appendBacklog(
  store: Store,
  sim: IysSim,
  {
    count,
    from = 0,
    perWrite = 1000,
    minutesAgo = 30,
  }: {
    count: number;
    from?: number;
    perWrite?: number;
    minutesAgo?: number;
  },
): Promise<void> {
  const siteKey = EXAMPLE_SITE_KEY;
  const received = new Date(sim.now().getTime() - minutesAgo * 60_000);
  const receivedAt = received.toISOString();
  const consentDate = formatIysDate(received);
  const deadline = new Date(received.getTime() + 3 * 86_400_000).toISOString();
  for (let start = 0; start < count; start += perWrite) {
    const size = Math.min(perWrite, count - start);
    await store.write([siteKey], async (tx) => {
      let head = await tx.chainHead(siteKey);
      for (let i = 0; i < size; i += 1) {
        const n = from + start + i;
        const captureId = uuidOf(n);
        const phone = phoneOf(n);
        const record = sealedRecord(n, head, received);
        const movement = Movement.parse({
          id: `bench-mv-${n}`,
          captureId,
          ...BRAND,
          recipientType: 'BIREYSEL',
          type: 'MESAJ',
          recipient: phone,
          status: 'ONAY',
          consentDate,
          source: 'HS_WEB',
          state: 'pending',
          attempts: 0,
          nextAttemptAt: receivedAt,
          deadline,
        });
        await tx.insertCapture({
          capture: {
            captureId,
            siteKey,
            seq: record.seq,
            prevHash: record.prevHash,
            recordHash: record.recordHash,
            bodyHash: sha256Hex(captureId),
            record,
            receipt: `bench-receipt-${n}`,
            receivedAt,
          },
          movements: [movement],
          events: [],
        });
        head = { siteKey, seq: record.seq, hash: record.recordHash };
      }
    });
  }
}

const uuidOf = (n: number): string => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

/**
 * Person `n`'s capture record (MESAJ ticked, the example site's aydınlatma notice) received at
 * `received`, sealed as the next link after `head` the way the server seals one.
 */
export function sealedRecord(
  n: number,
  head: { seq: number; hash: string },
  received: Date,
): CaptureRecord {
  const unsealed: UnsealedCaptureRecord = {
    kind: 'capture',
    captureId: uuidOf(n),
    siteKey: EXAMPLE_SITE_KEY,
    seq: head.seq + 1,
    receivedAt: received.toISOString(),
    consentDate: formatIysDate(received),
    origin: 'https://www.ornekkitabevi.com.tr',
    locale: 'tr',
    recipientType: 'BIREYSEL',
    source: 'HS_WEB',
    person: { fullName: `Kişi Numara${n}`, phone: phoneOf(n) },
    channels: [{ type: 'MESAJ', checked: true, status: 'ONAY' }],
    purposes: [],
    notices: [{ ...exampleShownNotice('kvkk-aydinlatma'), locale: 'tr', kind: 'aydinlatma' }],
    widgetVersion: '1.0.0',
    prevHash: head.hash,
  };
  return CaptureRecord.parse({
    ...unsealed,
    recordHash: captureRecordHashWith(unsealed, sha256Hex),
  });
}

/** A simulator movement as `GET /__sim/movements?source=HS` lists it. */
interface SimMovement {
  recipient: string;
  status: string;
  consentDate: string;
  transactionId: string;
}

/**
 * The İYS codes that must never appear: what ordering prevents. Over the rate (H124) is counted
 * and reported instead: the pacer keeps 0.9 of İYS's 10/s, but sleepers a busy event loop wakes
 * late go out together and can put an eleventh into the simulator's sliding second (README
 * §Performance); the worker retries those, and the run says how many there were.
 */
const FORBIDDEN = ['H174', 'H175', 'H178'];

/**
 * Refuses an unclean run: the simulator must hold each of `recipients` exactly once (and nothing
 * else from us), and must never have answered H174/H175/H178; H124s are counted.
 */
export async function expectCleanDelivery(
  what: string,
  sim: IysSim,
  served: ServedSim,
  recipients: readonly string[],
): Promise<{ rateLimited: number }> {
  const onIys = (await (
    await fetch(`${served.url}/__sim/movements?source=HS`)
  ).json()) as SimMovement[];
  const seen = new Map<string, number>();
  for (const m of onIys) seen.set(m.recipient, (seen.get(m.recipient) ?? 0) + 1);
  const missing = recipients.filter((r) => !seen.has(r)).length;
  const twice = [...seen.values()].filter((n) => n > 1).length;
  const wanted = new Set(recipients);
  const foreign = onIys.filter((m) => !wanted.has(m.recipient)).length;
  const byCode = sim.stats().byCode;
  const forbidden = FORBIDDEN.filter((code) => (byCode[code] ?? 0) > 0);
  if (
    missing > 0 ||
    twice > 0 ||
    foreign > 0 ||
    onIys.length !== recipients.length ||
    forbidden.length > 0
  ) {
    throw new Error(
      `delivery bench: ${what} was not clean, so it measured nothing: of ${recipients.length} ` +
        `movements the simulator holds ${onIys.length} (${missing} missing, ${twice} more than ` +
        `once, ${foreign} not ours); İYS codes answered: ${JSON.stringify(byCode)}`,
    );
  }
  const rateLimited = byCode.H124 ?? 0;
  if (rateLimited > 0) {
    console.log(
      `delivery bench: ${what}: İYS answered H124 (over the rate) ${rateLimited}×, retried`,
    );
  }
  return { rateLimited };
}

/** The `q`-quantile (0..1) of `values` (nearest rank). */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

/** A request as `notingFetch` saw it: when it was sent (real and simulated ms), method and path. */
export interface SentRequest {
  real: number;
  sim: number;
  what: string;
}

/** `fetch` that notes each request's method and path (never its body) with its send time. */
export function notingFetch(log: SentRequest[], sim: IysSim): FetchLike {
  return (request) => {
    log.push({
      real: performance.now(),
      sim: sim.now().getTime(),
      what: `${request.method} ${new URL(request.url).pathname}`,
    });
    return fetch(request);
  };
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
