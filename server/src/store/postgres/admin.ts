// The admin port on PostgreSQL: migrations under an advisory lock (so several processes starting
// at once run each version once), the health counts, a ping, and closing the pool.
import type { Row } from '../sql/store-rows.js';
import type { StoreAdmin } from '../ports/store-admin.js';
import { PING, STATS, pingAnswers, statsOf } from '../sql/admin-sql.js';
import { MIGRATION_LOCK, SCHEMA_MIGRATIONS_DDL, pendingMigrations } from '../schema/migrations.js';
import { int } from '../sql/store-rows.js';
import type { PgDb } from './pg-db.js';

/** The admin side of the PostgreSQL store on `db` (its `kind` is the composed store's). */
export function postgresStoreAdmin(db: PgDb): Omit<StoreAdmin, 'kind'> {
  return {
    migrate(): Promise<void> {
      return db.transaction(async (client) => {
        // Held until COMMIT: a second process waits here, then finds every version applied.
        await client.query<Row>('SELECT pg_advisory_xact_lock($1, $2)', [
          MIGRATION_LOCK.classId,
          MIGRATION_LOCK.objectId,
        ]);
        if (db.schema !== undefined)
          await client.query<Row>(`CREATE SCHEMA IF NOT EXISTS ${db.schema}`);
        await client.query<Row>(SCHEMA_MIGRATIONS_DDL.postgres);
        const { rows } = await client.query<Row>('SELECT version FROM schema_migrations');
        for (const migration of pendingMigrations(new Set(rows.map((r) => int(r.version))))) {
          await client.query<Row>(migration.postgres);
          await client.query<Row>('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
            migration.version,
            migration.name,
          ]);
        }
      });
    },

    // An aggregate query: always one row.
    stats: async () => statsOf((await db.pool.query<Row>(STATS)).rows[0]!),
    ping: () => pingAnswers(async () => (await db.pool.query<Row>(PING)).rows[0]),

    close: () => db.close(),
  };
}
