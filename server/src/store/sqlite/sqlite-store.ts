// The embedded store (docs/architecture.md#storage): one SQLite file, two connections. The writer is used
// only by one write at a time (a promise-chain mutex), the reader by every read, so a read never
// sees a write that has not committed. BEGIN IMMEDIATE … COMMIT is issued by hand because `work`
// awaits, and better-sqlite3's db.transaction() cannot span an await.
import { closeSync, existsSync, openSync } from 'node:fs';
import type { Movement, Source } from '@izinli/core';
import { captureCursorAfter, captureListQuery } from './capture-query.js';
import { SCHEMA_MIGRATIONS_DDL, pendingMigrations } from './migrations.js';
import { SqliteConnection, jsonList, sqliteInsert } from './sqlite-connection.js';
import type { SqlitePragmas } from './sqlite-connection.js';
import { SqliteWriteTx, readHead } from './sqlite-write-tx.js';
import { applyIysChangesSqlite, readSyncCursor } from './sqlite-iys-changes.js';
import { SqliteWebhookOutbox } from './sqlite-webhook-outbox.js';
import {
  changedEventCandidatesSqlite,
  purgeCapturesSqlite,
  purgeChangedEventsSqlite,
  retentionCandidatesSqlite,
} from './sqlite-retention.js';
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
  claimMovementsSqlite,
  deliveryStatsSqlite,
  finishMovementsSqlite,
  flagAtRiskSqlite,
  movementPageSqlite,
  retryDeadSqlite,
} from './sqlite-delivery.js';
import {
  claimBatchesSqlite,
  listBatchesSqlite,
  openBatchSqlite,
  updateBatchSqlite,
} from './sqlite-batches.js';
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

/** Options of `openSqliteStore`. */
export interface SqliteStoreOptions {
  /** The database file; created (mode 0600) when missing. Its directory must exist. */
  file: string;
  /** How long a connection waits for another process's lock before failing (default 5 s). */
  busyTimeoutMs?: number;
}

const CHAIN_PAGE = 500;
const GET_CAPTURE = `SELECT ${CAPTURE_SELECT} FROM captures WHERE capture_id = ?`;
const CHAIN_PAGE_SQL = `SELECT ${CAPTURE_SELECT} FROM captures
  WHERE site_key = ? AND seq >= ? ORDER BY seq LIMIT ${CHAIN_PAGE}`;
const INSERT_CHECKPOINT = `${sqliteInsert('checkpoints', CHECKPOINT_COLUMNS)}
  ON CONFLICT (site_key, seq) DO NOTHING`;
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

const MIRROR_SELECT = `SELECT ${MIRROR_COLUMNS.join(', ')} FROM consent_mirror`;
const MIRROR_ONE = `${MIRROR_SELECT} WHERE consent_key = ?`;
const MIRROR_MANY = `${MIRROR_SELECT} WHERE consent_key IN (SELECT value FROM json_each(?))`;

const UPSERT_MIRROR = `${sqliteInsert('consent_mirror', MIRROR_COLUMNS)}
  ON CONFLICT (consent_key) DO UPDATE SET ${MIRROR_COLUMNS.slice(1)
    .map((c) => `${c} = excluded.${c}`)
    .join(', ')}`;
const STATS = `SELECT
  (SELECT count(*) FROM captures) AS captures,
  (SELECT count(*) FROM movements WHERE state IN ('pending', 'in-flight')) AS movements,
  (SELECT count(*) FROM webhook_events WHERE state = 'pending') AS events`;
const MOVEMENT_SELECT = `SELECT ${MOVEMENT_COLUMNS.join(', ')} FROM movements`;
const DEFAULT_MOVEMENTS = 1000;
const DEFAULT_EVENTS = 100;

/** The SQLite implementation of Store; `pragmas()` shows the settings both connections run with. */
export class SqliteStore implements Store {
  readonly kind = 'sqlite';
  readonly #writer: SqliteConnection;
  readonly #reader: SqliteConnection;
  // The tail of the write queue; it never rejects, so one failed write does not stop the next.
  #tail: Promise<unknown> = Promise.resolve();
  #closed = false;
  #closing: Promise<void> | undefined;

  readonly webhookOutbox: SqliteWebhookOutbox;

  constructor(writer: SqliteConnection, reader: SqliteConnection) {
    this.#writer = writer;
    this.#reader = reader;
    this.webhookOutbox = new SqliteWebhookOutbox(writer, reader, (job) =>
      this.#exclusive(() => writer.db.transaction(job).immediate()),
    );
  }

  /** Runs `job` after every write queued before it (the in-process write mutex). */
  #exclusive<T>(job: () => Promise<T> | T): Promise<T> {
    const run = this.#tail.then(() => {
      if (this.#closed) throw new Error('store: the SQLite store is closed');
      return job();
    });
    this.#tail = run.catch(() => undefined);
    return run;
  }

  /** A synchronous write in its own IMMEDIATE transaction, behind the mutex. */
  #writeNow(job: () => void): Promise<void> {
    return this.#exclusive(() => this.#writer.db.transaction(job).immediate());
  }

  pragmas(): { writer: SqlitePragmas; reader: SqlitePragmas } {
    return { writer: this.#writer.pragmas(), reader: this.#reader.pragmas() };
  }

  migrate(): Promise<void> {
    // BEGIN IMMEDIATE takes the file's write lock first, so a second process waits, then finds
    // every version applied and does nothing.
    return this.#writeNow(() => {
      const w = this.#writer;
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
  }

  write<T>(siteKeys: readonly string[], work: (tx: WriteTx) => Promise<T>): Promise<T> {
    return this.#exclusive(async () => {
      const db = this.#writer.db;
      db.exec('BEGIN IMMEDIATE');
      try {
        const tx = new SqliteWriteTx(this.#writer, [...new Set(siteKeys)]);
        let result: T;
        try {
          result = await work(tx);
          // `work` may have caught a failed insert; its rows must not commit half-written.
          if (tx.failure !== undefined) throw tx.failure;
        } finally {
          tx.end();
        }
        db.exec('COMMIT');
        return result;
      } catch (error) {
        if (db.inTransaction) db.exec('ROLLBACK');
        throw error;
      }
    });
  }

  async getCapture(captureId: string): Promise<StoredCapture | undefined> {
    const row = this.#reader.get(GET_CAPTURE, captureId);
    return row ? toStoredCapture(row) : undefined;
  }

  async listCaptures(filter: CaptureFilter): Promise<Page<StoredCapture>> {
    const { sql, params, limit } = captureListQuery(filter, 'sqlite');
    const rows = this.#reader.all(sql, ...params);
    const shown = rows.slice(0, limit);
    return {
      items: shown.map(toStoredCapture),
      ...(rows.length > limit ? { nextCursor: captureCursorAfter(shown.at(-1)!) } : {}),
    };
  }

  async *chain(siteKey: string, fromSeq = 1): AsyncIterable<StoredCapture> {
    // Page by seq rather than iterate one statement: a held iterator would block other reads.
    let next = fromSeq;
    for (;;) {
      const rows = this.#reader.all(CHAIN_PAGE_SQL, siteKey, next);
      for (const row of rows) yield toStoredCapture(row);
      if (rows.length < CHAIN_PAGE) return;
      next = int(rows.at(-1)!.seq) + 1;
    }
  }

  async chainHead(siteKey: string): Promise<ChainHead> {
    return readHead(this.#reader, siteKey);
  }

  async sites(): Promise<string[]> {
    const rows = this.#reader.all(
      'SELECT site_key FROM chain_heads WHERE seq > 0 ORDER BY site_key',
    );
    return rows.map((r) => r.site_key as string);
  }

  addCheckpoint(checkpoint: Checkpoint): Promise<void> {
    return this.#writeNow(() =>
      this.#writer.run(INSERT_CHECKPOINT, ...checkpointValues(checkpoint)),
    );
  }

  async checkpoints(siteKey?: string, limit?: number): Promise<Checkpoint[]> {
    const select = `SELECT ${CHECKPOINT_COLUMNS.join(', ')} FROM checkpoints`;
    const rows =
      siteKey === undefined
        ? this.#reader.all(`${select} ORDER BY signed_at DESC, pos DESC LIMIT ?`, limit ?? -1)
        : this.#reader.all(
            `${select} WHERE site_key = ? ORDER BY seq DESC LIMIT ?`,
            siteKey,
            limit ?? -1,
          );
    return rows.map(toCheckpoint);
  }

  async movements(filter: MovementFilter): Promise<Movement[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.captureId !== undefined) {
      where.push('capture_id = ?');
      params.push(filter.captureId);
    }
    if (filter.key !== undefined) {
      where.push('movement_key = ?');
      params.push(filter.key);
    }
    if (filter.state !== undefined) {
      where.push('state = ?');
      params.push(filter.state);
    }
    const sql = `${MOVEMENT_SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY pos LIMIT ?`;
    return this.#reader.all(sql, ...params, filter.limit ?? DEFAULT_MOVEMENTS).map(toMovement);
  }

  async mirror(keys: readonly string[]): Promise<Map<string, MirrorEntry>> {
    const found = new Map<string, MirrorEntry>();
    if (keys.length === 0) return found;
    // One key (a GET check) by the primary key itself: about half the cost of json_each.
    const rows =
      keys.length === 1
        ? this.#reader.all(MIRROR_ONE, keys[0])
        : this.#reader.all(MIRROR_MANY, jsonList(keys));
    for (const row of rows) {
      const entry = toMirrorEntry(row);
      found.set(entry.key, entry);
    }
    return found;
  }

  async pendingRefusals(keys: readonly string[]): Promise<Map<string, PendingRefusal>> {
    const found = new Map<string, PendingRefusal>();
    if (keys.length === 0) return found;
    const rows =
      keys.length === 1
        ? this.#reader.all(PENDING_REFUSAL_ONE, keys[0])
        : this.#reader.all(PENDING_REFUSALS, jsonList(keys));
    for (const row of rows) {
      found.set(row.movement_key as string, {
        source: row.source as Source,
        consentDate: row.consent_date as string,
      });
    }
    return found;
  }

  upsertMirror(entries: readonly MirrorEntry[]): Promise<void> {
    if (entries.length === 0) return Promise.resolve();
    const values = lastPerKey(entries, (e) => e.key).map(mirrorValues);
    return this.#writeNow(() => {
      for (const row of values) this.#writer.run(UPSERT_MIRROR, ...row);
    });
  }

  async syncCursor(iysCode: number, brandCode: number): Promise<string | undefined> {
    return readSyncCursor(this.#reader, iysCode, brandCode);
  }

  applyIysChanges(write: IysChangesWrite): Promise<IysChangesResult> {
    return this.#exclusive(() =>
      this.#writer.db.transaction(() => applyIysChangesSqlite(this.#writer, write)).immediate(),
    );
  }

  claimMovements(claim: MovementClaim): Promise<Movement[]> {
    const w = this.#writer;
    return this.#exclusive(() =>
      w.db.transaction(() => claimMovementsSqlite(w, claim)).immediate(),
    );
  }

  releaseLeases(): Promise<number> {
    return this.#exclusive(() => this.#writer.db.prepare(RELEASE_LEASES).run().changes);
  }

  finishMovements(results: readonly MovementResult[]): Promise<string[]> {
    const w = this.#writer;
    return this.#exclusive(() =>
      w.db.transaction(() => finishMovementsSqlite(w, results)).immediate(),
    );
  }

  retryDeadMovement(id: string, now: string): Promise<boolean> {
    return this.#exclusive(() => retryDeadSqlite(this.#writer, id, now));
  }

  async deliveryStats(deadlineBound: string, siteKeys?: readonly string[]): Promise<DeliveryStats> {
    return deliveryStatsSqlite(this.#reader, deadlineBound, siteKeys);
  }

  async movementPage(filter: MovementPageFilter): Promise<Page<AdminMovement>> {
    return movementPageSqlite(this.#reader, filter);
  }

  flagMovementsAtRisk(flagging: AtRiskFlagging): Promise<number> {
    return this.#inWriteTx((w) => flagAtRiskSqlite(w, flagging));
  }

  openBatch(open: BatchOpen): Promise<string[]> {
    return this.#inWriteTx((w) => openBatchSqlite(w, open));
  }

  claimBatches(claim: BatchClaim): Promise<ClaimedBatch[]> {
    return this.#inWriteTx((w) => claimBatchesSqlite(w, claim));
  }

  updateBatch(update: BatchUpdate): Promise<string[] | undefined> {
    return this.#inWriteTx((w) => updateBatchSqlite(w, update));
  }

  async batches(limit = 100): Promise<IysBatchRow[]> {
    return listBatchesSqlite(this.#reader, limit);
  }

  /** A synchronous job on the writer in its own IMMEDIATE transaction, behind the mutex. */
  #inWriteTx<T>(job: (w: SqliteConnection) => T): Promise<T> {
    const w = this.#writer;
    return this.#exclusive(() => w.db.transaction(() => job(w)).immediate());
  }

  async webhookEvents(siteKey: string, limit = DEFAULT_EVENTS): Promise<WebhookEvent[]> {
    const sql = `SELECT id, site_key, type, payload, created_at FROM webhook_events
      WHERE site_key = ? ORDER BY pos DESC LIMIT ?`;
    return this.#reader.all(sql, siteKey, limit).map(toWebhookEvent);
  }

  async retentionCandidates(page: RetentionCandidates): Promise<RetentionCandidate[]> {
    return retentionCandidatesSqlite(this.#reader, page);
  }

  purgeCaptures(purge: RetentionPurge): Promise<RetentionPurgeResult> {
    return this.#inWriteTx((w) => purgeCapturesSqlite(w, purge));
  }

  async changedEventCandidates(page: ChangedEventCandidates): Promise<ChangedEventCandidate[]> {
    return changedEventCandidatesSqlite(this.#reader, page);
  }

  purgeChangedEvents(purge: ChangedEventPurge): Promise<string[]> {
    return this.#inWriteTx((w) => purgeChangedEventsSqlite(w, purge));
  }

  async stats(): Promise<{ captures: number; pendingMovements: number; pendingEvents: number }> {
    const row = this.#reader.get(STATS)!;
    return {
      captures: int(row.captures),
      pendingMovements: int(row.movements),
      pendingEvents: int(row.events),
    };
  }

  async ping(): Promise<boolean> {
    try {
      return this.#reader.get('SELECT 1 AS one')?.one === 1;
    } catch {
      return false;
    }
  }

  close(): Promise<void> {
    // Queued writes finish first: closing under a write would roll back a capture.
    this.#closing ??= this.#exclusive(() => {
      this.#closed = true;
      this.#reader.close();
      this.#writer.close();
    });
    return this.#closing;
  }
}

/** Opens (creating if needed) the SQLite store in `file`; call `migrate()` before use. */
export async function openSqliteStore(options: SqliteStoreOptions): Promise<SqliteStore> {
  const { file, busyTimeoutMs = 5000 } = options;
  // Personal data: only the server's user may read the file (SQLite gives -wal and -shm the same mode).
  if (!existsSync(file)) closeSync(openSync(file, 'a', 0o600));
  const writer = SqliteConnection.open(file, 'writer', busyTimeoutMs);
  try {
    return new SqliteStore(writer, SqliteConnection.open(file, 'reader', busyTimeoutMs));
  } catch (error) {
    writer.close();
    throw error;
  }
}
