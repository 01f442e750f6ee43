// The scale-out store (docs/architecture.md#storage): PostgreSQL through a `pg` Pool, shared by several
// server processes. Chains stay unbroken across processes because each write locks the heads of
// its sites FOR UPDATE, always in site-key order so two writes never deadlock.
import { GENESIS_HASH } from '@izinli/core';
import type { Movement, Source } from '@izinli/core';
import pg from 'pg';
import type { Pool, PoolClient } from 'pg';
import { captureCursorAfter, captureListQuery } from './capture-query.js';
import { MIGRATION_LOCK, SCHEMA_MIGRATIONS_DDL, pendingMigrations } from './migrations.js';
import { PostgresWriteTx, pgInsertRows, rowsJson } from './postgres-write-tx.js';
import { SELECT_SYNC_CURSOR, applyIysChangesPostgres } from './postgres-iys-changes.js';
import { PostgresWebhookOutbox } from './postgres-webhook-outbox.js';
import {
  changedEventCandidatesPostgres,
  purgeCapturesPostgres,
  purgeChangedEventsPostgres,
  retentionCandidatesPostgres,
} from './postgres-retention.js';
import type {
  ChangedEventCandidate,
  ChangedEventCandidates,
  ChangedEventPurge,
  RetentionCandidate,
  RetentionCandidates,
  RetentionPurge,
  RetentionPurgeResult,
} from './retention-store.js';
import {
  claimMovementsPostgres,
  deliveryStatsPostgres,
  finishMovementsPostgres,
  flagAtRiskPostgres,
  movementPagePostgres,
  retryDeadPostgres,
} from './postgres-delivery.js';
import {
  claimBatchesPostgres,
  listBatchesPostgres,
  openBatchPostgres,
  updateBatchPostgres,
} from './postgres-batches.js';
import type { AtRiskFlagging } from './delivery-store.js';
import type {
  BatchClaim,
  BatchOpen,
  BatchUpdate,
  ClaimedBatch,
  IysBatchRow,
} from './batch-store.js';
import type { AdminMovement, MovementPageFilter } from './movement-query.js';
import { RELEASE_LEASES } from './delivery-store.js';
import type { DeliveryStats, MovementClaim, MovementResult } from './delivery-store.js';
import {
  CAPTURE_SELECT,
  CHECKPOINT_COLUMNS,
  MIRROR_COLUMNS,
  MOVEMENT_COLUMNS,
  checkpointValues,
  int,
  lastPerKey,
  mirrorValues,
  toCheckpoint,
  toMirrorEntry,
  toMovement,
  toStoredCapture,
  toWebhookEvent,
} from './store-rows.js';
import { emptyHead } from './append-guard.js';
import type {
  CaptureFilter,
  ChainHead,
  Checkpoint,
  IysChangesResult,
  IysChangesWrite,
  MirrorEntry,
  MovementFilter,
  Page,
  PendingRefusal,
  Store,
  StoredCapture,
  WebhookEvent,
  WriteTx,
} from './store.js';

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
/** What pg's client-side `query_timeout` fails a query with (it sets no code). */
const QUERY_TIMEOUT_MESSAGE = 'Query read timeout';

/** Whether `error`, or an error it was caused by, is pg's client-side query timeout. */
export function isQueryTimeout(error: unknown): boolean {
  for (let e = error, depth = 0; e instanceof Error && depth < 8; e = e.cause, depth += 1) {
    if (e.message === QUERY_TIMEOUT_MESSAGE) return true;
  }
  return false;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;
const CHAIN_PAGE = 500;
const DEFAULT_MOVEMENTS = 1000;
const DEFAULT_EVENTS = 100;
const ENSURE_HEADS = `INSERT INTO chain_heads (site_key, seq, hash)
  SELECT site_key, 0, $2 FROM unnest($1::text[]) AS site_key ORDER BY site_key
  ON CONFLICT (site_key) DO NOTHING`;
const LOCK_HEADS = `SELECT site_key, seq, hash FROM chain_heads
  WHERE site_key = ANY($1::text[]) ORDER BY site_key FOR UPDATE`;
/** Keys whose newest non-dead movement is an unconfirmed RET ($1: text[] of keys). */
const PENDING_REFUSALS = `SELECT movement_key, source, consent_date FROM (
  SELECT DISTINCT ON (movement_key) movement_key, status, state, source, consent_date
  FROM movements WHERE state <> 'dead' AND movement_key = ANY($1::text[])
  ORDER BY movement_key, consent_date DESC, pos DESC
) newest WHERE status = 'RET' AND state IN ('pending', 'in-flight')`;

const UPSERT_MIRROR = `${pgInsertRows('consent_mirror', MIRROR_COLUMNS, '$1')}
  ON CONFLICT (consent_key) DO UPDATE SET ${MIRROR_COLUMNS.slice(1)
    .map((c) => `${c} = excluded.${c}`)
    .join(', ')}`;
const INSERT_CHECKPOINT = `INSERT INTO checkpoints (${CHECKPOINT_COLUMNS.join(', ')})
  VALUES ($1, $2, $3, $4, $5) ON CONFLICT (site_key, seq) DO NOTHING`;
const STATS = `SELECT
  (SELECT count(*) FROM captures) AS captures,
  (SELECT count(*) FROM movements WHERE state IN ('pending', 'in-flight')) AS movements,
  (SELECT count(*) FROM webhook_events WHERE state = 'pending') AS events`;

/** The PostgreSQL implementation of Store. */
export class PostgresStore implements Store {
  readonly kind = 'postgres';
  readonly #pool: Pool;
  readonly #schema: string | undefined;
  #closing: Promise<void> | undefined;

  readonly webhookOutbox: PostgresWebhookOutbox;

  constructor(pool: Pool, schema?: string) {
    this.#pool = pool;
    this.#schema = schema;
    this.webhookOutbox = new PostgresWebhookOutbox(pool, (job) => this.#transaction(job));
  }

  /** Runs `job` on one client inside BEGIN … COMMIT, rolling back if it throws. */
  async #transaction<T>(job: (client: PoolClient) => Promise<T>): Promise<T> {
    const client = await this.#pool.connect();
    let broken: Error | undefined;
    // A connection lost while checked out (the database restarted, the backend terminated) fails
    // the query in flight and also emits 'error' on the client, which the pool only listens to
    // while idle: unheard, it would crash the process. The query's error is what the caller sees.
    const onLost = (error: Error) => {
      broken = error;
    };
    client.on('error', onLost);
    try {
      await client.query('BEGIN');
      const result = await job(client);
      // COMMIT of an aborted transaction answers ROLLBACK instead of failing.
      const done = await client.query('COMMIT');
      if (done.command !== 'COMMIT') throw new Error('store: PostgreSQL rolled the write back');
      return result;
    } catch (error) {
      if (isQueryTimeout(error)) {
        // The timed-out statement is still on the wire and may yet run: a ROLLBACK would queue
        // behind it for another timeout, and the client must never be reused mid-transaction.
        // Destroyed instead, its connection closes, and PostgreSQL aborts what it had not committed.
        broken ??= error as Error;
      } else {
        await client.query('ROLLBACK').catch((e: unknown) => {
          broken = e instanceof Error ? e : new Error(String(e));
        });
      }
      throw error;
    } finally {
      // A client that could not roll back, or whose connection was lost, is destroyed.
      if (broken === undefined) client.removeListener('error', onLost);
      client.release(broken);
    }
  }

  migrate(): Promise<void> {
    return this.#transaction(async (client) => {
      // Held until COMMIT: a second process waits here, then finds every version applied.
      await client.query('SELECT pg_advisory_xact_lock($1, $2)', [
        MIGRATION_LOCK.classId,
        MIGRATION_LOCK.objectId,
      ]);
      if (this.#schema !== undefined)
        await client.query(`CREATE SCHEMA IF NOT EXISTS ${this.#schema}`);
      await client.query(SCHEMA_MIGRATIONS_DDL.postgres);
      const { rows } = await client.query('SELECT version FROM schema_migrations');
      for (const migration of pendingMigrations(new Set(rows.map((r) => int(r.version))))) {
        await client.query(migration.postgres);
        await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
          migration.version,
          migration.name,
        ]);
      }
    });
  }

  async write<T>(siteKeys: readonly string[], work: (tx: WriteTx) => Promise<T>): Promise<T> {
    // Sorted, so every write takes its locks in the same order and none can deadlock another.
    const keys = [...new Set(siteKeys)].sort();
    return this.#transaction(async (client) => {
      const heads = new Map<string, ChainHead>();
      if (keys.length > 0) {
        await client.query(ENSURE_HEADS, [keys, GENESIS_HASH]);
        for (const row of (await client.query(LOCK_HEADS, [keys])).rows) {
          const siteKey = row.site_key as string;
          heads.set(siteKey, { siteKey, seq: int(row.seq), hash: row.hash as string });
        }
      }
      const tx = new PostgresWriteTx(client, heads);
      try {
        const result = await work(tx);
        // `work` may have caught a failed statement; the transaction is aborted all the same.
        if (tx.failure !== undefined) throw tx.failure;
        return result;
      } finally {
        tx.end();
      }
    });
  }

  async getCapture(captureId: string): Promise<StoredCapture | undefined> {
    const sql = `SELECT ${CAPTURE_SELECT} FROM captures WHERE capture_id = $1`;
    const [row] = (await this.#pool.query(sql, [captureId])).rows;
    return row ? toStoredCapture(row) : undefined;
  }

  async listCaptures(filter: CaptureFilter): Promise<Page<StoredCapture>> {
    const { sql, params, limit } = captureListQuery(filter, 'postgres');
    const { rows } = await this.#pool.query(sql, params);
    const shown = rows.slice(0, limit);
    return {
      items: shown.map(toStoredCapture),
      ...(rows.length > limit ? { nextCursor: captureCursorAfter(shown.at(-1)!) } : {}),
    };
  }

  async *chain(siteKey: string, fromSeq = 1): AsyncIterable<StoredCapture> {
    const sql = `SELECT ${CAPTURE_SELECT} FROM captures
      WHERE site_key = $1 AND seq >= $2 ORDER BY seq LIMIT ${CHAIN_PAGE}`;
    let next = fromSeq;
    for (;;) {
      const { rows } = await this.#pool.query(sql, [siteKey, next]);
      for (const row of rows) yield toStoredCapture(row);
      if (rows.length < CHAIN_PAGE) return;
      next = int(rows.at(-1)!.seq) + 1;
    }
  }

  async chainHead(siteKey: string): Promise<ChainHead> {
    const sql = 'SELECT seq, hash FROM chain_heads WHERE site_key = $1';
    const [row] = (await this.#pool.query(sql, [siteKey])).rows;
    return row ? { siteKey, seq: int(row.seq), hash: row.hash as string } : emptyHead(siteKey);
  }

  async sites(): Promise<string[]> {
    const sql = 'SELECT site_key FROM chain_heads WHERE seq > 0 ORDER BY site_key';
    return (await this.#pool.query(sql)).rows.map((r) => r.site_key as string);
  }

  async addCheckpoint(checkpoint: Checkpoint): Promise<void> {
    await this.#pool.query(INSERT_CHECKPOINT, checkpointValues(checkpoint));
  }

  async checkpoints(siteKey?: string, limit?: number): Promise<Checkpoint[]> {
    const select = `SELECT ${CHECKPOINT_COLUMNS.join(', ')} FROM checkpoints`;
    // LIMIT NULL is no limit.
    const { rows } =
      siteKey === undefined
        ? await this.#pool.query(`${select} ORDER BY signed_at DESC, pos DESC LIMIT $1`, [
            limit ?? null,
          ])
        : await this.#pool.query(`${select} WHERE site_key = $1 ORDER BY seq DESC LIMIT $2`, [
            siteKey,
            limit ?? null,
          ]);
    return rows.map(toCheckpoint);
  }

  async movements(filter: MovementFilter): Promise<Movement[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.captureId !== undefined) {
      params.push(filter.captureId);
      where.push(`capture_id = $${params.length}`);
    }
    if (filter.key !== undefined) {
      params.push(filter.key);
      where.push(`movement_key = $${params.length}`);
    }
    if (filter.state !== undefined) {
      params.push(filter.state);
      where.push(`state = $${params.length}`);
    }
    params.push(filter.limit ?? DEFAULT_MOVEMENTS);
    const sql = `SELECT ${MOVEMENT_COLUMNS.join(', ')} FROM movements
      ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY pos LIMIT $${params.length}`;
    return (await this.#pool.query(sql, params)).rows.map(toMovement);
  }

  async pendingRefusals(keys: readonly string[]): Promise<Map<string, PendingRefusal>> {
    const found = new Map<string, PendingRefusal>();
    if (keys.length === 0) return found;
    for (const row of (await this.#pool.query(PENDING_REFUSALS, [[...keys]])).rows) {
      found.set(row.movement_key as string, {
        source: row.source as Source,
        consentDate: row.consent_date as string,
      });
    }
    return found;
  }

  async mirror(keys: readonly string[]): Promise<Map<string, MirrorEntry>> {
    const found = new Map<string, MirrorEntry>();
    if (keys.length === 0) return found;
    const sql = `SELECT ${MIRROR_COLUMNS.join(', ')} FROM consent_mirror
      WHERE consent_key = ANY($1::text[])`;
    for (const row of (await this.#pool.query(sql, [[...keys]])).rows) {
      const entry = toMirrorEntry(row);
      found.set(entry.key, entry);
    }
    return found;
  }

  async upsertMirror(entries: readonly MirrorEntry[]): Promise<void> {
    if (entries.length === 0) return;
    // One statement: atomic, and one key twice in it would be an error, so the last one wins.
    const rows = lastPerKey(entries, (e) => e.key).map(mirrorValues);
    await this.#pool.query(UPSERT_MIRROR, [rowsJson(MIRROR_COLUMNS, rows)]);
  }

  async syncCursor(iysCode: number, brandCode: number): Promise<string | undefined> {
    const [row] = (await this.#pool.query(SELECT_SYNC_CURSOR, [iysCode, brandCode])).rows;
    return row?.after_cursor as string | undefined;
  }

  applyIysChanges(write: IysChangesWrite): Promise<IysChangesResult> {
    return this.#transaction((client) => applyIysChangesPostgres(client, write));
  }

  claimMovements(claim: MovementClaim): Promise<Movement[]> {
    return this.#transaction((client) => claimMovementsPostgres(client, claim));
  }

  async releaseLeases(): Promise<number> {
    return (await this.#pool.query(RELEASE_LEASES)).rowCount ?? 0;
  }

  finishMovements(results: readonly MovementResult[]): Promise<string[]> {
    return this.#transaction((client) => finishMovementsPostgres(client, results));
  }

  retryDeadMovement(id: string, now: string): Promise<boolean> {
    return retryDeadPostgres(this.#pool, id, now);
  }

  deliveryStats(deadlineBound: string, siteKeys?: readonly string[]): Promise<DeliveryStats> {
    return deliveryStatsPostgres(this.#pool, deadlineBound, siteKeys);
  }

  movementPage(filter: MovementPageFilter): Promise<Page<AdminMovement>> {
    return movementPagePostgres(this.#pool, filter);
  }

  flagMovementsAtRisk(flagging: AtRiskFlagging): Promise<number> {
    return this.#transaction((client) => flagAtRiskPostgres(client, flagging));
  }

  openBatch(open: BatchOpen): Promise<string[]> {
    return this.#transaction((client) => openBatchPostgres(client, open));
  }

  claimBatches(claim: BatchClaim): Promise<ClaimedBatch[]> {
    return this.#transaction((client) => claimBatchesPostgres(client, claim));
  }

  updateBatch(update: BatchUpdate): Promise<string[] | undefined> {
    return this.#transaction((client) => updateBatchPostgres(client, update));
  }

  batches(limit = 100): Promise<IysBatchRow[]> {
    return listBatchesPostgres(this.#pool, limit);
  }

  async webhookEvents(siteKey: string, limit = DEFAULT_EVENTS): Promise<WebhookEvent[]> {
    const sql = `SELECT id, site_key, type, payload, created_at FROM webhook_events
      WHERE site_key = $1 ORDER BY pos DESC LIMIT $2`;
    return (await this.#pool.query(sql, [siteKey, limit])).rows.map(toWebhookEvent);
  }

  retentionCandidates(page: RetentionCandidates): Promise<RetentionCandidate[]> {
    return retentionCandidatesPostgres(this.#pool, page);
  }

  purgeCaptures(purge: RetentionPurge): Promise<RetentionPurgeResult> {
    return this.#transaction((client) => purgeCapturesPostgres(client, purge));
  }

  changedEventCandidates(page: ChangedEventCandidates): Promise<ChangedEventCandidate[]> {
    return changedEventCandidatesPostgres(this.#pool, page);
  }

  purgeChangedEvents(purge: ChangedEventPurge): Promise<string[]> {
    return this.#transaction((client) => purgeChangedEventsPostgres(client, purge));
  }

  async stats(): Promise<{ captures: number; pendingMovements: number; pendingEvents: number }> {
    const [row] = (await this.#pool.query(STATS)).rows;
    return {
      captures: int(row.captures),
      pendingMovements: int(row.movements),
      pendingEvents: int(row.events),
    };
  }

  async ping(): Promise<boolean> {
    try {
      return (await this.#pool.query('SELECT 1 AS one')).rows[0]?.one === 1;
    } catch {
      return false;
    }
  }

  /**
   * A new client, not from the pool, on the pool's connection settings (schema included): for a
   * session that must outlive any one query, such as the İYS leader's advisory lock. Not connected.
   */
  sessionClient(): pg.Client {
    const { connectionString, options, connectionTimeoutMillis, query_timeout } =
      this.#pool.options;
    return new pg.Client({
      ...(connectionString !== undefined ? { connectionString } : {}),
      ...(options !== undefined ? { options } : {}),
      // The same bounds: a frozen or unreachable server fails the session, never hangs it.
      ...(connectionTimeoutMillis !== undefined ? { connectionTimeoutMillis } : {}),
      ...(query_timeout !== undefined ? { query_timeout } : {}),
      keepAlive: true,
      keepAliveInitialDelayMillis: KEEPALIVE_IDLE_MS,
    });
  }

  close(): Promise<void> {
    this.#closing ??= this.#pool.end();
    return this.#closing;
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
