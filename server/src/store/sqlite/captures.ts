// The captures port on SQLite: a write runs behind the store's mutex in BEGIN IMMEDIATE … COMMIT,
// issued by hand because `work` awaits and better-sqlite3's db.transaction() cannot span an await.
import type { CaptureFilter, CaptureStore, WriteTx } from '../ports/capture-store.js';
import { captureCursorAfter, captureListQuery } from '../sql/capture-query.js';
import { CAPTURE_SELECT, toStoredCapture } from '../sql/store-rows.js';
import type { Page, StoredCapture } from '../types.js';
import type { SqliteDb } from './sqlite-db.js';
import { SqliteWriteTx } from './write-tx.js';

const GET_CAPTURE = `SELECT ${CAPTURE_SELECT} FROM captures WHERE capture_id = ?`;

/** The captures of the SQLite store on `db`. */
export function sqliteCaptureStore(db: SqliteDb): CaptureStore {
  return {
    write<T>(siteKeys: readonly string[], work: (tx: WriteTx) => Promise<T>): Promise<T> {
      return db.exclusive(async () => {
        const sqlite = db.writer.db;
        sqlite.exec('BEGIN IMMEDIATE');
        try {
          const tx = new SqliteWriteTx(db.writer, [...new Set(siteKeys)]);
          let result: T;
          try {
            result = await work(tx);
            // `work` may have caught a failed insert; its rows must not commit half-written.
            // eslint-disable-next-line @typescript-eslint/only-throw-error -- rethrows what the failed statement threw, as it was
            if (tx.failure !== undefined) throw tx.failure;
          } finally {
            tx.end();
          }
          sqlite.exec('COMMIT');
          return result;
        } catch (error) {
          if (sqlite.inTransaction) sqlite.exec('ROLLBACK');
          throw error;
        }
      });
    },

    async getCapture(captureId: string): Promise<StoredCapture | undefined> {
      const row = db.reader.get(GET_CAPTURE, captureId);
      return row ? toStoredCapture(row) : undefined;
    },

    async listCaptures(filter: CaptureFilter): Promise<Page<StoredCapture>> {
      const { sql, params, limit } = captureListQuery(filter, 'sqlite');
      const rows = db.reader.all(sql, ...params);
      const shown = rows.slice(0, limit);
      return {
        items: shown.map(toStoredCapture),
        ...(rows.length > limit ? { nextCursor: captureCursorAfter(shown.at(-1)!) } : {}),
      };
    },
  };
}
