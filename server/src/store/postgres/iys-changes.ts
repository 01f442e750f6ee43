// The PostgreSQL side of sync: the pull cursor per brand and `applyIysChanges`'s statements, run
// on one client inside the store's transaction. An advisory lock serialises concurrent appliers
// (a pull and a push, or two instances), so "changed" is decided against committed state.
import * as storeRows from '../sql/store-rows.js';
import type { PoolClient } from 'pg';
import { planIysChanges } from '../sql/iys-changes-plan.js';
import { MIRROR_SYNC_LOCK } from '../schema/migrations.js';
import { pgInsertRows, rowsJson } from './pg-sql.js';
import type { IysChangesResult, IysChangesWrite } from '../ports/mirror-store.js';
import type { MirrorEntry } from '../types.js';

const SELECT_MIRROR = `SELECT ${storeRows.MIRROR_COLUMNS.join(', ')} FROM consent_mirror
  WHERE consent_key = ANY($1::text[])`;
// The WHERE keeps the rule in SQL too: never replace a newer consentDate with an older one.
const UPSERT_MIRROR = `${pgInsertRows('consent_mirror', storeRows.MIRROR_COLUMNS, '$1')}
  ON CONFLICT (consent_key) DO UPDATE SET ${storeRows.MIRROR_COLUMNS.slice(1)
    .map((c) => `${c} = excluded.${c}`)
    .join(', ')} WHERE consent_mirror.consent_date <= excluded.consent_date`;
const INSERT_EVENTS = `${pgInsertRows('webhook_events', storeRows.EVENT_COLUMNS, '$1')} ON CONFLICT (id) DO NOTHING`;
const UPSERT_CURSOR = `INSERT INTO sync_cursors (iys_code, brand_code, after_cursor, updated_at)
  VALUES ($1, $2, $3, $4) ON CONFLICT (iys_code, brand_code)
  DO UPDATE SET after_cursor = excluded.after_cursor, updated_at = excluded.updated_at`;

/** The SQL and parameters that read a brand's stored cursor. */
export const SELECT_SYNC_CURSOR =
  'SELECT after_cursor FROM sync_cursors WHERE iys_code = $1 AND brand_code = $2';

/** Applies `write` on `client`; the caller holds the transaction. */
export async function applyIysChangesPostgres(
  client: PoolClient,
  write: IysChangesWrite,
): Promise<IysChangesResult> {
  await client.query<storeRows.Row>('SELECT pg_advisory_xact_lock($1, $2)', [
    MIRROR_SYNC_LOCK.classId,
    MIRROR_SYNC_LOCK.objectId,
  ]);
  const current = new Map<string, MirrorEntry>();
  const keys = [...new Set(write.entries.map((e) => e.key))];
  if (keys.length > 0) {
    for (const row of (await client.query<storeRows.Row>(SELECT_MIRROR, [keys])).rows) {
      const entry = storeRows.toMirrorEntry(row);
      current.set(entry.key, entry);
    }
  }
  const plan = planIysChanges(current, write);
  if (plan.upserts.length > 0) {
    await client.query<storeRows.Row>(UPSERT_MIRROR, [
      rowsJson(storeRows.MIRROR_COLUMNS, plan.upserts.map(storeRows.mirrorValues)),
    ]);
  }
  if (plan.events.length > 0) {
    await client.query<storeRows.Row>(INSERT_EVENTS, [
      rowsJson(storeRows.EVENT_COLUMNS, plan.events.map(storeRows.eventValues)),
    ]);
  }
  if (write.cursor !== undefined) {
    await client.query<storeRows.Row>(UPSERT_CURSOR, [
      write.iysCode,
      write.brandCode,
      write.cursor,
      new Date().toISOString(),
    ]);
  }
  return plan.result;
}
