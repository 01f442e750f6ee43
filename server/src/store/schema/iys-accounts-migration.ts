// Migration 5: each İYS account's delivery state (paused with its cause and next probe, or
// active) and its shared token, one row per account. A row appears on the first pause or token.
import type { Migration } from './migration.js';

const accounts = (bigint: string) => `
CREATE TABLE iys_accounts (
  iys_code ${bigint} PRIMARY KEY,
  state TEXT NOT NULL CHECK (state IN ('active', 'paused')),
  cause_code TEXT,
  cause_message TEXT,
  cause_status INTEGER,
  paused_at TEXT,
  next_probe_at TEXT,
  probes INTEGER NOT NULL DEFAULT 0,
  updated_at TEXT NOT NULL
)`;

const tokens = (bigint: string) => `
CREATE TABLE iys_tokens (
  iys_code ${bigint} PRIMARY KEY,
  token TEXT NOT NULL,
  updated_at TEXT NOT NULL
)`;

/** Version 5: `iys_accounts` and `iys_tokens`. */
export const IYS_ACCOUNTS_MIGRATION: Migration = {
  version: 5,
  name: 'iys-accounts',
  sqlite: `${accounts('INTEGER')} STRICT;\n${tokens('INTEGER')} STRICT;`,
  postgres: `${accounts('BIGINT')};\n${tokens('BIGINT')};`,
};
