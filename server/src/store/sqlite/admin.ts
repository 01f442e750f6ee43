// The admin port on SQLite: migrations under the file's write lock, the health counts, a ping on
// the reader, and closing once the queued writes are done.
import type { StoreAdmin, StoreStats } from '../ports/store-admin.js';
import { SCHEMA_MIGRATIONS_DDL, pendingMigrations } from '../schema/migrations.js';
import { int } from '../sql/store-rows.js';
import type { SqliteDb } from './sqlite-db.js';

const STATS = `SELECT
  (SELECT count(*) FROM captures) AS captures,
  (SELECT count(*) FROM movements WHERE state IN ('pending', 'in-flight')) AS movements,
  (SELECT count(*) FROM webhook_events WHERE state = 'pending') AS events`;

/** The admin side of the SQLite store on `db` (its `kind` is the composed store's). */
export function sqliteStoreAdmin(db: SqliteDb): Omit<StoreAdmin, 'kind'> {
  return {
    migrate(): Promise<void> {
      // BEGIN IMMEDIATE takes the file's write lock first, so a second process waits, then finds
      // every version applied and does nothing.
      return db.inWriteTx((w) => {
        w.db.exec(SCHEMA_MIGRATIONS_DDL.sqlite);
        const applied = new Set(
          w.all('SELECT version FROM schema_migrations').map((r) => int(r.version)),
        );
        for (const migration of pendingMigrations(applied)) {
          w.db.exec(migration.sqlite);
          w.run(
            'INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)',
            migration.version,
            migration.name,
            new Date().toISOString(),
          );
        }
      });
    },

    async stats(): Promise<StoreStats> {
      const row = db.reader.get(STATS)!;
      return {
        captures: int(row.captures),
        pendingMovements: int(row.movements),
        pendingEvents: int(row.events),
      };
    },

    async ping(): Promise<boolean> {
      try {
        return db.reader.get('SELECT 1 AS one')?.one === 1;
      } catch {
        return false;
      }
    },

    close: () => db.close(),
  };
}
