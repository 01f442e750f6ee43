// The SQL of İYS batches both dialects share (`?` placeholders; ports/batch-store.ts declares
// the port). A batch's movements stay in flight, bound to it by `batch_id`, until its poller
// settles each one; claims of single movements never take them (CLAIMABLE in delivery-sql.ts).
import { present } from '@izinli/core';
import type { BatchState, BatchUpdate, IysBatchRow } from '../ports/batch-store.js';
import { int, optional } from './store-rows.js';
import type { Row } from './store-rows.js';

/** Columns of iys_batches read back. */
export const BATCH_COLUMNS =
  'id, iys_code, brand_code, request_id, state, size, created_at, submitted_at, next_poll_at, polls, lease_until, last_error_code, last_error_message';

/** An iys_batches row as its batch. */
export function toBatch(row: Row): IysBatchRow {
  const code = optional(row.last_error_code);
  return {
    id: row.id as string,
    iysCode: int(row.iys_code),
    brandCode: int(row.brand_code),
    ...present({ requestId: optional(row.request_id) }),
    state: row.state as BatchState,
    size: int(row.size),
    createdAt: row.created_at as string,
    ...present({
      submittedAt: optional(row.submitted_at),
      nextPollAt: optional(row.next_poll_at),
    }),
    polls: int(row.polls),
    ...present({ leaseUntil: optional(row.lease_until) }),
    ...(code !== undefined
      ? { lastError: { code, message: (row.last_error_message as string | null) ?? '' } }
      : {}),
  };
}

/** Params: id, iysCode, brandCode, createdAt, leaseUntil. */
export const INSERT_BATCH = `INSERT INTO iys_batches (id, iys_code, brand_code, state, size, created_at, lease_until)
  VALUES (?, ?, ?, 'submitting', 0, ?, ?)`;

/** Binds a claimed movement at `index`. Params: batchId, index, leaseUntil(batch), id, leaseUntil(claim). */
export const BIND_MOVEMENT = `UPDATE movements SET batch_id = ?, batch_index = ?, lease_until = ?
  WHERE id = ? AND state = 'in-flight' AND lease_until = ? AND batch_id IS NULL`;

/** Params: size, id. */
export const SET_BATCH_SIZE = 'UPDATE iys_batches SET size = ? WHERE id = ?';

/** Submitted batches due for a poll, unclaimed. Params: now, now, iysCode|null, iysCode|null, limit. */
export const DUE_BATCHES = `SELECT id FROM iys_batches
  WHERE state = 'submitted' AND next_poll_at <= ? AND (lease_until IS NULL OR lease_until <= ?)
    AND (CAST(? AS BIGINT) IS NULL OR iys_code = ?)
  ORDER BY next_poll_at, pos LIMIT ?`;

/** Submissions whose worker died before İYS's answer was stored. Params: now, iysCode|null ×2. */
export const STALE_SUBMISSIONS = `SELECT id FROM iys_batches
  WHERE state = 'submitting' AND lease_until <= ? AND (CAST(? AS BIGINT) IS NULL OR iys_code = ?)`;

/** Params: leaseUntil, id. */
export const LEASE_BATCH = 'UPDATE iys_batches SET lease_until = ? WHERE id = ?';

/** The bound movements follow their batch's lease. Params: leaseUntil, batchId. */
export const LEASE_BATCH_MOVEMENTS = `UPDATE movements SET lease_until = ?
  WHERE batch_id = ? AND state = 'in-flight'`;

/** Params: batchId. */
export const BATCH_MOVEMENTS_SUFFIX = `WHERE batch_id = ? AND state = 'in-flight' ORDER BY batch_index`;

/** Fence of an update: the batch is open and still under the caller's lease. Params: id, leaseUntil. */
export const FENCE_BATCH = `SELECT id FROM iys_batches
  WHERE id = ? AND state IN ('submitting', 'submitted') AND lease_until = ?`;

/** Ends one bound movement's attempt; the `FINISH` of a batch item. Params: `batchResultParams`. */
export const FINISH_BATCH_ITEM = `UPDATE movements SET state = ?, lease_until = NULL,
  attempts = attempts + 1, next_attempt_at = COALESCE(?, next_attempt_at),
  transaction_id = COALESCE(?, transaction_id), creation_date = COALESCE(?, creation_date),
  last_error_code = ?, last_error_message = ?
  WHERE id = ? AND state = 'in-flight' AND batch_id = ?`;

/** A released (pending again) item leaves its batch. Params: id. */
export const UNBIND_MOVEMENT =
  'UPDATE movements SET batch_id = NULL, batch_index = NULL WHERE id = ?';

/** A closed batch lets go of anything still bound to it, due at once. Params: now, batchId. */
export const RELEASE_LEFTOVERS = `UPDATE movements SET state = 'pending', lease_until = NULL,
  next_attempt_at = ?, batch_id = NULL, batch_index = NULL
  WHERE batch_id = ? AND state = 'in-flight'`;

/** The batch row after an update, by `batchNextParams`. */
export const UPDATE_BATCH = `UPDATE iys_batches SET state = ?, request_id = COALESCE(?, request_id),
  submitted_at = COALESCE(?, submitted_at), next_poll_at = ?, polls = polls + ?, lease_until = NULL,
  last_error_code = ?, last_error_message = ?, finished_at = ? WHERE id = ?`;

/** The parameters of `UPDATE_BATCH`. */
export function batchNextParams(update: BatchUpdate): unknown[] {
  const n = update.next;
  const iso = (value: string) => new Date(value).toISOString();
  if (n.state === 'submitted') {
    return [
      'submitted',
      n.requestId,
      n.submittedAt === undefined ? null : iso(n.submittedAt),
      iso(n.nextPollAt),
      n.polled ? 1 : 0,
      n.error?.code ?? null,
      n.error?.message ?? null,
      null,
      update.id,
    ];
  }
  const error = n.state === 'failed' ? n.error : undefined;
  return [
    n.state,
    null,
    null,
    null,
    update.next.state === 'done' ? 1 : 0,
    error?.code ?? null,
    error?.message ?? null,
    iso(update.now),
    update.id,
  ];
}

/** Recent batches, newest first (admin, tests). Params: limit. */
export const LIST_BATCHES = `SELECT ${BATCH_COLUMNS} FROM iys_batches ORDER BY pos DESC LIMIT ?`;
