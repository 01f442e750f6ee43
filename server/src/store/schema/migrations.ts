// The store's schema, as versioned migrations in both dialects. A version, once released, is
// never edited: a change is a new version appended to MIGRATIONS.
//
// Instants are fixed-width UTC ISO text (`Date#toISOString`) so text order is time order in both
// databases and a value reads back exactly as written; captures also keep `received_ms` (epoch
// milliseconds) because a signed `receivedAt` is stored exactly as signed, whatever its precision.
// JSON columns hold RFC 8785 canonical text, never jsonb, so a re-read is byte-identical.

import { EVIDENCE_FILES_MIGRATION } from './evidence-files-migration.js';
import { IYS_ACCOUNTS_MIGRATION } from './iys-accounts-migration.js';
import { DELIVERY_BATCHES_MIGRATION } from './delivery-batches-migration.js';
import { IYS_DAY_RECORDS_MIGRATION } from './iys-day-records-migration.js';
import { IYS_TOKEN_GRANTS_MIGRATION } from './iys-token-grants-migration.js';
import { RECONCILIATION_MIGRATION } from './reconciliation-migration.js';
import { RECONCILIATION_PURGE_MIGRATION } from './reconciliation-purge-migration.js';
import { VERIFICATIONS_MIGRATION } from './verifications-migration.js';
import { WEBHOOK_DELIVERIES_MIGRATION } from './webhook-deliveries-migration.js';
import type { Migration } from './migration.js';

export type { Migration } from './migration.js';

// Each version's DDL is written once for both dialects: SQLite keeps 64-bit integers in INTEGER
// and a rowid `pos`, and its tables are STRICT; PostgreSQL needs BIGINT and an identity `pos`, so
// insertion order survives several writers.
const dialects = (ddl: (pos: string, bigint: string) => string) => ({
  sqlite: ddl('INTEGER PRIMARY KEY', 'INTEGER').replace(/\n\);/g, '\n) STRICT;'),
  postgres: ddl('BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY', 'BIGINT'),
});

// A consent as İYS keys and states it: the columns an outbox movement and a mirror entry share.
const consentColumns = (bigint: string) => `  iys_code ${bigint} NOT NULL,
  brand_code ${bigint} NOT NULL,
  recipient_type TEXT NOT NULL,
  type TEXT NOT NULL,
  recipient TEXT NOT NULL,
  status TEXT NOT NULL,
  consent_date TEXT NOT NULL,
  source TEXT NOT NULL,`;

const v1 = dialects(
  (pos, bigint) => `
CREATE TABLE captures (
  pos ${pos},
  capture_id TEXT NOT NULL UNIQUE,
  site_key TEXT NOT NULL,
  seq ${bigint} NOT NULL CHECK (seq >= 1),
  prev_hash TEXT NOT NULL,
  record_hash TEXT NOT NULL,
  body_hash TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('capture', 'withdrawal')),
  record TEXT,
  receipt TEXT,
  received_at TEXT NOT NULL,
  received_ms ${bigint} NOT NULL,
  phone TEXT,
  email TEXT,
  purged_at TEXT,
  UNIQUE (site_key, seq)
);
CREATE INDEX captures_by_time ON captures (received_ms, pos);
CREATE INDEX captures_by_site_time ON captures (site_key, received_ms, pos);
CREATE INDEX captures_by_phone ON captures (phone, received_ms, pos) WHERE phone IS NOT NULL;
CREATE INDEX captures_by_email ON captures (email, received_ms, pos) WHERE email IS NOT NULL;

CREATE TABLE chain_heads (
  site_key TEXT PRIMARY KEY,
  seq ${bigint} NOT NULL,
  hash TEXT NOT NULL
);

CREATE TABLE checkpoints (
  pos ${pos},
  site_key TEXT NOT NULL,
  seq ${bigint} NOT NULL,
  hash TEXT NOT NULL,
  signed_at TEXT NOT NULL,
  jws TEXT NOT NULL,
  UNIQUE (site_key, seq)
);
CREATE INDEX checkpoints_by_time ON checkpoints (signed_at);

CREATE TABLE movements (
  pos ${pos},
  id TEXT NOT NULL UNIQUE,
  capture_id TEXT NOT NULL REFERENCES captures (capture_id),
  movement_key TEXT NOT NULL,
${consentColumns(bigint)}
  state TEXT NOT NULL,
  attempts INTEGER NOT NULL,
  next_attempt_at TEXT NOT NULL,
  deadline TEXT NOT NULL,
  lease_until TEXT,
  transaction_id TEXT,
  creation_date TEXT,
  last_error_code TEXT,
  last_error_message TEXT
);
CREATE INDEX movements_by_capture ON movements (capture_id, pos);
CREATE INDEX movements_by_key ON movements (movement_key, consent_date, pos);
CREATE INDEX movements_due ON movements (state, next_attempt_at, pos);

CREATE TABLE consent_mirror (
  consent_key TEXT PRIMARY KEY,
${consentColumns(bigint)}
  updated_at TEXT NOT NULL
);

CREATE TABLE webhook_events (
  pos ${pos},
  id TEXT NOT NULL UNIQUE,
  site_key TEXT NOT NULL,
  type TEXT NOT NULL,
  payload TEXT NOT NULL,
  created_at TEXT NOT NULL,
  state TEXT NOT NULL DEFAULT 'pending',
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT NOT NULL,
  lease_until TEXT,
  last_error TEXT,
  delivered_at TEXT
);
CREATE INDEX webhook_events_by_site ON webhook_events (site_key, pos);
CREATE INDEX webhook_events_due ON webhook_events (state, next_attempt_at, pos);
`,
);

// v2: where the sync worker's pull of İYS changes stopped, per brand (İYS's opaque `after`).
const v2 = dialects(
  (_pos, bigint) => `
CREATE TABLE sync_cursors (
  iys_code ${bigint} NOT NULL,
  brand_code ${bigint} NOT NULL,
  after_cursor TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (iys_code, brand_code)
);
`,
);

/** Every schema version, oldest first. */
export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'initial', ...v1 },
  { version: 2, name: 'sync-cursors', ...v2 },
  WEBHOOK_DELIVERIES_MIGRATION,
  DELIVERY_BATCHES_MIGRATION,
  IYS_ACCOUNTS_MIGRATION,
  RECONCILIATION_MIGRATION,
  IYS_TOKEN_GRANTS_MIGRATION,
  IYS_DAY_RECORDS_MIGRATION,
  RECONCILIATION_PURGE_MIGRATION,
  EVIDENCE_FILES_MIGRATION,
  VERIFICATIONS_MIGRATION,
];

/** The migrations whose version is not in `applied`, oldest first. */
export function pendingMigrations(applied: ReadonlySet<number>): Migration[] {
  return MIGRATIONS.filter((m) => !applied.has(m.version));
}

/** The table that records which versions ran, created (if missing) by both dialects. */
export const SCHEMA_MIGRATIONS_DDL = {
  sqlite:
    'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL) STRICT',
  postgres:
    'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())',
} as const;

/**
 * The PostgreSQL advisory lock (two-key form) that serialises `migrate()` across processes:
 * class 0x697a6e6c ("iznl" in ASCII, izinli's lock namespace), object 1. Other izinli locks use other
 * object ids in the same class.
 */
export const MIGRATION_LOCK = { classId: 0x697a6e6c, objectId: 1 } as const;

/** The advisory lock (same class, object 2) that serialises `applyIysChanges` across processes. */
export const MIRROR_SYNC_LOCK = { classId: 0x697a6e6c, objectId: 2 } as const;

/** PostgreSQL advisory lock class of an İYS account's token budget (the objectId: its iysCode). */
export const TOKEN_GRANT_LOCK = { classId: 0x697a6e6d } as const;
