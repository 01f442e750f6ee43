// What follows applied movement results in the same transaction, whether a single movement's
// (movements.ts) or a batch item's (batches.ts): the key holds, the webhook events and the
// mirror entries İYS confirmed.
import type { BatchItemResult } from '../ports/batch-store.js';
import { HOLD_KEY, SITE_OF_MOVEMENT, holdParams } from '../sql/delivery-sql.js';
import { EVENT_COLUMNS, eventValues } from '../sql/store-rows.js';
import type { MirrorEntry } from '../types.js';
import { sqliteInsert } from './connection.js';
import type { SqliteConnection } from './connection.js';
import { applyIysChangesSqlite } from './iys-changes.js';

const INSERT_EVENT = `${sqliteInsert('webhook_events', EVENT_COLUMNS)} ON CONFLICT (id) DO NOTHING`;

/**
 * What follows applied results in the same transaction: the key holds, the webhook events (in the
 * site of each movement's capture) and the mirror entries.
 */
export function afterResultsSqlite(c: SqliteConnection, applied: readonly BatchItemResult[]) {
  const mirror: MirrorEntry[] = [];
  for (const result of applied) {
    const hold = holdParams(result);
    if (hold) c.run(HOLD_KEY, ...hold);
    if (result.events?.length) {
      const siteKey = c.get(SITE_OF_MOVEMENT, result.id)!.site_key as string;
      for (const event of result.events) c.run(INSERT_EVENT, ...eventValues({ ...event, siteKey }));
    }
    if (result.mirror) mirror.push(result.mirror);
  }
  if (mirror.length > 0) {
    const [first] = mirror;
    applyIysChangesSqlite(c, { ...first!, entries: mirror, events: () => [] });
  }
}
