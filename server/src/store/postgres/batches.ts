// The İYS batches port on PostgreSQL (ports/batch-store.ts): open, claim (FOR UPDATE SKIP LOCKED,
// so instances poll disjoint batches) and update batches, each in its own transaction.
import * as storeRows from '../sql/store-rows.js';
import type { PoolClient } from 'pg';
import * as batchSql from '../sql/batch-sql.js';
import type * as batchStore from '../ports/batch-store.js';
import { numbered, resultParams } from '../sql/delivery-sql.js';
import type { Pool } from 'pg';
import type { PgDb } from './pg-db.js';
import { afterResultsPostgres } from './settle.js';

const iso = (value: string) => new Date(value).toISOString();
const q = numbered;
const BOUND = `SELECT ${storeRows.MOVEMENT_COLUMNS.join(', ')}, batch_index FROM movements ${q(batchSql.BATCH_MOVEMENTS_SUFFIX)}`;
const FENCE = `${q(batchSql.FENCE_BATCH)} FOR UPDATE`;

/** Writes a `submitting` batch and binds the items whose claim still holds; returns their ids. */
async function openBatchPostgres(
  client: PoolClient,
  open: batchStore.BatchOpen,
): Promise<string[]> {
  const lease = iso(open.leaseUntil);
  await client.query<storeRows.Row>(q(batchSql.INSERT_BATCH), [
    open.id,
    open.iysCode,
    open.brandCode,
    iso(open.createdAt),
    lease,
  ]);
  const bound: string[] = [];
  for (const item of open.items) {
    const done = await client.query<storeRows.Row>(q(batchSql.BIND_MOVEMENT), [
      open.id,
      bound.length,
      lease,
      item.id,
      iso(item.leaseUntil),
    ]);
    if (done.rowCount === 1) bound.push(item.id);
  }
  await client.query<storeRows.Row>(q(batchSql.SET_BATCH_SIZE), [bound.length, open.id]);
  return bound;
}

/** Releases stale submissions, then claims submitted batches due for a poll, with their items. */
async function claimBatchesPostgres(
  client: PoolClient,
  claim: batchStore.BatchClaim,
): Promise<batchStore.ClaimedBatch[]> {
  const now = iso(claim.now);
  const account = claim.iysCode ?? null;
  const stale = await client.query<storeRows.Row>(
    `${q(batchSql.STALE_SUBMISSIONS)} FOR UPDATE SKIP LOCKED`,
    [now, account, account],
  );
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
    await client.query<storeRows.Row>(q(batchSql.UPDATE_BATCH), batchSql.batchNextParams(update));
    await client.query<storeRows.Row>(q(batchSql.RELEASE_LEFTOVERS), [now, id]);
  }
  const lease = iso(claim.leaseUntil);
  const due = await client.query<storeRows.Row>(
    `${q(batchSql.DUE_BATCHES)} FOR UPDATE SKIP LOCKED`,
    [now, now, account, account, claim.limit],
  );
  const claimed: batchStore.ClaimedBatch[] = [];
  for (const row of due.rows) {
    const id = row.id as string;
    await client.query<storeRows.Row>(q(batchSql.LEASE_BATCH), [lease, id]);
    await client.query<storeRows.Row>(q(batchSql.LEASE_BATCH_MOVEMENTS), [lease, id]);
    const [batchRow] = (
      await client.query<storeRows.Row>(
        `SELECT ${batchSql.BATCH_COLUMNS} FROM iys_batches WHERE id = $1`,
        [id],
      )
    ).rows;
    const movements = (await client.query<storeRows.Row>(BOUND, [id])).rows.map((m) => ({
      ...storeRows.toMovement(m),
      batchIndex: storeRows.int(m.batch_index),
    }));
    claimed.push({ batch: batchSql.toBatch(batchRow!), movements });
  }
  return claimed;
}

/** Applies an update under the batch's lease; returns the ids applied (undefined if fenced out). */
async function updateBatchPostgres(
  client: PoolClient,
  update: batchStore.BatchUpdate,
): Promise<string[] | undefined> {
  const fence = await client.query<storeRows.Row>(FENCE, [update.id, iso(update.leaseUntil)]);
  if (fence.rowCount !== 1) return undefined;
  const applied: batchStore.BatchItemResult[] = [];
  for (const r of update.results) {
    const done = await client.query<storeRows.Row>(
      q(batchSql.FINISH_BATCH_ITEM),
      resultParams({ ...r, leaseUntil: update.id }),
    );
    if (done.rowCount !== 1) continue;
    applied.push(r);
    if (r.outcome.state === 'pending')
      await client.query<storeRows.Row>(q(batchSql.UNBIND_MOVEMENT), [r.id]);
  }
  await afterResultsPostgres(client, applied);
  await client.query<storeRows.Row>(q(batchSql.UPDATE_BATCH), batchSql.batchNextParams(update));
  if (update.next.state === 'submitted') {
    await client.query<storeRows.Row>(q(batchSql.LEASE_BATCH_MOVEMENTS), [
      iso(update.next.movementLeaseUntil),
      update.id,
    ]);
  } else {
    await client.query<storeRows.Row>(q(batchSql.RELEASE_LEFTOVERS), [iso(update.now), update.id]);
  }
  return applied.map((r) => r.id);
}

/** Recent batches, newest first. */
async function listBatchesPostgres(pool: Pool, limit: number): Promise<batchStore.IysBatchRow[]> {
  return (await pool.query<storeRows.Row>(q(batchSql.LIST_BATCHES), [limit])).rows.map(
    batchSql.toBatch,
  );
}

/** The İYS batches of the PostgreSQL store on `db`. */
export function postgresBatchStore(db: PgDb): batchStore.BatchStore {
  return {
    openBatch: (open) => db.transaction((client) => openBatchPostgres(client, open)),
    claimBatches: (claim) => db.transaction((client) => claimBatchesPostgres(client, claim)),
    updateBatch: (update) => db.transaction((client) => updateBatchPostgres(client, update)),
    batches: (limit = 100) => listBatchesPostgres(db.pool, limit),
  };
}
