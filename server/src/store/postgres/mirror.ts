// The mirror port on PostgreSQL: reads and the upsert are single statements on the pool;
// `applyIysChanges` runs in one transaction under the mirror's advisory lock (iys-changes.ts).
import * as storeRows from '../sql/store-rows.js';
import { MIRROR_UPSERT_SET, mirrorEntriesByKey, pendingRefusalsByKey } from '../sql/mirror-rows.js';
import type { IysChangesResult, IysChangesWrite, MirrorStore } from '../ports/mirror-store.js';
import type { MirrorEntry, PendingRefusal } from '../types.js';
import { SELECT_SYNC_CURSOR, applyIysChangesPostgres } from './iys-changes.js';
import type { PgDb } from './pg-db.js';
import { pgInsertRows, rowsJson } from './pg-sql.js';

/** Keys whose newest non-dead movement is an unconfirmed RET ($1: text[] of keys). */
const PENDING_REFUSALS = `SELECT movement_key, source, consent_date FROM (
  SELECT DISTINCT ON (movement_key) movement_key, status, state, source, consent_date
  FROM movements WHERE state <> 'dead' AND movement_key = ANY($1::text[])
  ORDER BY movement_key, consent_date DESC, pos DESC
) newest WHERE status = 'RET' AND state IN ('pending', 'in-flight')`;
const SELECT_MIRROR = `SELECT ${storeRows.MIRROR_COLUMNS.join(', ')} FROM consent_mirror
  WHERE consent_key = ANY($1::text[])`;
const UPSERT_MIRROR = `${pgInsertRows('consent_mirror', storeRows.MIRROR_COLUMNS, '$1')}
  ${MIRROR_UPSERT_SET}`;

/** The mirror of the PostgreSQL store on `db`. */
export function postgresMirrorStore(db: PgDb): MirrorStore {
  const { pool } = db;
  return {
    async mirror(keys: readonly string[]): Promise<Map<string, MirrorEntry>> {
      if (keys.length === 0) return new Map();
      return mirrorEntriesByKey((await pool.query(SELECT_MIRROR, [[...keys]])).rows);
    },

    async pendingRefusals(keys: readonly string[]): Promise<Map<string, PendingRefusal>> {
      if (keys.length === 0) return new Map();
      return pendingRefusalsByKey((await pool.query(PENDING_REFUSALS, [[...keys]])).rows);
    },

    async upsertMirror(entries: readonly MirrorEntry[]): Promise<void> {
      if (entries.length === 0) return;
      // One statement: atomic, and one key twice in it would be an error, so the last one wins.
      const rows = storeRows.lastPerKey(entries, (e) => e.key).map(storeRows.mirrorValues);
      await pool.query<storeRows.Row>(UPSERT_MIRROR, [rowsJson(storeRows.MIRROR_COLUMNS, rows)]);
    },

    async syncCursor(iysCode: number, brandCode: number): Promise<string | undefined> {
      const [row] = (await pool.query<storeRows.Row>(SELECT_SYNC_CURSOR, [iysCode, brandCode]))
        .rows;
      return row?.after_cursor as string | undefined;
    },

    applyIysChanges(write: IysChangesWrite): Promise<IysChangesResult> {
      return db.transaction((client) => applyIysChangesPostgres(client, write));
    },
  };
}
