// What the admin port asks either database the same way: the health counts and the ping.
import type { StoreStats } from '../ports/store-admin.js';
import { int } from './store-rows.js';
import type { Row } from './store-rows.js';

/** The health counts' query: always one row. */
export const STATS = `SELECT
  (SELECT count(*) FROM captures) AS captures,
  (SELECT count(*) FROM movements WHERE state IN ('pending', 'in-flight')) AS movements,
  (SELECT count(*) FROM webhook_events WHERE state = 'pending') AS events`;

/** The row of `STATS` as the counts. */
export function statsOf(row: Row): StoreStats {
  return {
    captures: int(row.captures),
    pendingMovements: int(row.movements),
    pendingEvents: int(row.events),
  };
}

/** The liveness probe's query. */
export const PING = 'SELECT 1 AS one';

/** True when `one` (the row of `PING`) answers; a database that throws is down, not a failure. */
export async function pingAnswers(
  one: () => Row | undefined | Promise<Row | undefined>,
): Promise<boolean> {
  try {
    return (await one())?.one === 1;
  } catch {
    return false;
  }
}
