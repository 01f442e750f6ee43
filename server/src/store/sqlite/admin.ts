// The admin port on SQLite: migrations under the file's write lock, the health counts, a ping on
// the reader, and closing once the queued writes are done.
import type { StoreAdmin } from '../ports/store-admin.js';
import { PING, STATS, pingAnswers, statsOf } from '../sql/admin-sql.js';
import { SCHEMA_MIGRATIONS_DDL, pendingMigrations } from '../schema/migrations.js';
import { int } from '../sql/store-rows.js';
import type { SqliteConnection } from './connection.js';
import type { SqliteDb } from './sqlite-db.js';

function migrateIn(w: SqliteConnection): void {
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
  const broken = w.all('PRAGMA foreign_key_check');
  if (broken.length > 0) {
    throw new Error(`store: a migration left ${broken.length} rows without their referenced row`);
  }
}

/** The admin side of the SQLite store on `db` (its `kind` is the composed store's). */
export function sqliteStoreAdmin(db: SqliteDb): Omit<StoreAdmin, 'kind'> {
  return {
    migrate(): Promise<void> {
      // BEGIN IMMEDIATE takes the file's write lock first, so a second process waits, then finds
      // every version applied and does nothing. Foreign keys are off meanwhile, as SQLite's own
      // procedure for rebuilding a table asks (a migration may replace a referenced table; the
      // pragma is a no-op inside a transaction), and checked before the commit.
      const w = db.writer;
      return db.exclusive(() => {
        w.db.pragma('foreign_keys = OFF');
        try {
          w.db.transaction(() => migrateIn(w)).immediate();
        } finally {
          w.db.pragma('foreign_keys = ON');
        }
      });
    },

    stats: async () => statsOf(db.reader.get(STATS)!),
    ping: () => pingAnswers(() => db.reader.get(PING)),

    close: () => db.close(),
  };
}
