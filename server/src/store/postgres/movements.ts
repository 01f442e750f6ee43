// The movements port on PostgreSQL: claims take due head movements FOR UPDATE SKIP LOCKED, so
// several instances claim disjoint rows; results apply only while the claim's lease holds.
import type { Row } from '../sql/store-rows.js';
import type { Movement } from '@izinli/core';
import type { Pool, PoolClient } from 'pg';
import type {
  AdminMovement,
  AtRiskFlagging,
  DeliveryStats,
  MovementClaim,
  MovementFilter,
  MovementPageFilter,
  MovementResult,
  MovementStore,
} from '../ports/movement-store.js';
import {
  AT_RISK_DUE,
  CLAIMABLE,
  FINISH,
  FLAG_AT_RISK,
  RELEASE_LEASES,
  RETRY_DEAD,
  claimParams,
  numbered,
  resultParams,
} from '../sql/delivery-sql.js';
import {
  deliveryStatsOf,
  deliveryStatsQueries,
  movementPageOf,
  movementPageQuery,
} from '../sql/movement-query.js';
import { MOVEMENT_COLUMNS, int, toMovement } from '../sql/store-rows.js';
import type { Page, WebhookEvent } from '../types.js';
import type { PgDb } from './pg-db.js';
import { afterResultsPostgres, insertEvents } from './settle.js';

const SELECT_DUE = `${numbered(CLAIMABLE)} FOR UPDATE OF m SKIP LOCKED`;
const CLAIM = `UPDATE movements SET state = 'in-flight', lease_until = $1
  WHERE pos = ANY($2::bigint[]) RETURNING ${MOVEMENT_COLUMNS.join(', ')}, pos`;
const FINISH_PG = numbered(FINISH);
const AT_RISK_DUE_PG = `${numbered(AT_RISK_DUE)} FOR UPDATE OF m SKIP LOCKED`;

/** Claims due head movements on `client`; the caller holds the transaction. */
async function claimMovementsPostgres(
  client: PoolClient,
  claim: MovementClaim,
): Promise<Movement[]> {
  const due = (await client.query<Row>(SELECT_DUE, claimParams(claim))).rows.map((r) => int(r.pos));
  if (due.length === 0) return [];
  const leaseUntil = new Date(claim.leaseUntil).toISOString();
  const { rows } = await client.query<Row>(CLAIM, [leaseUntil, due]);
  const order = new Map(due.map((pos, i) => [pos, i]));
  rows.sort((a, b) => order.get(int(a.pos))! - order.get(int(b.pos))!);
  return rows.map(toMovement);
}

/** Applies results whose lease still holds, with their events and mirror entries; returns their ids. */
async function finishMovementsPostgres(
  client: PoolClient,
  results: readonly MovementResult[],
): Promise<string[]> {
  const applied: MovementResult[] = [];
  for (const result of results) {
    if ((await client.query<Row>(FINISH_PG, resultParams(result))).rowCount === 1)
      applied.push(result);
  }
  await afterResultsPostgres(client, applied);
  return applied.map((r) => r.id);
}

/** Puts a dead letter back in the queue; false when `id` is not dead. */
async function retryDeadPostgres(pool: Pool, id: string, now: string): Promise<boolean> {
  const done = await pool.query<Row>(numbered(RETRY_DEAD), [new Date(now).toISOString(), id]);
  return done.rowCount === 1;
}

/** Counts by state, near-deadline count and the oldest open consentDate (of some sites). */
async function deliveryStatsPostgres(
  pool: Pool,
  deadlineBound: string,
  siteKeys?: readonly string[],
): Promise<DeliveryStats> {
  const q = deliveryStatsQueries(deadlineBound, siteKeys, 'postgres');
  const byState = (await pool.query<Row>(...q.byState)).rows;
  const [summary] = (await pool.query<Row>(...q.summary)).rows;
  return deliveryStatsOf(byState, summary!);
}

/** One page of a tenant's movements. */
async function movementPagePostgres(
  pool: Pool,
  filter: MovementPageFilter,
): Promise<Page<AdminMovement>> {
  const { sql, params, limit } = movementPageQuery(filter, 'postgres');
  return movementPageOf((await pool.query<Row>(sql, params)).rows, limit);
}

/** Flags open movements near their deadline, each once, writing its event; returns the count. */
async function flagAtRiskPostgres(client: PoolClient, flagging: AtRiskFlagging): Promise<number> {
  const account = flagging.iysCode ?? null;
  const bound = new Date(flagging.deadlineBound).toISOString();
  const { rows } = await client.query<Row>(AT_RISK_DUE_PG, [
    bound,
    account,
    account,
    flagging.limit ?? 1000,
  ]);
  const now = new Date(flagging.now).toISOString();
  const events: WebhookEvent[] = [];
  for (const row of rows) {
    await client.query<Row>(numbered(FLAG_AT_RISK), [now, int(row.pos)]);
    events.push(flagging.event(toMovement(row), row.site_key as string));
  }
  await insertEvents(client, events);
  return rows.length;
}

const DEFAULT_MOVEMENTS = 1000;

/** Outbox movements matching `filter`, in insertion order. */
async function listMovements(pool: Pool, filter: MovementFilter): Promise<Movement[]> {
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
  const sql = `SELECT ${MOVEMENT_COLUMNS.join(', ')} FROM movements
    ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY pos LIMIT $${params.length}`;
  return (await pool.query<Row>(sql, params)).rows.map(toMovement);
}

/** The movement outbox of the PostgreSQL store on `db`. */
export function postgresMovementStore(db: PgDb): MovementStore {
  return {
    movements: (filter) => listMovements(db.pool, filter),
    claimMovements: (claim) => db.transaction((client) => claimMovementsPostgres(client, claim)),
    releaseLeases: async () => (await db.pool.query<Row>(RELEASE_LEASES)).rowCount ?? 0,
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
