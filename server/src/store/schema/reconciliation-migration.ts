// Migration 6: İYS reconciliation (MUTABAKAT, docs/iys.md#reconciliation-mutabakat) and the
// subscription watch. `iys_changes` keeps every citizen change pulled or pushed with İYS's
// transactionId and creationDate, because the mirror keeps only each key's latest state and a day
// of İYS's movement file cannot be rebuilt from it. `reconciliation_days` is one row per brand and
// Turkey day with its outcome and differences; `reconciliation_files` holds the day's CSV and the
// .tsr time stamp, content-addressed by SHA-256, so the evidence lives wherever the database does.
// `iys_subscriptions` is the last daily subscription check per İYS account.
import type { Migration } from './migration.js';

const tables = (pos: string, integer: string, bytes: string) => `
CREATE TABLE iys_changes (
  pos ${pos},
  iys_code ${integer} NOT NULL,
  brand_code ${integer} NOT NULL,
  transaction_id TEXT NOT NULL,
  creation_date TEXT NOT NULL,
  recipient TEXT NOT NULL,
  recipient_type TEXT NOT NULL,
  type TEXT NOT NULL,
  status TEXT NOT NULL,
  consent_date TEXT NOT NULL,
  source TEXT NOT NULL,
  via TEXT NOT NULL CHECK (via IN ('pull', 'push')),
  received_at TEXT NOT NULL,
  UNIQUE (iys_code, brand_code, transaction_id)
);
CREATE INDEX iys_changes_by_day ON iys_changes (iys_code, brand_code, creation_date);

CREATE INDEX movements_by_creation ON movements (iys_code, brand_code, creation_date)
  WHERE creation_date IS NOT NULL;

CREATE TABLE reconciliation_files (
  sha256 TEXT PRIMARY KEY,
  media_type TEXT NOT NULL,
  size ${integer} NOT NULL,
  content ${bytes} NOT NULL,
  stored_at TEXT NOT NULL
);

CREATE TABLE reconciliation_days (
  iys_code ${integer} NOT NULL,
  brand_code ${integer} NOT NULL,
  day TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('agreed', 'mismatch', 'missed', 'empty')),
  checked_at TEXT NOT NULL,
  iys_rows ${integer},
  izinli_rows ${integer},
  hash TEXT,
  file_sha256 TEXT REFERENCES reconciliation_files (sha256),
  timestamp_sha256 TEXT REFERENCES reconciliation_files (sha256),
  agreed_at TEXT,
  reason TEXT,
  difference_count ${integer} NOT NULL DEFAULT 0,
  differences TEXT NOT NULL DEFAULT '[]',
  PRIMARY KEY (iys_code, brand_code, day)
);

CREATE TABLE iys_subscriptions (
  iys_code ${integer} PRIMARY KEY,
  checked_at TEXT NOT NULL,
  status TEXT,
  expiration_date TEXT,
  days_left ${integer},
  package_name TEXT,
  warning TEXT CHECK (warning IN ('ending', 'inactive', 'unavailable')),
  error TEXT
);
`;

/** Version 6: İYS changes by transactionId, reconciliation days and files, subscription checks. */
export const RECONCILIATION_MIGRATION: Migration = {
  version: 6,
  name: 'reconciliation',
  sqlite: tables('INTEGER PRIMARY KEY', 'INTEGER', 'BLOB').replace(/\n\);/g, '\n) STRICT;'),
  postgres: tables('BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY', 'BIGINT', 'BYTEA'),
};
