// What a delivery run did, per account, and the pieces the single and batch paths share: the İYS
// body of a movement, the count of an attempt's end, and its log line (ids and codes, never a
// recipient).
import type { Movement } from '@izinli/core';
import type { IysConsentInput } from '@izinli/iys';
import type { Logger } from 'pino';
import { DEADLINE_MISSED } from './pre-validate.js';
import type { IysAccountCause } from '../store/ports/account-store.js';
import type { AttemptEnd } from './send-outcome.js';

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
  /** Batches İYS accepted in this run, and the movements in them. */
  batches: number;
  batched: number;
  /** Batch status polls made. */
  polls: number;
  /** Movements flagged near their deadline (one `consent.deadline_at_risk` each). */
  atRisk: number;
  /** İYS refused the whole account in this run (the first such cause): the worker pauses it. */
  accountFailure?: IysAccountCause;
  /** The account was paused at the start of the run and its next probe is not due. */
  paused?: boolean;
  /** Applied ends by how they were sent, how they ended and İYS's code (for the metrics). */
  outcomes: OutcomeTally[];
}

/** How many applied ends share an operation, an outcome and an İYS code. */
export interface OutcomeTally {
  operation: 'single' | 'batch';
  outcome: 'delivered' | 'already-current' | 'dead' | 'retry';
  /** İYS's code (or our own, e.g. deadline-missed); '' when there was none. */
  code: string;
  n: number;
}

/** A report with every count at zero. */
export function emptyReport(iysCode: number): DeliveryReport {
  return {
    iysCode,
    claimed: 0,
    sent: 0,
    delivered: 0,
    alreadyCurrent: 0,
    dead: 0,
    retried: 0,
    lost: 0,
    batches: 0,
    batched: 0,
    polls: 0,
    atRisk: 0,
    outcomes: [],
  };
}

/** The İYS body of a movement: the same fields every time, so a replay is byte-identical (v2). */
export function consentOf(m: Movement): IysConsentInput {
  const { recipient, type, source, status, consentDate } = m;
  return m.recipientType === 'TACIR'
    ? { recipient, type, source, status, consentDate, recipientType: 'TACIR' }
    : { recipient, type, source, status, consentDate, recipientType: 'BIREYSEL' };
}

/** Counts one applied end of a movement sent alone or in a batch. */
export function count(report: DeliveryReport, end: AttemptEnd, operation: 'single' | 'batch') {
  const o = end.outcome;
  if (end.account) report.accountFailure ??= end.account;
  if (o.state === 'delivered') report.delivered += 1;
  else if (o.state === 'already-current') report.alreadyCurrent += 1;
  else if (o.state === 'dead') report.dead += 1;
  else report.retried += 1;
  const outcome = o.state === 'pending' ? 'retry' : o.state;
  const code =
    o.state === 'dead'
      ? o.error.code
      : o.state === 'pending'
        ? (o.error?.code ?? '')
        : o.state === 'already-current'
          ? (o.reason?.code ?? '')
          : '';
  const same = report.outcomes.find(
    (t) => t.operation === operation && t.outcome === outcome && t.code === code,
  );
  if (same) same.n += 1;
  else report.outcomes.push({ operation, outcome, code, n: 1 });
}

/** Ids, states and codes only: no recipient ever reaches the log. */
export function logEnd(logger: Logger, m: Movement, end: AttemptEnd) {
  const o = end.outcome;
  if (o.state !== 'dead') return;
  const fields = {
    movementId: m.id,
    iysCode: m.iysCode,
    brandCode: m.brandCode,
    type: m.type,
    status: m.status,
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
export async function inParallel<T>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<void>,
) {
  let next = 0;
  const lane = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
}
