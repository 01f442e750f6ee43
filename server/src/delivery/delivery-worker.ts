// The delivery worker (docs/architecture.md#delivery): per configured İYS account, flags movements near
// their deadline, polls the İYS batches that are due, then claims the due head movement of each key
// under a lease, checks it against the mirror and İYS's rules, and sends what İYS would accept: with
// the idempotent v2 single add while the backlog is small, in batches (batch-delivery.ts) when it is
// large. Every state change is written with its webhook event.
import { movementKey } from '@izinli/core';
import type { Movement } from '@izinli/core';
import type { IysClient, RateLimiter } from '@izinli/iys';
import type { BatchStore } from '../store/ports/batch-store.js';
import type { MirrorStore } from '../store/ports/mirror-store.js';
import type { MovementStore } from '../store/ports/movement-store.js';
import { NEAR_DEADLINE_MS } from '../store/ports/movement-store.js';
import { DEFAULT_BATCH_POLICY } from './batch-delivery.js';
import { pollBatches } from './batch-poll.js';
import { submitBatches } from './batch-submit.js';
import type { BatchContext, BatchPolicy } from './batch-delivery.js';
import { consentOf, count, emptyReport, inParallel, logEnd } from './delivery-report.js';
import type { DeliveryReport } from './delivery-report.js';
import { atRiskEvent, eventsOfEnd } from './movement-events.js';
import { preValidate } from './pre-validate.js';
import { DEFAULT_RETRY, accountCause, sendOutcome } from './send-outcome.js';
import { AccountPauses } from '../iys-account/account-pause.js';
import { workerIysClients } from '../iys-account/iys-clients.js';
import type { IysWorkerOptions } from '../iys-account/iys-clients.js';
import type { AccountStore, IysAccountRow } from '../store/ports/account-store.js';
import type { AttemptEnd, RetryPolicy } from './send-outcome.js';
import { periodic } from '../periodic.js';
import type { Periodic } from '../periodic.js';

export type { DeliveryReport } from './delivery-report.js';

/** Options of `createDeliveryWorker`. */
export interface DeliveryWorkerOptions extends IysWorkerOptions {
  store: MovementStore & MirrorStore & BatchStore & AccountStore;
  /** Milliseconds between runs of `start()` (env `DELIVERY_INTERVAL_MS`). */
  intervalMs: number;
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
  /**
   * Batches instead of single adds when a claim finds more due head movements than this (default
   * 50, env `DELIVERY_BATCH_THRESHOLD`); 0 never batches.
   */
  batchThreshold?: number;
  /** Batch size and poll pacing (default: 1000 items, first poll after 305 s, then every 60 s). */
  batch?: Partial<BatchPolicy>;
  /** A paused account's first probe after this long (default 30 s), then doubling to 30 times it. */
  probeMs?: number;
}

/** A delivery worker: one pass over every account until nothing is due, now or on an interval. */
export type DeliveryWorker = Periodic<DeliveryReport[]>;

/** Creates the delivery worker for every İYS account of `config`. */
export function createDeliveryWorker(options: DeliveryWorkerOptions): DeliveryWorker {
  const { config, store, logger } = options;
  const now = options.now ?? (() => new Date());
  const policy: RetryPolicy = { ...DEFAULT_RETRY, random: Math.random, ...options.retry };
  const leaseMs = options.leaseMs ?? 120_000;
  const pauses = new AccountPauses({
    store,
    config: () => config,
    logger,
    ...(options.probeMs ? { probeMs: options.probeMs } : {}),
  });
  const clients = workerIysClients({ ...options, now });
  // Every account the pass walks is in the config, so it has its client.
  const clientFor = (iysCode: number): IysClient => clients(iysCode)!;

  async function attempt(m: Movement, client: IysClient, report: DeliveryReport) {
    const mirror = (await store.mirror([keyOf(m)])).get(keyOf(m));
    const checked = preValidate(m, mirror, now(), config.calendars.iys);
    let end: AttemptEnd;
    if (checked.send) {
      report.sent += 1;
      const answer = await client.addConsent(m.brandCode, consentOf(m));
      end = sendOutcome(m, answer, policy, now());
    } else {
      end = { outcome: checked.outcome, ...(checked.mirror ? { mirror: checked.mirror } : {}) };
    }
    // After a write İYS accepted, the key's next movement waits for the next whole second.
    const at = now();
    const second = Math.floor(at.getTime() / 1000) * 1000;
    const hold = end.outcome.state === 'delivered' ? { holdKeyUntil: iso(second + 1000) } : {};
    const events = eventsOfEnd(m, end, 'single', at);
    const applied = await store.finishMovements([
      { id: m.id, leaseUntil: m.leaseUntil!, ...end, ...hold, events },
    ]);
    if (applied.length === 0) {
      report.lost += 1;
      return;
    }
    count(report, end, 'single');
    logEnd(logger, m, end);
  }

  const batchThreshold = options.batchThreshold ?? 50;
  const batchPolicy: BatchPolicy = { ...DEFAULT_BATCH_POLICY, ...options.batch };
  const batchContext = (client: IysClient): BatchContext => ({
    store,
    logger,
    client,
    calendar: config.calendars.iys,
    retry: policy,
    batch: batchPolicy,
    now,
    leaseMs,
  });

  async function deliverAccount(iysCode: number): Promise<DeliveryReport> {
    const report = emptyReport(iysCode);
    const client = clientFor(iysCode);
    const at = now();
    report.atRisk = await store.flagMovementsAtRisk({
      now: at.toISOString(),
      deadlineBound: iso(at.getTime() + NEAR_DEADLINE_MS),
      iysCode,
      event: (m, siteKey) => atRiskEvent(m, siteKey, at),
    });
    if (report.atRisk > 0) {
      logger.warn(
        { iysCode, movements: report.atRisk },
        'İYS movements within 24 h of their deadline (A8)',
      );
    }
    // A paused account sends nothing until its next probe is due; then one movement (or, with
    // none due, the subscription query) is the probe.
    const account = await pauses.state(iysCode);
    const paused = account?.state === 'paused';
    if (paused && Date.parse(account.nextProbeAt ?? '') > at.getTime()) {
      report.paused = true;
      return report;
    }
    const batching = batchContext(client);
    if (!paused) await pollBatches(batching, iysCode, report, options.maxClaims ?? 50);
    const claimLimit = paused ? 1 : (options.claimLimit ?? 100);
    const claim = (limit: number) => {
      const t = now();
      return store.claimMovements({
        now: t.toISOString(),
        leaseUntil: new Date(t.getTime() + leaseMs).toISOString(),
        limit,
        iysCode,
      });
    };
    const rounds = paused ? 1 : (options.maxClaims ?? 50);
    for (let round = 0; round < rounds && !report.accountFailure; round += 1) {
      const batchMode = batchThreshold > 0 && !paused;
      const claimed = await claim(
        batchMode ? Math.max(claimLimit, batchThreshold + 1) : claimLimit,
      );
      if (claimed.length === 0) break;
      report.claimed += claimed.length;
      if (batchMode && claimed.length > batchThreshold) {
        // A large backlog: fill the batch up to its size, then send it per brand.
        const more =
          claimed.length < batchPolicy.size ? await claim(batchPolicy.size - claimed.length) : [];
        report.claimed += more.length;
        await submitBatches(batching, [...claimed, ...more], report);
        continue;
      }
      await inParallel(claimed, options.concurrency ?? 10, (m) => attempt(m, client, report));
    }
    await settleAccount(iysCode, client, report, account);
    return report;
  }

  /** Pauses the account on an account-level failure; resumes it once a probe went through. */
  async function settleAccount(
    iysCode: number,
    client: IysClient,
    report: DeliveryReport,
    account: IysAccountRow | undefined,
  ) {
    const paused = account?.state === 'paused';
    let failure = report.accountFailure;
    if (paused && !failure && report.sent === 0) {
      // Nothing was due to probe with: ask İYS for the subscription instead.
      const answer = await client.getSubscription();
      if (!answer.ok) failure = accountCause(answer.error);
      else if (answer.value.status !== 'ACTIVE') {
        failure = {
          code: answer.value.status === 'CLOSED' ? 'H521' : 'H520',
          message: `İYS subscription status ${answer.value.status}`,
          status: 200,
        };
      }
      if (!answer.ok && !failure) return; // a transient failure: probe again next run
    }
    if (failure) {
      await pauses.pause(iysCode, failure, now(), paused ? account.probes + 1 : 0);
      report.accountFailure = failure;
    } else if (paused) {
      await pauses.resume(iysCode, now(), account.pausedAt);
    }
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

  return periodic(pass, options.intervalMs);
}

const iso = (ms: number) => new Date(ms).toISOString();
const keyOf = (m: Movement) => movementKey(m);
