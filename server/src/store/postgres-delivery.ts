// The PostgreSQL side of delivery: claims take due head movements FOR UPDATE SKIP LOCKED, so
// several instances claim disjoint rows; results apply only while the claim's lease holds.
import type { Movement } from '@izinli/core';
import type { Pool, PoolClient } from 'pg';
import {
  CLAIMABLE,
  COUNT_BY_STATE,
  FINISH,
  HOLD_KEY,
  OPEN_SUMMARY,
  RETRY_DEAD,
  claimParams,
  holdParams,
  numbered,
  resultParams,
  zeroByState,
} from './delivery-store.js';
import type { DeliveryStats, MovementClaim, MovementResult } from './delivery-store.js';
import { applyIysChangesPostgres } from './postgres-iys-changes.js';
import { MOVEMENT_COLUMNS, int, toMovement } from './store-rows.js';
import type { MirrorEntry } from './store.js';

const SELECT_DUE = `${numbered(CLAIMABLE)} FOR UPDATE OF m SKIP LOCKED`;
const CLAIM = `UPDATE movements SET state = 'in-flight', lease_until = $1
  WHERE pos = ANY($2::bigint[]) RETURNING ${MOVEMENT_COLUMNS.join(', ')}, pos`;
const FINISH_PG = numbered(FINISH);

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

/** Applies results whose lease still holds, and their mirror entries; returns the ids applied. */
export async function finishMovementsPostgres(
  client: PoolClient,
  results: readonly MovementResult[],
): Promise<string[]> {
  const applied: string[] = [];
  const mirror: MirrorEntry[] = [];
  for (const result of results) {
    if ((await client.query(FINISH_PG, resultParams(result))).rowCount !== 1) continue;
    applied.push(result.id);
    const hold = holdParams(result);
    if (hold) await client.query(numbered(HOLD_KEY), hold);
    if (result.mirror) mirror.push(result.mirror);
  }
  if (mirror.length > 0) {
    await applyIysChangesPostgres(client, { ...mirror[0]!, entries: mirror, events: () => [] });
  }
  return applied;
}

/** Puts a dead letter back in the queue; false when `id` is not dead. */
export async function retryDeadPostgres(pool: Pool, id: string, now: string): Promise<boolean> {
  const done = await pool.query(numbered(RETRY_DEAD), [new Date(now).toISOString(), id]);
  return done.rowCount === 1;
}

/** Counts by state, near-deadline count and the oldest open consentDate. */
export async function deliveryStatsPostgres(
  pool: Pool,
  deadlineBound: string,
): Promise<DeliveryStats> {
  const byState = zeroByState();
  for (const row of (await pool.query(COUNT_BY_STATE)).rows) {
    byState[row.state as keyof typeof byState] = int(row.n);
  }
  const [summary] = (
    await pool.query(numbered(OPEN_SUMMARY), [new Date(deadlineBound).toISOString()])
  ).rows;
  return {
    byState,
    nearDeadline: int(summary.near),
    ...(summary.oldest == null ? {} : { oldestPending: summary.oldest as string }),
  };
}
