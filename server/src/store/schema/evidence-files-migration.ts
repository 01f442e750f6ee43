// Migration 10: evidence files (A19). One row per (tenant, SHA-256). SQLite keeps the bytes in a
// file named by the hash under the data directory, so `content` stays NULL there; PostgreSQL keeps
// them in `content`, so every instance behind the database sees the same files.
import type { Migration } from './migration.js';

/** Version 10: `evidence_files`. */
export const EVIDENCE_FILES_MIGRATION: Migration = {
  version: 10,
  name: 'evidence-files',
  sqlite: `CREATE TABLE evidence_files (
  tenant_id TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  media_type TEXT NOT NULL,
  size INTEGER NOT NULL CHECK (size >= 1),
  stored_at TEXT NOT NULL,
  PRIMARY KEY (tenant_id, sha256)
) STRICT;`,
  postgres: `CREATE TABLE evidence_files (
  tenant_id TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  media_type TEXT NOT NULL,
  size BIGINT NOT NULL CHECK (size >= 1),
  stored_at TEXT NOT NULL,
  content BYTEA NOT NULL,
  PRIMARY KEY (tenant_id, sha256)
);`,
};
