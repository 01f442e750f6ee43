// The SQLite side of sync: the pull cursor per brand and `applyIysChanges`'s statements, run on
// the writer connection inside the store's IMMEDIATE transaction; the mirror port runs them, and
// so does settling a movement whose result carries İYS's state (settle.ts).
import { planIysChanges } from '../sql/iys-changes-plan.js';
import { jsonList, sqliteInsert } from './connection.js';
import type { SqliteConnection } from './connection.js';
import * as storeRows from '../sql/store-rows.js';
import type { IysChangesResult, IysChangesWrite } from '../ports/mirror-store.js';
import type { MirrorEntry } from '../types.js';

const SELECT_MIRROR = `SELECT ${storeRows.MIRROR_COLUMNS.join(', ')} FROM consent_mirror
  WHERE consent_key IN (SELECT value FROM json_each(?))`;
const UPSERT_MIRROR = `${sqliteInsert('consent_mirror', storeRows.MIRROR_COLUMNS)}
  ON CONFLICT (consent_key) DO UPDATE SET ${storeRows.MIRROR_COLUMNS.slice(1)
    .map((c) => `${c} = excluded.${c}`)
    .join(', ')}`;
const INSERT_EVENT = `${sqliteInsert('webhook_events', storeRows.EVENT_COLUMNS)} ON CONFLICT (id) DO NOTHING`;
const UPSERT_CURSOR = `INSERT INTO sync_cursors (iys_code, brand_code, after_cursor, updated_at)
  VALUES (?, ?, ?, ?) ON CONFLICT (iys_code, brand_code)
  DO UPDATE SET after_cursor = excluded.after_cursor, updated_at = excluded.updated_at`;
const SELECT_CURSOR = 'SELECT after_cursor FROM sync_cursors WHERE iys_code = ? AND brand_code = ?';

/** The stored cursor of a brand. */
export function readSyncCursor(
  c: SqliteConnection,
  iysCode: number,
  brandCode: number,
): string | undefined {
  return c.get(SELECT_CURSOR, iysCode, brandCode)?.after_cursor as string | undefined;
}

/** Applies `write` on the writer connection; the caller holds the transaction. */
export function applyIysChangesSqlite(
  c: SqliteConnection,
  write: IysChangesWrite,
): IysChangesResult {
  const current = new Map<string, MirrorEntry>();
  const keys = [...new Set(write.entries.map((e) => e.key))];
  if (keys.length > 0) {
    for (const row of c.all(SELECT_MIRROR, jsonList(keys))) {
      const entry = storeRows.toMirrorEntry(row);
      current.set(entry.key, entry);
    }
  }
  const plan = planIysChanges(current, write);
  for (const entry of plan.upserts) c.run(UPSERT_MIRROR, ...storeRows.mirrorValues(entry));
  for (const event of plan.events) c.run(INSERT_EVENT, ...storeRows.eventValues(event));
  if (write.cursor !== undefined) {
    c.run(UPSERT_CURSOR, write.iysCode, write.brandCode, write.cursor, new Date().toISOString());
  }
  return plan.result;
}
