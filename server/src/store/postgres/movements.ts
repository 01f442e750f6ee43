// The movements port on PostgreSQL: claims take due head movements FOR UPDATE SKIP LOCKED, so
// several instances claim disjoint rows; results apply only while the claim's lease holds.
import * as storeRows from '../sql/store-rows.js';
import type { Movement } from '@izinli/core';
import type { Pool, PoolClient } from 'pg';
import type * as movementStore from '../ports/movement-store.js';
import * as deliverySql from '../sql/delivery-sql.js';
import * as movementQuery from '../sql/movement-query.js';
import type { Page, WebhookEvent } from '../types.js';
import type { PgDb } from './pg-db.js';
import { afterResultsPostgres, insertEvents } from './settle.js';

const SELECT_DUE = `${deliverySql.numbered(deliverySql.CLAIMABLE)} FOR UPDATE OF m SKIP LOCKED`;
const CLAIM = `UPDATE movements SET state = 'in-flight', lease_until = $1
  WHERE pos = ANY($2::bigint[]) RETURNING ${storeRows.MOVEMENT_COLUMNS.join(', ')}, pos`;
const FINISH_PG = deliverySql.numbered(deliverySql.FINISH);
const AT_RISK_DUE_PG = `${deliverySql.numbered(deliverySql.AT_RISK_DUE)} FOR UPDATE OF m SKIP LOCKED`;

/** Claims due head movements on `client`; the caller holds the transaction. */
async function claimMovementsPostgres(
  client: PoolClient,
  claim: movementStore.MovementClaim,
): Promise<Movement[]> {
  const due = (
    await client.query<storeRows.Row>(SELECT_DUE, deliverySql.claimParams(claim))
  ).rows.map((r) => storeRows.int(r.pos));
  if (due.length === 0) return [];
  const leaseUntil = new Date(claim.leaseUntil).toISOString();
  const { rows } = await client.query<storeRows.Row>(CLAIM, [leaseUntil, due]);
  const order = new Map(due.map((pos, i) => [pos, i]));
  rows.sort((a, b) => order.get(storeRows.int(a.pos))! - order.get(storeRows.int(b.pos))!);
  return rows.map(storeRows.toMovement);
}

/** Applies results whose lease still holds, with their events and mirror entries; returns their ids. */
async function finishMovementsPostgres(
  client: PoolClient,
  results: readonly movementStore.MovementResult[],
): Promise<string[]> {
  const applied: movementStore.MovementResult[] = [];
  for (const result of results) {
    if (
      (await client.query<storeRows.Row>(FINISH_PG, deliverySql.resultParams(result))).rowCount ===
      1
    )
      applied.push(result);
  }
  await afterResultsPostgres(client, applied);
  return applied.map((r) => r.id);
}

/** Puts a dead letter back in the queue; false when `id` is not dead. */
async function retryDeadPostgres(pool: Pool, id: string, now: string): Promise<boolean> {
  const done = await pool.query<storeRows.Row>(deliverySql.numbered(deliverySql.RETRY_DEAD), [
    new Date(now).toISOString(),
    id,
  ]);
  return done.rowCount === 1;
}

/** Counts by state, near-deadline count and the oldest open consentDate (of some sites). */
async function deliveryStatsPostgres(
  pool: Pool,
  deadlineBound: string,
  siteKeys?: readonly string[],
): Promise<movementStore.DeliveryStats> {
  const q = movementQuery.deliveryStatsQueries(deadlineBound, siteKeys, 'postgres');
  const byState = (await pool.query<storeRows.Row>(...q.byState)).rows;
  const [summary] = (await pool.query<storeRows.Row>(...q.summary)).rows;
  return movementQuery.deliveryStatsOf(byState, summary!);
}

/** One page of a tenant's movements. */
async function movementPagePostgres(
  pool: Pool,
  filter: movementStore.MovementPageFilter,
): Promise<Page<movementStore.AdminMovement>> {
  const { sql, params, limit } = movementQuery.movementPageQuery(filter, 'postgres');
  return movementQuery.movementPageOf((await pool.query<storeRows.Row>(sql, params)).rows, limit);
}

/** Flags open movements near their deadline, each once, writing its event; returns the count. */
async function flagAtRiskPostgres(
  client: PoolClient,
  flagging: movementStore.AtRiskFlagging,
): Promise<number> {
  const account = flagging.iysCode ?? null;
  const bound = new Date(flagging.deadlineBound).toISOString();
  const { rows } = await client.query<storeRows.Row>(AT_RISK_DUE_PG, [
    bound,
    account,
    account,
    flagging.limit ?? 1000,
  ]);
  const now = new Date(flagging.now).toISOString();
  const events: WebhookEvent[] = [];
  for (const row of rows) {
    await client.query<storeRows.Row>(deliverySql.numbered(deliverySql.FLAG_AT_RISK), [
      now,
      storeRows.int(row.pos),
    ]);
    events.push(flagging.event(storeRows.toMovement(row), row.site_key as string));
  }
  await insertEvents(client, events);
  return rows.length;
}

const DEFAULT_MOVEMENTS = 1000;

/** Outbox movements matching `filter`, in insertion order. */
async function listMovements(
  pool: Pool,
  filter: movementStore.MovementFilter,
): Promise<Movement[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (filter.captureId !== undefined) {
    params.push(filter.captureId);
    where.push(`capture_id = $${params.length}`);
  }
  if (filter.key !== undefined) {
    params.push(filter.key);
    where.push(`movement_key = $${params.length}`);
  }
  if (filter.state !== undefined) {
    params.push(filter.state);
    where.push(`state = $${params.length}`);
  }
  params.push(filter.limit ?? DEFAULT_MOVEMENTS);
  const sql = `SELECT ${storeRows.MOVEMENT_COLUMNS.join(', ')} FROM movements
    ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY pos LIMIT $${params.length}`;
  return (await pool.query<storeRows.Row>(sql, params)).rows.map(storeRows.toMovement);
}

/** The movement outbox of the PostgreSQL store on `db`. */
export function postgresMovementStore(db: PgDb): movementStore.MovementStore {
  return {
    movements: (filter) => listMovements(db.pool, filter),
    claimMovements: (claim) => db.transaction((client) => claimMovementsPostgres(client, claim)),
    releaseLeases: async () =>
      (await db.pool.query<storeRows.Row>(deliverySql.RELEASE_LEASES)).rowCount ?? 0,
    finishMovements: (results) =>
      db.transaction((client) => finishMovementsPostgres(client, results)),
    retryDeadMovement: (id, now) => retryDeadPostgres(db.pool, id, now),
    deliveryStats: (deadlineBound, siteKeys) =>
      deliveryStatsPostgres(db.pool, deadlineBound, siteKeys),
    movementPage: (filter) => movementPagePostgres(db.pool, filter),
    flagMovementsAtRisk: (flagging) =>
      db.transaction((client) => flagAtRiskPostgres(client, flagging)),
  };
}
