// The İYS batches port on SQLite (ports/batch-store.ts): open, claim and update batches on the
// writer connection, each in its own IMMEDIATE transaction behind the store's mutex, so each
// call is atomic.
import * as batchSql from '../sql/batch-sql.js';
import type * as batchStore from '../ports/batch-store.js';
import { resultParams } from '../sql/delivery-sql.js';
import { MOVEMENT_COLUMNS, int, toMovement } from '../sql/store-rows.js';
import type { SqliteConnection } from './connection.js';
import { afterResultsSqlite } from './settle.js';
import type { SqliteDb } from './sqlite-db.js';

const iso = (value: string) => new Date(value).toISOString();
const BOUND = `SELECT ${MOVEMENT_COLUMNS.join(', ')}, batch_index FROM movements ${batchSql.BATCH_MOVEMENTS_SUFFIX}`;

/** Writes a `submitting` batch and binds the items whose claim still holds; returns their ids. */
function openBatchSqlite(c: SqliteConnection, open: batchStore.BatchOpen): string[] {
  const lease = iso(open.leaseUntil);
  c.run(batchSql.INSERT_BATCH, open.id, open.iysCode, open.brandCode, iso(open.createdAt), lease);
  const bound: string[] = [];
  const bind = c.db.prepare(batchSql.BIND_MOVEMENT);
  for (const item of open.items) {
    const done = bind.run(open.id, bound.length, lease, item.id, iso(item.leaseUntil));
    if (done.changes === 1) bound.push(item.id);
  }
  c.run(batchSql.SET_BATCH_SIZE, bound.length, open.id);
  return bound;
}

/** Releases stale submissions, then claims submitted batches due for a poll, with their items. */
function claimBatchesSqlite(
  c: SqliteConnection,
  claim: batchStore.BatchClaim,
): batchStore.ClaimedBatch[] {
  const now = iso(claim.now);
  const account = claim.iysCode ?? null;
  for (const row of c.all(batchSql.STALE_SUBMISSIONS, now, account, account)) {
    const id = row.id as string;
    const interrupted = {
      code: 'batch-interrupted',
      message: 'the worker stopped before İYS answered the submission',
    };
    c.run(
      batchSql.UPDATE_BATCH,
      ...batchSql.batchNextParams({
        id,
        leaseUntil: '',
        now,
        results: [],
        next: { state: 'failed', error: interrupted },
      }),
    );
    c.run(batchSql.RELEASE_LEFTOVERS, now, id);
  }
  const lease = iso(claim.leaseUntil);
  return c.all(batchSql.DUE_BATCHES, now, now, account, account, claim.limit).map((row) => {
    const id = row.id as string;
    c.run(batchSql.LEASE_BATCH, lease, id);
    c.run(batchSql.LEASE_BATCH_MOVEMENTS, lease, id);
    const batch = batchSql.toBatch(
      c.get(`SELECT ${batchSql.BATCH_COLUMNS} FROM iys_batches WHERE id = ?`, id)!,
    );
    const movements = c
      .all(BOUND, id)
      .map((m) => ({ ...toMovement(m), batchIndex: int(m.batch_index) }));
    return { batch, movements };
  });
}

/** Applies an update under the batch's lease; returns the ids of the items applied (none if fenced out). */
function updateBatchSqlite(
  c: SqliteConnection,
  update: batchStore.BatchUpdate,
): string[] | undefined {
  if (!c.get(batchSql.FENCE_BATCH, update.id, iso(update.leaseUntil))) return undefined;
  const finish = c.db.prepare(batchSql.FINISH_BATCH_ITEM);
  const applied = update.results.filter(
    (r) => finish.run(...resultParams({ ...r, leaseUntil: update.id })).changes === 1,
  );
  for (const r of applied) if (r.outcome.state === 'pending') c.run(batchSql.UNBIND_MOVEMENT, r.id);
  afterResultsSqlite(c, applied);
  c.run(batchSql.UPDATE_BATCH, ...batchSql.batchNextParams(update));
  if (update.next.state === 'submitted') {
    c.run(batchSql.LEASE_BATCH_MOVEMENTS, iso(update.next.movementLeaseUntil), update.id);
  } else {
    c.run(batchSql.RELEASE_LEFTOVERS, iso(update.now), update.id);
  }
  return applied.map((r) => r.id);
}

/** Recent batches, newest first. */
function listBatchesSqlite(c: SqliteConnection, limit: number): batchStore.IysBatchRow[] {
  return c.all(batchSql.LIST_BATCHES, limit).map(batchSql.toBatch);
}

/** The İYS batches of the SQLite store on `db`. */
export function sqliteBatchStore(db: SqliteDb): batchStore.BatchStore {
  return {
    openBatch: (open) => db.inWriteTx((w) => openBatchSqlite(w, open)),
    claimBatches: (claim) => db.inWriteTx((w) => claimBatchesSqlite(w, claim)),
    updateBatch: (update) => db.inWriteTx((w) => updateBatchSqlite(w, update)),
    batches: async (limit = 100) => listBatchesSqlite(db.reader, limit),
  };
}
