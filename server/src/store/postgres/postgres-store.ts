// The scale-out store (docs/architecture.md#storage): PostgreSQL through a `pg` Pool (pg-db.ts),
// shared by several server processes, and one implementation per port in this folder, composed
// into the whole `Store`.
import { present } from '@izinli/core';
import pg from 'pg';
import { composedOf } from '../compose.js';
import type { Store } from '../store.js';
import { postgresAccountStore } from './accounts.js';
import { postgresStoreAdmin } from './admin.js';
import { postgresBatchStore } from './batches.js';
import { postgresCaptureStore } from './captures.js';
import { postgresChainStore } from './chain.js';
import { postgresEvidenceStore } from './evidence.js';
import { postgresMirrorStore } from './mirror.js';
import { postgresMovementStore } from './movements.js';
import { PgDb } from './pg-db.js';
import { postgresReconciliationStore } from './reconciliation.js';
import { postgresRetentionStore } from './retention.js';
import { postgresWebhookStore } from './webhooks.js';
import { postgresVerificationStore } from './verifications.js';

export { isQueryTimeout } from './pg-db.js';

/** Options of `openPostgresStore`. */
export interface PostgresStoreOptions {
  connectionString: string;
  /**
   * A schema to keep every table in (created by `migrate()` when missing, and the only entry of
   * each connection's search_path); the database's default search_path when omitted.
   */
  schema?: string;
  /** Most connections in the pool (default 10). */
  max?: number;
  /** Told when an idle pooled connection fails; the pool replaces it (default: ignored). */
  onIdleError?: (error: Error) => void;
  /**
   * Milliseconds to get a connection, a pooled one or a new one, before the call fails (default
   * `POSTGRES_CONNECT_TIMEOUT_MS`): a server that accepts TCP but never answers cannot hold it.
   */
  connectTimeoutMs?: number;
  /**
   * Milliseconds a statement may wait for its answer before it fails and its connection is
   * dropped (default `POSTGRES_QUERY_TIMEOUT_MS`). Client-side, so it also bounds a frozen server
   * or a network partition; generous, as migrations, purges and batch settles take seconds.
   */
  queryTimeoutMs?: number;
}

/** Default of `connectTimeoutMs`. */
export const POSTGRES_CONNECT_TIMEOUT_MS = 10_000;
/** Default of `queryTimeoutMs`. */
export const POSTGRES_QUERY_TIMEOUT_MS = 60_000;

/** Idle time before TCP keepalive probes start, so a silently dead peer is noticed. */
const KEEPALIVE_IDLE_MS = 10_000;

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** The PostgreSQL implementation of Store. */
export class PostgresStore extends composedOf<Omit<Store, 'kind'>>() implements Store {
  readonly kind = 'postgres';
  readonly #db: PgDb;

  constructor(pool: pg.Pool, schema?: string) {
    const db = new PgDb(pool, schema);
    super({
      ...postgresCaptureStore(db),
      ...postgresChainStore(db),
      ...postgresMovementStore(db),
      ...postgresBatchStore(db),
      ...postgresMirrorStore(db),
      ...postgresWebhookStore(db),
      ...postgresRetentionStore(db),
      ...postgresReconciliationStore(db),
      ...postgresStoreAdmin(db),
      ...postgresAccountStore(db),
      ...postgresVerificationStore(db),
      ...postgresEvidenceStore(db),
    });
    this.#db = db;
  }

  /**
   * A new client, not from the pool, on the pool's connection settings (schema included): for a
   * session that must outlive any one query, such as the İYS leader's advisory lock. Not connected.
   */
  sessionClient(): pg.Client {
    const { connectionString, options, connectionTimeoutMillis, query_timeout } =
      this.#db.pool.options;
    return new pg.Client({
      // The same bounds too: a frozen or unreachable server fails the session, never hangs it.
      ...present({ connectionString, options, connectionTimeoutMillis, query_timeout }),
      keepAlive: true,
      keepAliveInitialDelayMillis: KEEPALIVE_IDLE_MS,
    });
  }
}

/** Opens a pool on `connectionString` (nothing is queried yet); call `migrate()` before use. */
export async function openPostgresStore(options: PostgresStoreOptions): Promise<PostgresStore> {
  const {
    connectionString,
    schema,
    max = 10,
    onIdleError,
    connectTimeoutMs = POSTGRES_CONNECT_TIMEOUT_MS,
    queryTimeoutMs = POSTGRES_QUERY_TIMEOUT_MS,
  } = options;
  if (schema !== undefined && !SCHEMA_NAME.test(schema)) {
    throw new RangeError(`store: schema must match ${SCHEMA_NAME}, got ${schema}`);
  }
  const pool = new pg.Pool({
    connectionString,
    max,
    // Bounded waits: a checkout or a new connection, then each statement's answer (pg's
    // query_timeout fails the query; the pool destroys the client it is released with).
    connectionTimeoutMillis: connectTimeoutMs,
    query_timeout: queryTimeoutMs,
    keepAlive: true,
    keepAliveInitialDelayMillis: KEEPALIVE_IDLE_MS,
    // Set at connection start-up, so no query can run before it; the name is checked above.
    ...(schema !== undefined ? { options: `-c search_path=${schema}` } : {}),
  });
  // Without a listener an idle connection's error (a restarted server) would crash the process.
  pool.on('error', onIdleError ?? (() => undefined));
  return new PostgresStore(pool, schema);
}
