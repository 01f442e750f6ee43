// The SQLite side of delivery: claiming, finishing and retrying outbox movements on the writer
// connection, inside the store's IMMEDIATE transaction (the file's write lock makes a claim atomic).
import { applyIysChangesSqlite } from './sqlite-iys-changes.js';
import type { SqliteConnection } from './sqlite-connection.js';
import {
  CLAIMABLE,
  COUNT_BY_STATE,
  FINISH,
  HOLD_KEY,
  OPEN_SUMMARY,
  RETRY_DEAD,
  claimParams,
  holdParams,
  resultParams,
  zeroByState,
} from './delivery-store.js';
import type { DeliveryStats, MovementClaim, MovementResult } from './delivery-store.js';
import { MOVEMENT_COLUMNS, int, toMovement } from './store-rows.js';
import type { Movement } from '@izinli/core';
import type { MirrorEntry } from './store.js';

const CLAIM = `UPDATE movements SET state = 'in-flight', lease_until = ? WHERE pos = ?
  RETURNING ${MOVEMENT_COLUMNS.join(', ')}`;

/** Claims due head movements; the caller holds the transaction. */
export function claimMovementsSqlite(c: SqliteConnection, claim: MovementClaim): Movement[] {
  const leaseUntil = new Date(claim.leaseUntil).toISOString();
  const due = c.all(CLAIMABLE, ...claimParams(claim));
  return due.map((row) => toMovement(c.get(CLAIM, leaseUntil, int(row.pos))!));
}

/** Applies results whose lease still holds, and their mirror entries; returns the ids applied. */
export function finishMovementsSqlite(
  c: SqliteConnection,
  results: readonly MovementResult[],
): string[] {
  const applied: string[] = [];
  const mirror: MirrorEntry[] = [];
  const finish = c.db.prepare(FINISH);
  for (const result of results) {
    if (finish.run(...resultParams(result)).changes !== 1) continue;
    applied.push(result.id);
    const hold = holdParams(result);
    if (hold) c.run(HOLD_KEY, ...hold);
    if (result.mirror) mirror.push(result.mirror);
  }
  if (mirror.length > 0) {
    const [first] = mirror;
    applyIysChangesSqlite(c, { ...first!, entries: mirror, events: () => [] });
  }
  return applied;
}

/** Puts a dead letter back in the queue; false when `id` is not dead. */
export function retryDeadSqlite(c: SqliteConnection, id: string, now: string): boolean {
  return c.db.prepare(RETRY_DEAD).run(new Date(now).toISOString(), id).changes === 1;
}

/** Counts by state, near-deadline count and the oldest open consentDate. */
export function deliveryStatsSqlite(c: SqliteConnection, deadlineBound: string): DeliveryStats {
  const byState = zeroByState();
  for (const row of c.all(COUNT_BY_STATE)) {
    byState[row.state as keyof typeof byState] = int(row.n);
  }
  const summary = c.get(OPEN_SUMMARY, new Date(deadlineBound).toISOString())!;
  return {
    byState,
    nearDeadline: int(summary.near),
    ...(summary.oldest == null ? {} : { oldestPending: summary.oldest as string }),
  };
}
