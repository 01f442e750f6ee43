// Migration 8: a chained record may be a reconciled İYS day (`kind = 'iys-day'`, no personal
// data; docs/iys.md#the-day-in-the-chain). PostgreSQL swaps the kind check; SQLite cannot alter a
// check, so the captures table is rebuilt, rows, positions and indexes as they were (the SQLite
// store migrates with foreign keys off and checks them before committing).
import type { Migration } from './migration.js';

const KINDS = "('capture', 'withdrawal', 'iys-day')";

const sqlite = `
CREATE TABLE captures_v8 (
  pos INTEGER PRIMARY KEY,
  capture_id TEXT NOT NULL UNIQUE,
  site_key TEXT NOT NULL,
  seq INTEGER NOT NULL CHECK (seq >= 1),
  prev_hash TEXT NOT NULL,
  record_hash TEXT NOT NULL,
  body_hash TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ${KINDS}),
  record TEXT,
  receipt TEXT,
  received_at TEXT NOT NULL,
  received_ms INTEGER NOT NULL,
  phone TEXT,
  email TEXT,
  purged_at TEXT,
  UNIQUE (site_key, seq)
) STRICT;
INSERT INTO captures_v8 (pos, capture_id, site_key, seq, prev_hash, record_hash, body_hash, kind,
  record, receipt, received_at, received_ms, phone, email, purged_at)
  SELECT pos, capture_id, site_key, seq, prev_hash, record_hash, body_hash, kind,
  record, receipt, received_at, received_ms, phone, email, purged_at FROM captures;
DROP TABLE captures;
ALTER TABLE captures_v8 RENAME TO captures;
CREATE INDEX captures_by_time ON captures (received_ms, pos);
CREATE INDEX captures_by_site_time ON captures (site_key, received_ms, pos);
CREATE INDEX captures_by_phone ON captures (phone, received_ms, pos) WHERE phone IS NOT NULL;
CREATE INDEX captures_by_email ON captures (email, received_ms, pos) WHERE email IS NOT NULL;
`;

const postgres = `
ALTER TABLE captures DROP CONSTRAINT captures_kind_check;
ALTER TABLE captures ADD CONSTRAINT captures_kind_check CHECK (kind IN ${KINDS});
`;

/** Version 8: captures may be of kind `iys-day`. */
export const IYS_DAY_RECORDS_MIGRATION: Migration = {
  version: 8,
  name: 'iys-day-records',
  sqlite,
  postgres,
};
