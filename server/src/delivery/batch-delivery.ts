// The batch path of delivery (docs/architecture.md#delivery, docs/iys.md#consent-endpoints): with a large
// backlog, claimed head movements go to İYS in batches of ≤ 1000 unique keys per brand
// (batch-submit.ts), recorded durably before the POST and bound to their batch, so a crash between
// submit and poll resumes polling rather than resending (batch-poll.ts). This file holds what both
// halves share: the pacing, the context, and how an item's end is written under its batch's lease.
import { IYS_LIMITS } from '@izinli/core';
import type { BusinessCalendar, Movement } from '@izinli/core';
import type { IysClient } from '@izinli/iys';
import type { Logger } from 'pino';
import type { BatchItemResult, BatchNext } from '../store/ports/batch-store.js';
import type { BatchStore } from '../store/ports/batch-store.js';
import type { MirrorStore } from '../store/ports/mirror-store.js';
import type { MovementStore } from '../store/ports/movement-store.js';
import { count, logEnd } from './delivery-report.js';
import type { DeliveryReport } from './delivery-report.js';
import { eventsOfEnd } from './movement-events.js';
import type { AttemptEnd, RetryPolicy } from './send-outcome.js';

/** Batch pacing; every duration in milliseconds of the injected clock (İYS's time in tests). */
export interface BatchPolicy {
  /** Most items per batch (İYS: 1000). */
  size: number;
  /** First poll this long after the submission (İYS: no sooner than 300 s; a margin is added). */
  firstPollMs: number;
  /** Between polls while İYS answers "not done yet" (empty) or `enqueue`. */
  pollIntervalMs: number;
  /** A batch still not done this long after its submission is given up: its items are resent. */
  giveUpMs: number;
}

/** Default pacing: 1000 items, first poll at 305 s, then every 60 s, give up after a day. */
export const DEFAULT_BATCH_POLICY: BatchPolicy = {
  size: IYS_LIMITS.batchSize,
  firstPollMs: 305_000,
  pollIntervalMs: 60_000,
  giveUpMs: 86_400_000,
};

/** What the batch path needs from its worker. */
export interface BatchContext {
  /** Batches, and the single movements and mirror entries a submission settles before batching. */
  store: BatchStore & MovementStore & MirrorStore;
  logger: Logger;
  client: IysClient;
  /** İYS's business days with the config's extra holidays, for the H467 check (pre-validate.ts). */
  calendar: BusinessCalendar;
  retry: RetryPolicy;
  batch: BatchPolicy;
  now: () => Date;
  leaseMs: number;
  newId?: () => string;
}

export const iso = (ms: number) => new Date(ms).toISOString();
const second = (at: Date) => iso(Math.floor(at.getTime() / 1000) * 1000 + 1000);

/** İYS's batch key (H194): recipientType, type and the recipient (e-mail lower-cased). */
export const batchKey = (m: Movement) =>
  `${m.iysCode}|${m.brandCode}|${m.recipientType}|${m.type}|${m.type === 'EPOSTA' ? m.recipient.toLowerCase() : m.recipient}`;

/** The result of an attempt's end for the batch store, with its key hold and events. */
export function itemResult(m: Movement, end: AttemptEnd, at: Date): BatchItemResult {
  return {
    id: m.id,
    ...end,
    ...(end.outcome.state === 'delivered' ? { holdKeyUntil: second(at) } : {}),
    events: eventsOfEnd(m, end, 'batch', at),
  };
}

/** Back to the queue, due at `at` (resent alone or in a later batch). */
export const released = (at: string, error?: { code: string; message: string }): AttemptEnd => ({
  outcome: { state: 'pending', nextAttemptAt: at, ...(error ? { error } : {}) },
});

/** Applies item ends and the batch's next state; counts and logs what applied. */
export async function applyUpdate(
  ctx: BatchContext,
  fence: { id: string; leaseUntil: string; now: string; next: BatchNext },
  items: readonly Movement[],
  ends: ReadonlyMap<string, AttemptEnd>,
  report: DeliveryReport,
): Promise<boolean> {
  const at = new Date(fence.now);
  const withEnds = items.filter((m) => ends.has(m.id));
  const results = withEnds.map((m) => itemResult(m, ends.get(m.id)!, at));
  const applied = await ctx.store.updateBatch({ ...fence, results });
  if (applied === undefined) {
    report.lost += withEnds.length;
    return false;
  }
  const done = new Set(applied);
  for (const m of withEnds) {
    if (!done.has(m.id)) report.lost += 1;
    else {
      count(report, ends.get(m.id)!, 'batch');
      logEnd(ctx.logger, m, ends.get(m.id)!);
    }
  }
  return true;
}
