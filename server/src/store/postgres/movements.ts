// The PostgreSQL side of delivery: claims take due head movements FOR UPDATE SKIP LOCKED, so
// several instances claim disjoint rows; results apply only while the claim's lease holds.
import type { Movement } from '@izinli/core';
import type { Pool, PoolClient } from 'pg';
import type { BatchItemResult } from './batch-store.js';
import {
  AT_RISK_DUE,
  CLAIMABLE,
  FINISH,
  FLAG_AT_RISK,
  HOLD_KEY,
  RETRY_DEAD,
  SITE_OF_MOVEMENT,
  claimParams,
  holdParams,
  numbered,
  resultParams,
} from './delivery-store.js';
import type {
  AtRiskFlagging,
  DeliveryStats,
  MovementClaim,
  MovementResult,
} from './delivery-store.js';
import {
  deliveryStatsOf,
  deliveryStatsQueries,
  movementPageOf,
  movementPageQuery,
} from './movement-query.js';
import type { AdminMovement, MovementPageFilter } from './movement-query.js';
import { applyIysChangesPostgres } from './postgres-iys-changes.js';
import { pgInsertRows, rowsJson } from './postgres-write-tx.js';
import { EVENT_COLUMNS, MOVEMENT_COLUMNS, eventValues, int, toMovement } from './store-rows.js';
import type { MirrorEntry, Page, WebhookEvent } from './store.js';

const SELECT_DUE = `${numbered(CLAIMABLE)} FOR UPDATE OF m SKIP LOCKED`;
const CLAIM = `UPDATE movements SET state = 'in-flight', lease_until = $1
  WHERE pos = ANY($2::bigint[]) RETURNING ${MOVEMENT_COLUMNS.join(', ')}, pos`;
const FINISH_PG = numbered(FINISH);
const INSERT_EVENTS = `${pgInsertRows('webhook_events', EVENT_COLUMNS, '$1')} ON CONFLICT (id) DO NOTHING`;
const AT_RISK_DUE_PG = `${numbered(AT_RISK_DUE)} FOR UPDATE OF m SKIP LOCKED`;

/** Claims due head movements on `client`; the caller holds the transaction. */
export async function claimMovementsPostgres(
  client: PoolClient,
  claim: MovementClaim,
): Promise<Movement[]> {
  const due = (await client.query(SELECT_DUE, claimParams(claim))).rows.map((r) => int(r.pos));
  if (due.length === 0) return [];
  const leaseUntil = new Date(claim.leaseUntil).toISOString();
  const { rows } = await client.query(CLAIM, [leaseUntil, due]);
  const order = new Map(due.map((pos, i) => [pos, i]));
  rows.sort((a, b) => order.get(int(a.pos))! - order.get(int(b.pos))!);
  return rows.map(toMovement);
}

async function insertEvents(client: PoolClient, events: readonly WebhookEvent[]) {
  if (events.length === 0) return;
  await client.query(INSERT_EVENTS, [rowsJson(EVENT_COLUMNS, events.map(eventValues))]);
}

/**
 * What follows applied results in the same transaction: the key holds, the webhook events (in the
 * site of each movement's capture) and the mirror entries.
 */
export async function afterResultsPostgres(
  client: PoolClient,
  applied: readonly BatchItemResult[],
): Promise<void> {
  const mirror: MirrorEntry[] = [];
  const events: WebhookEvent[] = [];
  for (const result of applied) {
    const hold = holdParams(result);
    if (hold) await client.query(numbered(HOLD_KEY), hold);
    if (result.events?.length) {
      const [site] = (await client.query(numbered(SITE_OF_MOVEMENT), [result.id])).rows;
      for (const event of result.events)
        events.push({ ...event, siteKey: site.site_key as string });
    }
    if (result.mirror) mirror.push(result.mirror);
  }
  await insertEvents(client, events);
  if (mirror.length > 0) {
    await applyIysChangesPostgres(client, { ...mirror[0]!, entries: mirror, events: () => [] });
  }
}

/** Applies results whose lease still holds, with their events and mirror entries; returns their ids. */
export async function finishMovementsPostgres(
  client: PoolClient,
  results: readonly MovementResult[],
): Promise<string[]> {
  const applied: MovementResult[] = [];
  for (const result of results) {
    if ((await client.query(FINISH_PG, resultParams(result))).rowCount === 1) applied.push(result);
  }
  await afterResultsPostgres(client, applied);
  return applied.map((r) => r.id);
}

/** Puts a dead letter back in the queue; false when `id` is not dead. */
export async function retryDeadPostgres(pool: Pool, id: string, now: string): Promise<boolean> {
  const done = await pool.query(numbered(RETRY_DEAD), [new Date(now).toISOString(), id]);
  return done.rowCount === 1;
}

/** Counts by state, near-deadline count and the oldest open consentDate (of some sites). */
export async function deliveryStatsPostgres(
  pool: Pool,
  deadlineBound: string,
  siteKeys?: readonly string[],
): Promise<DeliveryStats> {
  const q = deliveryStatsQueries(deadlineBound, siteKeys, 'postgres');
  const byState = (await pool.query(...q.byState)).rows;
  const [summary] = (await pool.query(...q.summary)).rows;
  return deliveryStatsOf(byState, summary);
}

/** One page of a tenant's movements. */
export async function movementPagePostgres(
  pool: Pool,
  filter: MovementPageFilter,
): Promise<Page<AdminMovement>> {
  const { sql, params, limit } = movementPageQuery(filter, 'postgres');
  return movementPageOf((await pool.query(sql, params)).rows, limit);
}

/** Flags open movements near their deadline, each once, writing its event; returns the count. */
export async function flagAtRiskPostgres(
  client: PoolClient,
  flagging: AtRiskFlagging,
): Promise<number> {
  const account = flagging.iysCode ?? null;
  const bound = new Date(flagging.deadlineBound).toISOString();
  const { rows } = await client.query(AT_RISK_DUE_PG, [
    bound,
    account,
    account,
    flagging.limit ?? 1000,
  ]);
  const now = new Date(flagging.now).toISOString();
  const events: WebhookEvent[] = [];
  for (const row of rows) {
    await client.query(numbered(FLAG_AT_RISK), [now, int(row.pos)]);
    events.push(flagging.event(toMovement(row), row.site_key as string));
  }
  await insertEvents(client, events);
  return rows.length;
}
