// The movements port on SQLite: claiming, finishing and retrying outbox movements on the writer
// connection, inside the store's IMMEDIATE transaction (the file's write lock makes a claim
// atomic); the lists, pages and counts on the reader.
import type { Movement } from '@izinli/core';
import type * as movementStore from '../ports/movement-store.js';
import * as deliverySql from '../sql/delivery-sql.js';
import * as movementQuery from '../sql/movement-query.js';
import * as storeRows from '../sql/store-rows.js';
import type { Page } from '../types.js';
import { sqliteInsert } from './connection.js';
import type { SqliteConnection } from './connection.js';
import { afterResultsSqlite } from './settle.js';
import type { SqliteDb } from './sqlite-db.js';

/**
 * `CLAIMABLE` for SQLite, same parameters and rows: the due pending movements are walked in
 * consentDate order on their partial index and the expired leases come from theirs, merged, so a
 * claim stops at its limit instead of sorting the whole backlog (45 ms → 1 ms at 100,000 pending).
 * The outer query keeps the merge's order (an outer ORDER BY would sort everything again); the
 * order only decides which keys go first, since NOT EXISTS alone keeps each key's order.
 */
const CLAIMABLE_SQLITE = `SELECT m.pos FROM (
    SELECT pos, movement_key, consent_date, iys_code
      FROM movements INDEXED BY movements_pending_by_date
      WHERE state = 'pending' AND next_attempt_at <= ?
    UNION ALL
    SELECT pos, movement_key, consent_date, iys_code
      FROM movements INDEXED BY movements_leased
      WHERE state = 'in-flight' AND batch_id IS NULL AND lease_until <= ?
    ORDER BY consent_date, pos
  ) m
  WHERE ${deliverySql.HEADS_ITS_KEY}
  LIMIT ?`;

const CLAIM = `UPDATE movements SET state = 'in-flight', lease_until = ? WHERE pos = ?
  RETURNING ${storeRows.MOVEMENT_COLUMNS.join(', ')}`;
const INSERT_EVENT = `${sqliteInsert('webhook_events', storeRows.EVENT_COLUMNS)} ON CONFLICT (id) DO NOTHING`;

/** Claims due head movements; the caller holds the transaction. */
function claimMovementsSqlite(c: SqliteConnection, claim: movementStore.MovementClaim): Movement[] {
  const leaseUntil = new Date(claim.leaseUntil).toISOString();
  const due = c.all(CLAIMABLE_SQLITE, ...deliverySql.claimParams(claim));
  return due.map((row) => storeRows.toMovement(c.get(CLAIM, leaseUntil, storeRows.int(row.pos))!));
}

/** Applies results whose lease still holds, with their events and mirror entries; returns their ids. */
function finishMovementsSqlite(
  c: SqliteConnection,
  results: readonly movementStore.MovementResult[],
): string[] {
  const finish = c.db.prepare(deliverySql.FINISH);
  const applied = results.filter(
    (result) => finish.run(...deliverySql.resultParams(result)).changes === 1,
  );
  afterResultsSqlite(c, applied);
  return applied.map((r) => r.id);
}

/** Puts a dead letter back in the queue; false when `id` is not dead. */
function retryDeadSqlite(c: SqliteConnection, id: string, now: string): boolean {
  return c.db.prepare(deliverySql.RETRY_DEAD).run(new Date(now).toISOString(), id).changes === 1;
}

/** Counts by state, near-deadline count and the oldest open consentDate (of some sites). */
function deliveryStatsSqlite(
  c: SqliteConnection,
  deadlineBound: string,
  siteKeys?: readonly string[],
): movementStore.DeliveryStats {
  const q = movementQuery.deliveryStatsQueries(deadlineBound, siteKeys, 'sqlite');
  return movementQuery.deliveryStatsOf(
    c.all(q.byState[0], ...q.byState[1]),
    c.get(q.summary[0], ...q.summary[1])!,
  );
}

/** One page of a tenant's movements. */
function movementPageSqlite(
  c: SqliteConnection,
  filter: movementStore.MovementPageFilter,
): Page<movementStore.AdminMovement> {
  const { sql, params, limit } = movementQuery.movementPageQuery(filter, 'sqlite');
  return movementQuery.movementPageOf(c.all(sql, ...params), limit);
}

/** Flags open movements near their deadline, each once, writing its event; returns the count. */
function flagAtRiskSqlite(c: SqliteConnection, flagging: movementStore.AtRiskFlagging): number {
  const account = flagging.iysCode ?? null;
  const bound = new Date(flagging.deadlineBound).toISOString();
  const rows = c.all(deliverySql.AT_RISK_DUE, bound, account, account, flagging.limit ?? 1000);
  const now = new Date(flagging.now).toISOString();
  for (const row of rows) {
    c.run(deliverySql.FLAG_AT_RISK, now, storeRows.int(row.pos));
    const event = flagging.event(storeRows.toMovement(row), row.site_key as string);
    c.run(INSERT_EVENT, ...storeRows.eventValues(event));
  }
  return rows.length;
}

const MOVEMENT_SELECT = `SELECT ${storeRows.MOVEMENT_COLUMNS.join(', ')} FROM movements`;
const DEFAULT_MOVEMENTS = 1000;

/** Outbox movements matching `filter`, in insertion order. */
function listMovements(c: SqliteConnection, filter: movementStore.MovementFilter): Movement[] {
  const where: string[] = [];
  const params: unknown[] = [];
  if (filter.captureId !== undefined) {
    where.push('capture_id = ?');
    params.push(filter.captureId);
  }
  if (filter.key !== undefined) {
    where.push('movement_key = ?');
    params.push(filter.key);
  }
  if (filter.state !== undefined) {
    where.push('state = ?');
    params.push(filter.state);
  }
  const sql = `${MOVEMENT_SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY pos LIMIT ?`;
  return c.all(sql, ...params, filter.limit ?? DEFAULT_MOVEMENTS).map(storeRows.toMovement);
}

/** The movement outbox of the SQLite store on `db`. */
export function sqliteMovementStore(db: SqliteDb): movementStore.MovementStore {
  return {
    movements: async (filter) => listMovements(db.reader, filter),
    claimMovements: (claim) => db.inWriteTx((w) => claimMovementsSqlite(w, claim)),
    releaseLeases: () =>
      db.exclusive(() => db.writer.db.prepare(deliverySql.RELEASE_LEASES).run().changes),
    finishMovements: (results) => db.inWriteTx((w) => finishMovementsSqlite(w, results)),
    retryDeadMovement: (id, now) => db.exclusive(() => retryDeadSqlite(db.writer, id, now)),
    deliveryStats: async (deadlineBound, siteKeys) =>
      deliveryStatsSqlite(db.reader, deadlineBound, siteKeys),
    movementPage: async (filter) => movementPageSqlite(db.reader, filter),
    flagMovementsAtRisk: (flagging) => db.inWriteTx((w) => flagAtRiskSqlite(w, flagging)),
  };
}
