// What follows applied movement results in the same transaction, whether a single movement's
// (movements.ts) or a batch item's (batches.ts): the key holds, the webhook events and the
// mirror entries İYS confirmed.
import type { Row } from '../sql/store-rows.js';
import type { PoolClient } from 'pg';
import type { BatchItemResult } from '../ports/batch-store.js';
import * as deliverySql from '../sql/delivery-sql.js';
import { EVENT_COLUMNS, eventValues } from '../sql/store-rows.js';
import type { MirrorEntry, WebhookEvent } from '../types.js';
import { applyIysChangesPostgres } from './iys-changes.js';
import { pgInsertRows, rowsJson } from './pg-sql.js';

const INSERT_EVENTS = `${pgInsertRows('webhook_events', EVENT_COLUMNS, '$1')} ON CONFLICT (id) DO NOTHING`;

/** Writes webhook events in one statement (an id written before is skipped). */
export async function insertEvents(client: PoolClient, events: readonly WebhookEvent[]) {
  if (events.length === 0) return;
  await client.query<Row>(INSERT_EVENTS, [rowsJson(EVENT_COLUMNS, events.map(eventValues))]);
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
    const hold = deliverySql.holdParams(result);
    if (hold) await client.query<Row>(deliverySql.numbered(deliverySql.HOLD_KEY), hold);
    if (result.events?.length) {
      const [site] = (
        await client.query<Row>(deliverySql.numbered(deliverySql.SITE_OF_MOVEMENT), [result.id])
      ).rows;
      for (const event of result.events)
        events.push({ ...event, siteKey: site!.site_key as string });
    }
    if (result.mirror) mirror.push(result.mirror);
  }
  await insertEvents(client, events);
  if (mirror.length > 0) {
    await applyIysChangesPostgres(client, { ...mirror[0]!, entries: mirror, events: () => [] });
  }
}
