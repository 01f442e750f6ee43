// The mirror port on SQLite: reads on the reader connection (one key by its primary key, several
// through json_each), writes on the writer behind the store's mutex.
import type { IysChangesResult, IysChangesWrite, MirrorStore } from '../ports/mirror-store.js';
import * as storeRows from '../sql/store-rows.js';
import { MIRROR_UPSERT_SET, mirrorEntriesByKey, pendingRefusalsByKey } from '../sql/mirror-rows.js';
import type { MirrorEntry, PendingRefusal } from '../types.js';
import { jsonList, sqliteInsert } from './connection.js';
import { applyIysChangesSqlite, readSyncCursor } from './iys-changes.js';
import type { SqliteDb } from './sqlite-db.js';

/** Keys whose newest non-dead movement is an unconfirmed RET (json list of keys). */
const PENDING_REFUSALS = `SELECT movement_key, source, consent_date FROM (
  SELECT movement_key, status, state, source, consent_date, ROW_NUMBER() OVER (
    PARTITION BY movement_key ORDER BY consent_date DESC, pos DESC) AS newest
  FROM movements
  WHERE state <> 'dead' AND movement_key IN (SELECT value FROM json_each(?))
) WHERE newest = 1 AND status = 'RET' AND state IN ('pending', 'in-flight')`;

// A single key's newest live movement, when it is a RET not yet confirmed (as PENDING_REFUSALS).
const PENDING_REFUSAL_ONE = `SELECT movement_key, source, consent_date FROM (
  SELECT movement_key, status, state, source, consent_date FROM movements
  WHERE movement_key = ? AND state <> 'dead' ORDER BY consent_date DESC, pos DESC LIMIT 1
) WHERE status = 'RET' AND state IN ('pending', 'in-flight')`;

const MIRROR_SELECT = `SELECT ${storeRows.MIRROR_COLUMNS.join(', ')} FROM consent_mirror`;
const MIRROR_ONE = `${MIRROR_SELECT} WHERE consent_key = ?`;
const MIRROR_MANY = `${MIRROR_SELECT} WHERE consent_key IN (SELECT value FROM json_each(?))`;

const UPSERT_MIRROR = `${sqliteInsert('consent_mirror', storeRows.MIRROR_COLUMNS)}
  ${MIRROR_UPSERT_SET}`;

/** The mirror of the SQLite store on `db`. */
export function sqliteMirrorStore(db: SqliteDb): MirrorStore {
  // One key (a GET check) by the primary key itself: about half the cost of json_each.
  const rowsOf = (keys: readonly string[], one: string, many: string) =>
    keys.length === 1 ? db.reader.all(one, keys[0]) : db.reader.all(many, jsonList(keys));
  return {
    async mirror(keys: readonly string[]): Promise<Map<string, MirrorEntry>> {
      if (keys.length === 0) return new Map();
      return mirrorEntriesByKey(rowsOf(keys, MIRROR_ONE, MIRROR_MANY));
    },

    async pendingRefusals(keys: readonly string[]): Promise<Map<string, PendingRefusal>> {
      if (keys.length === 0) return new Map();
      return pendingRefusalsByKey(rowsOf(keys, PENDING_REFUSAL_ONE, PENDING_REFUSALS));
    },

    upsertMirror(entries: readonly MirrorEntry[]): Promise<void> {
      if (entries.length === 0) return Promise.resolve();
      const values = storeRows.lastPerKey(entries, (e) => e.key).map(storeRows.mirrorValues);
      return db.inWriteTx((w) => {
        for (const row of values) w.run(UPSERT_MIRROR, ...row);
      });
    },

    async syncCursor(iysCode: number, brandCode: number): Promise<string | undefined> {
      return readSyncCursor(db.reader, iysCode, brandCode);
    },

    applyIysChanges(write: IysChangesWrite): Promise<IysChangesResult> {
      return db.inWriteTx((w) => applyIysChangesSqlite(w, write));
    },
  };
}
