// Polling a submitted batch (batch-delivery.ts): claim the batches due for a poll (the lease of
// their movements is extended with the claim), ask İYS for the status, and settle each item that is
// done; a batch with items still queued is polled again later, never resubmitted.
import { formatIysDate } from '@izinli/core';
import type { IysBatchStatusItem, Movement } from '@izinli/core';
import { backoffDelay, kindOf } from '@izinli/iys';
import type { BatchNext, ClaimedBatch } from '../store/ports/batch-store.js';
import { applyUpdate, iso, released } from './batch-delivery.js';
import type { BatchContext } from './batch-delivery.js';
import type { DeliveryReport } from './delivery-report.js';
import { mirrorEntryOf } from './pre-validate.js';
import { accountCause } from './send-outcome.js';
import type { AttemptEnd } from './send-outcome.js';

/** Polls every batch of the account that is due, until none is; each poll settles what is done. */
export async function pollBatches(
  ctx: BatchContext,
  iysCode: number,
  report: DeliveryReport,
  maxClaims = 50,
): Promise<void> {
  for (let round = 0; round < maxClaims; round += 1) {
    const at = ctx.now();
    const claimed = await ctx.store.claimBatches({
      now: at.toISOString(),
      leaseUntil: iso(at.getTime() + ctx.leaseMs),
      limit: 10,
      iysCode,
    });
    if (claimed.length === 0) return;
    for (const batch of claimed) await pollOne(ctx, batch, report);
  }
}

async function pollOne(ctx: BatchContext, claimed: ClaimedBatch, report: DeliveryReport) {
  const { batch, movements } = claimed;
  const fence = { id: batch.id, leaseUntil: batch.leaseUntil! };
  if (movements.length === 0 || batch.requestId === undefined) {
    await ctx.store.updateBatch({
      ...fence,
      now: ctx.now().toISOString(),
      results: [],
      next: { state: 'done' },
    });
    return;
  }
  report.polls += 1;
  const answer = await ctx.client.getBatchStatus(batch.brandCode, batch.requestId);
  const at = ctx.now();
  const now = at.toISOString();
  const again = (delayMs: number, error?: { code: string; message: string }): BatchNext => {
    const nextPollAt = iso(at.getTime() + delayMs);
    return {
      state: 'submitted',
      requestId: batch.requestId!,
      nextPollAt,
      movementLeaseUntil: iso(Date.parse(nextPollAt) + ctx.leaseMs),
      polled: true,
      ...(error ? { error } : {}),
    };
  };
  const ends = new Map<string, AttemptEnd>();
  let next: BatchNext;
  if (!answer.ok) {
    const error = {
      code: answer.error.code ?? answer.error.kind,
      message: answer.error.message.slice(0, 2000),
    };
    // The account refused (closed, gateway, token cap): poll again later; the worker pauses it.
    report.accountFailure ??= accountCause(answer.error);
    if (answer.error.category === 'rejected') {
      // İYS will not say what became of it: resend (v2 answers what it already took with its ids).
      for (const m of movements) ends.set(m.id, released(now, error));
      next = { state: 'failed', error };
    } else {
      const delay = backoffDelay(batch.polls, { ...ctx.retry, baseMs: ctx.batch.pollIntervalMs });
      const floor = Math.max(
        answer.error.retryAfterMs ?? 0,
        (answer.error.retryAt ?? 0) - at.getTime(),
      );
      next = again(Math.max(delay, floor, ctx.batch.pollIntervalMs), error);
    }
  } else if (answer.value === null) {
    const submitted = Date.parse(batch.submittedAt ?? batch.createdAt);
    if (at.getTime() - submitted > ctx.batch.giveUpMs) {
      const error = {
        code: 'batch-timeout',
        message: `İYS had not processed batch ${batch.requestId} after ${ctx.batch.giveUpMs} ms; resent`,
      };
      for (const m of movements) ends.set(m.id, released(now, error));
      next = { state: 'failed', error };
    } else {
      next = again(ctx.batch.pollIntervalMs);
    }
  } else {
    const byIndex = new Map(answer.value.map((item) => [item.index, item]));
    for (const m of movements) {
      const end = itemEnd(m, byIndex.get(m.batchIndex), ctx, at);
      if (end) ends.set(m.id, end);
    }
    next = ends.size < movements.length ? again(ctx.batch.pollIntervalMs) : { state: 'done' };
  }
  await applyUpdate(ctx, { ...fence, now, next }, movements, ends, report);
}

/** How one status item ends its movement; undefined while İYS still holds it (`enqueue`). */
function itemEnd(
  m: Movement,
  item: IysBatchStatusItem | undefined,
  ctx: BatchContext,
  at: Date,
): AttemptEnd | undefined {
  if (item === undefined || item.status === 'enqueue') return undefined;
  if (item.status === 'success') {
    if (item.transactionId === undefined) return undefined;
    const creationDate = item.creationDate ?? formatIysDate(at);
    return {
      outcome: { state: 'delivered', transactionId: item.transactionId, creationDate },
      mirror: mirrorEntryOf(m, at),
    };
  }
  const code = item.error?.code ?? 'batch-failure';
  const reason = { code, message: (item.error?.message ?? 'İYS gave no reason').slice(0, 2000) };
  if (code === 'H174') {
    return { outcome: { state: 'already-current', reason }, mirror: mirrorEntryOf(m, at) };
  }
  const kind = kindOf(400, code);
  if (kind === 'account') {
    // İYS refused the item for the account (a quota filled while the batch waited): it waits.
    return { ...released(at.toISOString(), reason), account: { ...reason, status: 403 } };
  }
  if (kind === 'busy' || kind === 'rate-limited' || kind === 'server') {
    const delay = backoffDelay(m.attempts, ctx.retry);
    return released(iso(at.getTime() + delay), reason);
  }
  return { outcome: { state: 'dead', error: reason } };
}
