// Submitting a batch (batch-delivery.ts): pre-validate the claimed movements, settle what is not to
// be sent, write the batch and bind its items, POST it (v2 `…/consents/request`), and store İYS's
// requestId, or end each item by the refusal.
import { randomUUID } from 'node:crypto';
import { movementKey } from '@izinli/core';
import type { Movement } from '@izinli/core';
import type { IysError } from '@izinli/iys';
import type { BatchNext } from '../store/ports/batch-store.js';
import type { MovementResult } from '../store/ports/movement-store.js';
import { applyUpdate, batchKey, iso, itemResult, released } from './batch-delivery.js';
import type { BatchContext } from './batch-delivery.js';
import { consentOf, count, inParallel, logEnd } from './delivery-report.js';
import type { DeliveryReport } from './delivery-report.js';
import { preValidate } from './pre-validate.js';
import { accountCause, afterAccountFailure, retryAt, sendOutcome } from './send-outcome.js';
import type { AttemptEnd } from './send-outcome.js';

/**
 * Pre-validates claimed movements, settles what is not to be sent, and submits the rest in
 * batches per brand; every movement ends settled, released or bound to a submitted batch.
 */
export async function submitBatches(
  ctx: BatchContext,
  claimed: readonly Movement[],
  report: DeliveryReport,
): Promise<void> {
  const { store } = ctx;
  const at = ctx.now();
  const mirror = await store.mirror(claimed.map((m) => movementKey(m)));
  const settled: { m: Movement; result: MovementResult; end: AttemptEnd }[] = [];
  const brands = new Map<number, Movement[]>();
  const seen = new Set<string>();
  for (const m of claimed) {
    const checked = preValidate(m, mirror.get(movementKey(m)), at, ctx.calendar);
    let end: AttemptEnd | undefined;
    if (!checked.send) {
      end = { outcome: checked.outcome, ...(checked.mirror ? { mirror: checked.mirror } : {}) };
    } else if (seen.has(batchKey(m))) {
      // Heads are one per key, so this only happens for e-mail spellings İYS counts as one.
      end = released(at.toISOString());
    } else {
      seen.add(batchKey(m));
      const list = brands.get(m.brandCode) ?? [];
      list.push(m);
      brands.set(m.brandCode, list);
      continue;
    }
    const result = { ...itemResult(m, end, at), leaseUntil: m.leaseUntil! };
    settled.push({ m, result, end });
  }
  if (settled.length > 0) {
    const applied = new Set(await store.finishMovements(settled.map((s) => s.result)));
    for (const { m, end } of settled) {
      if (!applied.has(m.id)) report.lost += 1;
      else {
        count(report, end, 'batch');
        logEnd(ctx.logger, m, end);
      }
    }
  }
  for (const [brandCode, list] of brands) {
    for (let i = 0; i < list.length; i += ctx.batch.size) {
      await submitOne(ctx, brandCode, list.slice(i, i + ctx.batch.size), report);
    }
  }
}

async function submitOne(
  ctx: BatchContext,
  brandCode: number,
  chunk: readonly Movement[],
  report: DeliveryReport,
): Promise<void> {
  const { store, logger } = ctx;
  const id = (ctx.newId ?? randomUUID)();
  const first = chunk[0]!;
  const opened = ctx.now();
  const bound = await store.openBatch({
    id,
    iysCode: first.iysCode,
    brandCode,
    createdAt: opened.toISOString(),
    leaseUntil: first.leaseUntil!,
    items: chunk.map((m) => ({ id: m.id, leaseUntil: m.leaseUntil! })),
  });
  report.lost += chunk.length - bound.length;
  if (bound.length === 0) return;
  const byId = new Map(chunk.map((m) => [m.id, m]));
  const items = bound.map((movementId) => byId.get(movementId)!);
  report.sent += items.length;
  const answer = await ctx.client.addConsents(brandCode, items.map(consentOf));
  const at = ctx.now();
  const fence = { id, leaseUntil: first.leaseUntil!, now: at.toISOString() };
  if (answer.ok) {
    const nextPollAt = iso(at.getTime() + ctx.batch.firstPollMs);
    const next: BatchNext = {
      state: 'submitted',
      requestId: answer.value.requestId,
      submittedAt: at.toISOString(),
      nextPollAt,
      movementLeaseUntil: iso(Date.parse(nextPollAt) + ctx.leaseMs),
    };
    if ((await store.updateBatch({ ...fence, results: [], next })) === undefined) {
      report.lost += items.length;
      return;
    }
    report.batches += 1;
    report.batched += items.length;
    logger.info(
      {
        batchId: id,
        requestId: answer.value.requestId,
        iysCode: first.iysCode,
        brandCode,
        size: items.length,
      },
      'İYS batch submitted',
    );
    return;
  }
  const ends = await submitFailure(ctx, brandCode, items, answer.error, at);
  const error = {
    code: answer.error.code ?? answer.error.kind,
    message: answer.error.message.slice(0, 2000),
  };
  await applyUpdate(ctx, { ...fence, next: { state: 'failed', error } }, items, ends, report);
  logger.warn(
    { batchId: id, iysCode: first.iysCode, brandCode, code: error.code },
    'İYS batch refused',
  );
}

/**
 * How a refused submission ends each item: a format refusal naming items (`index`) dead-letters
 * those and resends the rest at once; one naming none falls back to single adds; a retryable
 * failure puts everything back with backoff (v2 answers an identical resend with the same ids).
 */
async function submitFailure(
  ctx: BatchContext,
  brandCode: number,
  items: readonly Movement[],
  error: IysError,
  at: Date,
): Promise<Map<string, AttemptEnd>> {
  const ends = new Map<string, AttemptEnd>();
  const account = accountCause(error);
  if (account) {
    const reason = { code: account.code, message: account.message };
    const at2 = afterAccountFailure(error, at);
    for (const m of items) ends.set(m.id, { ...released(at2, reason), account });
    return ends;
  }
  if (error.category !== 'rejected') {
    const reason = { code: error.code ?? error.kind, message: error.message.slice(0, 2000) };
    for (const m of items) ends.set(m.id, released(retryAt(m, error, ctx.retry, at), reason));
    return ends;
  }
  const named = new Map<number, { code: string; message: string }[]>();
  const add = (index: unknown, code: string, message: string) => {
    if (typeof index !== 'number' || !Number.isInteger(index)) return;
    named.set(index, [...(named.get(index) ?? []), { code, message }]);
  };
  for (const e of error.errors) add(e.index, e.code, e.message);
  for (const p of error.problems) add(p.path[0], p.code, `expected ${p.expected.en}`);
  if (named.size === 0) {
    await inParallel(items, 10, async (m) => {
      const answer = await ctx.client.addConsent(brandCode, consentOf(m));
      ends.set(m.id, sendOutcome(m, answer, ctx.retry, ctx.now()));
    });
    return ends;
  }
  items.forEach((m, index) => {
    const problems = named.get(index);
    if (!problems) ends.set(m.id, released(at.toISOString()));
    else {
      const message = problems
        .map((p) => `${p.code} ${p.message}`)
        .join('; ')
        .slice(0, 2000);
      ends.set(m.id, { outcome: { state: 'dead', error: { code: problems[0]!.code, message } } });
    }
  });
  return ends;
}
