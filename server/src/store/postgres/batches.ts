// The İYS batches port on PostgreSQL (ports/batch-store.ts): open, claim (FOR UPDATE SKIP LOCKED,
// so instances poll disjoint batches) and update batches, each in its own transaction.
import type { Row } from '../sql/store-rows.js';
import type { PoolClient } from 'pg';
import {
  BATCH_COLUMNS,
  BATCH_MOVEMENTS_SUFFIX,
  BIND_MOVEMENT,
  DUE_BATCHES,
  FENCE_BATCH,
  FINISH_BATCH_ITEM,
  INSERT_BATCH,
  LEASE_BATCH,
  LEASE_BATCH_MOVEMENTS,
  LIST_BATCHES,
  RELEASE_LEFTOVERS,
  SET_BATCH_SIZE,
  STALE_SUBMISSIONS,
  UNBIND_MOVEMENT,
  UPDATE_BATCH,
  batchNextParams,
  toBatch,
} from '../sql/batch-sql.js';
import type {
  BatchClaim,
  BatchItemResult,
  BatchOpen,
  BatchUpdate,
  ClaimedBatch,
  BatchStore,
  IysBatchRow,
} from '../ports/batch-store.js';
import { numbered, resultParams } from '../sql/delivery-sql.js';
import { MOVEMENT_COLUMNS, int, toMovement } from '../sql/store-rows.js';
import type { Pool } from 'pg';
import type { PgDb } from './pg-db.js';
import { afterResultsPostgres } from './settle.js';

const iso = (value: string) => new Date(value).toISOString();
const q = numbered;
const BOUND = `SELECT ${MOVEMENT_COLUMNS.join(', ')}, batch_index FROM movements ${q(BATCH_MOVEMENTS_SUFFIX)}`;
const FENCE = `${q(FENCE_BATCH)} FOR UPDATE`;

/** Writes a `submitting` batch and binds the items whose claim still holds; returns their ids. */
async function openBatchPostgres(client: PoolClient, open: BatchOpen): Promise<string[]> {
  const lease = iso(open.leaseUntil);
  await client.query<Row>(q(INSERT_BATCH), [
    open.id,
    open.iysCode,
    open.brandCode,
    iso(open.createdAt),
    lease,
  ]);
  const bound: string[] = [];
  for (const item of open.items) {
    const done = await client.query<Row>(q(BIND_MOVEMENT), [
      open.id,
      bound.length,
      lease,
      item.id,
      iso(item.leaseUntil),
    ]);
    if (done.rowCount === 1) bound.push(item.id);
  }
  await client.query<Row>(q(SET_BATCH_SIZE), [bound.length, open.id]);
  return bound;
}

/** Releases stale submissions, then claims submitted batches due for a poll, with their items. */
async function claimBatchesPostgres(
  client: PoolClient,
  claim: BatchClaim,
): Promise<ClaimedBatch[]> {
  const now = iso(claim.now);
  const account = claim.iysCode ?? null;
  const stale = await client.query<Row>(`${q(STALE_SUBMISSIONS)} FOR UPDATE SKIP LOCKED`, [
    now,
    account,
    account,
  ]);
  for (const row of stale.rows) {
    const id = row.id as string;
    const error = {
      code: 'batch-interrupted',
      message: 'the worker stopped before İYS answered the submission',
    };
    const update = {
      id,
      leaseUntil: '',
      now,
      results: [],
      next: { state: 'failed', error },
    } as const;
    await client.query<Row>(q(UPDATE_BATCH), batchNextParams(update));
    await client.query<Row>(q(RELEASE_LEFTOVERS), [now, id]);
  }
  const lease = iso(claim.leaseUntil);
  const due = await client.query<Row>(`${q(DUE_BATCHES)} FOR UPDATE SKIP LOCKED`, [
    now,
    now,
    account,
    account,
    claim.limit,
  ]);
  const claimed: ClaimedBatch[] = [];
  for (const row of due.rows) {
    const id = row.id as string;
    await client.query<Row>(q(LEASE_BATCH), [lease, id]);
    await client.query<Row>(q(LEASE_BATCH_MOVEMENTS), [lease, id]);
    const [batchRow] = (
      await client.query<Row>(`SELECT ${BATCH_COLUMNS} FROM iys_batches WHERE id = $1`, [id])
    ).rows;
    const movements = (await client.query<Row>(BOUND, [id])).rows.map((m) => ({
      ...toMovement(m),
      batchIndex: int(m.batch_index),
    }));
    claimed.push({ batch: toBatch(batchRow!), movements });
  }
  return claimed;
}

/** Applies an update under the batch's lease; returns the ids applied (undefined if fenced out). */
async function updateBatchPostgres(
  client: PoolClient,
  update: BatchUpdate,
): Promise<string[] | undefined> {
  const fence = await client.query<Row>(FENCE, [update.id, iso(update.leaseUntil)]);
  if (fence.rowCount !== 1) return undefined;
  const applied: BatchItemResult[] = [];
  for (const r of update.results) {
    const done = await client.query<Row>(
      q(FINISH_BATCH_ITEM),
      resultParams({ ...r, leaseUntil: update.id }),
    );
    if (done.rowCount !== 1) continue;
    applied.push(r);
    if (r.outcome.state === 'pending') await client.query<Row>(q(UNBIND_MOVEMENT), [r.id]);
  }
  await afterResultsPostgres(client, applied);
  await client.query<Row>(q(UPDATE_BATCH), batchNextParams(update));
  if (update.next.state === 'submitted') {
    await client.query<Row>(q(LEASE_BATCH_MOVEMENTS), [
      iso(update.next.movementLeaseUntil),
      update.id,
    ]);
  } else {
    await client.query<Row>(q(RELEASE_LEFTOVERS), [iso(update.now), update.id]);
  }
  return applied.map((r) => r.id);
}

/** Recent batches, newest first. */
async function listBatchesPostgres(pool: Pool, limit: number): Promise<IysBatchRow[]> {
  return (await pool.query<Row>(q(LIST_BATCHES), [limit])).rows.map(toBatch);
}

/** The İYS batches of the PostgreSQL store on `db`. */
export function postgresBatchStore(db: PgDb): BatchStore {
  return {
    openBatch: (open) => db.transaction((client) => openBatchPostgres(client, open)),
    claimBatches: (claim) => db.transaction((client) => claimBatchesPostgres(client, claim)),
    updateBatch: (update) => db.transaction((client) => updateBatchPostgres(client, update)),
    batches: (limit = 100) => listBatchesPostgres(db.pool, limit),
  };
}
