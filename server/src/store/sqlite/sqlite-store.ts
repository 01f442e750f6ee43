// The embedded store (docs/architecture.md#storage): one SQLite file, two connections (sqlite-db.ts),
// and one implementation per port in this folder, composed into the whole `Store`.
import { closeSync, existsSync, openSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { composedOf } from '../compose.js';
import type { Store } from '../store.js';
import { sqliteAccountStore } from './accounts.js';
import { sqliteStoreAdmin } from './admin.js';
import { sqliteBatchStore } from './batches.js';
import { sqliteCaptureStore } from './captures.js';
import { sqliteChainStore } from './chain.js';
import { SqliteConnection } from './connection.js';
import type { SqlitePragmas } from './connection.js';
import { sqliteEvidenceStore } from './evidence.js';
import { sqliteMirrorStore } from './mirror.js';
import { sqliteMovementStore } from './movements.js';
import { sqliteReconciliationStore } from './reconciliation.js';
import { sqliteRetentionStore } from './retention.js';
import { SqliteDb } from './sqlite-db.js';
import { sqliteWebhookStore } from './webhooks.js';
import { sqliteVerificationStore } from './verifications.js';

/** Options of `openSqliteStore`. */
export interface SqliteStoreOptions {
  /** The database file; created (mode 0600) when missing. Its directory must exist. */
  file: string;
  /** How long a connection waits for another process's lock before failing (default 5 s). */
  busyTimeoutMs?: number;
}

/** The SQLite implementation of Store; `pragmas()` shows the settings both connections run with. */
export class SqliteStore extends composedOf<Omit<Store, 'kind'>>() implements Store {
  readonly kind = 'sqlite';
  readonly #db: SqliteDb;

  /** `evidenceDir` holds the evidence files' bytes (A19), by default `evidence/` beside the file. */
  constructor(writer: SqliteConnection, reader: SqliteConnection, evidenceDir: string) {
    const db = new SqliteDb(writer, reader);
    super({
      ...sqliteCaptureStore(db),
      ...sqliteChainStore(db),
      ...sqliteMovementStore(db),
      ...sqliteBatchStore(db),
      ...sqliteMirrorStore(db),
      ...sqliteWebhookStore(db),
      ...sqliteRetentionStore(db),
      ...sqliteReconciliationStore(db),
      ...sqliteStoreAdmin(db),
      ...sqliteAccountStore(db),
      ...sqliteVerificationStore(db),
      ...sqliteEvidenceStore(db, evidenceDir),
    });
    this.#db = db;
  }

  pragmas(): { writer: SqlitePragmas; reader: SqlitePragmas } {
    return this.#db.pragmas();
  }
}

/** Opens (creating if needed) the SQLite store in `file`; call `migrate()` before use. */
export async function openSqliteStore(options: SqliteStoreOptions): Promise<SqliteStore> {
  const { file, busyTimeoutMs = 5000 } = options;
  // Personal data: only the server's user may read the file (SQLite gives -wal and -shm the same mode).
  if (!existsSync(file)) closeSync(openSync(file, 'a', 0o600));
  const writer = SqliteConnection.open(file, 'writer', busyTimeoutMs);
  try {
    return new SqliteStore(
      writer,
      SqliteConnection.open(file, 'reader', busyTimeoutMs),
      join(dirname(file), 'evidence'),
    );
  } catch (error) {
    writer.close();
    throw error;
  }
}
