// Picks the store the environment asks for (docs/architecture.md#storage) and brings its schema up to
// date, so a caller gets a store ready to use or an error, never a half-migrated one.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { openPostgresStore } from './postgres/postgres-store.js';
import { openSqliteStore } from './sqlite/sqlite-store.js';
import type { Store } from './store.js';

/** Where the data lives: PostgreSQL when `databaseUrl` is set, else SQLite in `dataDir`. */
export interface OpenStoreOptions {
  dataDir: string;
  databaseUrl?: string;
  /** PostgreSQL: milliseconds to get a connection (default `POSTGRES_CONNECT_TIMEOUT_MS`). */
  connectTimeoutMs?: number;
  /** PostgreSQL: milliseconds a statement may wait for its answer (default `POSTGRES_QUERY_TIMEOUT_MS`). */
  queryTimeoutMs?: number;
}

/** The SQLite file inside a data directory. */
export const sqliteFileIn = (dataDir: string): string => join(dataDir, 'izinli.sqlite');

/** Opens the configured store and runs its pending migrations. */
export async function openStore(options: OpenStoreOptions): Promise<Store> {
  let store: Store;
  if (options.databaseUrl) {
    const { connectTimeoutMs, queryTimeoutMs } = options;
    store = await openPostgresStore({
      connectionString: options.databaseUrl,
      ...(connectTimeoutMs !== undefined ? { connectTimeoutMs } : {}),
      ...(queryTimeoutMs !== undefined ? { queryTimeoutMs } : {}),
    });
  } else {
    // 0700: the folder holds personal data and, beside it, the signing keys.
    await mkdir(options.dataDir, { recursive: true, mode: 0o700 });
    store = await openSqliteStore({ file: sqliteFileIn(options.dataDir) });
  }
  try {
    await store.migrate();
  } catch (error) {
    await store.close();
    throw error;
  }
  return store;
}
