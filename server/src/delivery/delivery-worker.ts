// The delivery worker (ARCHITECTURE §Delivery): per configured İYS account, claims the due head
// movement of each key under a lease, checks it against the mirror and İYS's rules, sends what İYS
// would accept with the idempotent v2 single add, and settles or reschedules each one at once.
import { movementKey } from '@izinli/core';
import type { Movement } from '@izinli/core';
import { createIysClient } from '@izinli/iys';
import type { FetchLike, IysClient, IysConsentInput, RateLimiter } from '@izinli/iys';
import type { Logger } from 'pino';
import type { LoadedConfig } from '../config/load-config.js';
import type { Store } from '../store/store.js';
import { DEADLINE_MISSED, preValidate } from './pre-validate.js';
import { DEFAULT_RETRY, sendOutcome } from './send-outcome.js';
import type { AttemptEnd, RetryPolicy } from './send-outcome.js';

/** Options of `createDeliveryWorker`. */
export interface DeliveryWorkerOptions {
  config: LoadedConfig;
  store: Store;
  logger: Logger;
  /** İYS's base URL (or the simulator's). */
  baseUrl: string;
  fetch?: FetchLike;
  /** Milliseconds between runs of `start()` (env `DELIVERY_INTERVAL_MS`). */
  intervalMs: number;
  now?: () => Date;
  /** Most movements claimed per account per claim (default 100). */
  claimLimit?: number;
  /** How long a claim holds (default 120 s); a crashed worker's movements return after it. */
  leaseMs?: number;
  /** Sends in flight at once per account (default 10; the rate limiter paces them). */
  concurrency?: number;
  /** Per-account rate limiter (default: the client's 10 requests/s bucket). */
  rateLimiter?: (iysCode: number) => RateLimiter | undefined;
  retry?: Partial<RetryPolicy>;
  /** Most claims per account in one run, so a run always ends (default 50). */
  maxClaims?: number;
}

/** What one run did, per account. */
export interface DeliveryReport {
  iysCode: number;
  claimed: number;
  sent: number;
  delivered: number;
  alreadyCurrent: number;
  dead: number;
  retried: number;
  /** Results dropped because the lease had passed to another worker. */
  lost: number;
}

/** A running (or runnable) delivery worker. */
export interface DeliveryWorker {
  /** One pass over every account until nothing is due; a call while a pass runs joins it. */
  runOnce(): Promise<DeliveryReport[]>;
  /** Runs a pass now and then every `intervalMs`. */
  start(): void;
  /** Stops the timer and waits for a running pass. */
  stop(): Promise<void>;
}

/** Creates the delivery worker for every İYS account of `config`. */
export function createDeliveryWorker(options: DeliveryWorkerOptions): DeliveryWorker {
  const { config, store, logger } = options;
  const now = options.now ?? (() => new Date());
  const policy: RetryPolicy = { ...DEFAULT_RETRY, random: Math.random, ...options.retry };
  const leaseMs = options.leaseMs ?? 120_000;
  const clients = new Map<number, IysClient>();
  const clientFor = (iysCode: number): IysClient => {
    let client = clients.get(iysCode);
    if (!client) {
      const { username, password } = config.iysAccounts.get(iysCode)!;
      const limiter = options.rateLimiter?.(iysCode);
      client = createIysClient({
        baseUrl: options.baseUrl,
        username,
        password,
        iysCode,
        now: () => now().getTime(),
        ...(options.fetch ? { fetch: options.fetch } : {}),
        ...(limiter ? { rateLimiter: limiter } : {}),
      });
      clients.set(iysCode, client);
    }
    return client;
  };

  async function attempt(m: Movement, client: IysClient, report: DeliveryReport) {
    const mirror = (await store.mirror([keyOf(m)])).get(keyOf(m));
    const checked = preValidate(m, mirror, now());
    let end: AttemptEnd;
    if (checked.send) {
      report.sent += 1;
      const answer = await client.addConsent(m.brandCode, consentOf(m));
      end = sendOutcome(m, answer, policy, now());
    } else {
      end = { outcome: checked.outcome, ...(checked.mirror ? { mirror: checked.mirror } : {}) };
    }
    // After a write İYS accepted, the key's next movement waits for the next whole second.
    const second = Math.floor(now().getTime() / 1000) * 1000;
    const hold = end.outcome.state === 'delivered' ? { holdKeyUntil: iso(second + 1000) } : {};
    const applied = await store.finishMovements([
      { id: m.id, leaseUntil: m.leaseUntil!, ...end, ...hold },
    ]);
    if (applied.length === 0) {
      report.lost += 1;
      return;
    }
    count(report, end);
    logEnd(logger, m, end);
  }

  async function deliverAccount(iysCode: number): Promise<DeliveryReport> {
    const report: DeliveryReport = {
      iysCode,
      claimed: 0,
      sent: 0,
      delivered: 0,
      alreadyCurrent: 0,
      dead: 0,
      retried: 0,
      lost: 0,
    };
    const client = clientFor(iysCode);
    for (let round = 0; round < (options.maxClaims ?? 50); round += 1) {
      const at = now();
      const claimed = await store.claimMovements({
        now: at.toISOString(),
        leaseUntil: new Date(at.getTime() + leaseMs).toISOString(),
        limit: options.claimLimit ?? 100,
        iysCode,
      });
      if (claimed.length === 0) break;
      report.claimed += claimed.length;
      await inParallel(claimed, options.concurrency ?? 10, (m) => attempt(m, client, report));
    }
    return report;
  }

  async function pass(): Promise<DeliveryReport[]> {
    const reports: DeliveryReport[] = [];
    for (const iysCode of config.iysAccounts.keys()) {
      try {
        const report = await deliverAccount(iysCode);
        reports.push(report);
        if (report.claimed > 0) logger.info({ delivery: report }, 'İYS delivery run');
      } catch (error) {
        logger.error({ err: error, iysCode }, 'İYS delivery failed; retrying next run');
      }
    }
    return reports;
  }

  let running: Promise<DeliveryReport[]> | undefined;
  let timer: NodeJS.Timeout | undefined;
  const runOnce = () => {
    running ??= pass().finally(() => {
      running = undefined;
    });
    return running;
  };
  return {
    runOnce,
    start() {
      if (timer) return;
      void runOnce();
      timer = setInterval(() => void runOnce(), options.intervalMs);
      timer.unref();
    },
    async stop() {
      clearInterval(timer);
      timer = undefined;
      await running;
    },
  };
}

const iso = (ms: number) => new Date(ms).toISOString();
const keyOf = (m: Movement) => movementKey(m);

/** The İYS body of a movement: the same fields every time, so a replay is byte-identical (v2). */
function consentOf(m: Movement): IysConsentInput {
  const { recipient, type, source, status, consentDate } = m;
  return m.recipientType === 'TACIR'
    ? { recipient, type, source, status, consentDate, recipientType: 'TACIR' }
    : { recipient, type, source, status, consentDate, recipientType: 'BIREYSEL' };
}

function count(report: DeliveryReport, end: AttemptEnd) {
  const state = end.outcome.state;
  if (state === 'delivered') report.delivered += 1;
  else if (state === 'already-current') report.alreadyCurrent += 1;
  else if (state === 'dead') report.dead += 1;
  else report.retried += 1;
}

/** Ids, states and codes only: no recipient ever reaches the log. */
function logEnd(logger: Logger, m: Movement, end: AttemptEnd) {
  const o = end.outcome;
  if (o.state !== 'dead') return;
  const fields = {
    movementId: m.id,
    iysCode: m.iysCode,
    brandCode: m.brandCode,
    code: o.error.code,
  };
  if (o.error.code === DEADLINE_MISSED) {
    logger.error(
      { ...fields, consentDate: m.consentDate, deadline: m.deadline },
      'İYS DEADLINE MISSED: movement dead-lettered, the consent is void on İYS (A8)',
    );
  } else {
    logger.warn({ ...fields, message: o.error.message }, 'İYS movement dead-lettered');
  }
}

/** Runs `work` over `items` with at most `limit` at once. */
async function inParallel<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>) {
  let next = 0;
  const lane = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
}
