// Migration 9: a stored reconciliation file can be purged (docs/iys.md#retention-of-the-days):
// its bytes are emptied and `purged_at` set, its row and SHA-256 kept, so the days that name it
// and the chained `iys-day` records still say which file it was.
import type { Migration } from './migration.js';

const ddl = 'ALTER TABLE reconciliation_files ADD COLUMN purged_at TEXT;';

/** Version 9: `reconciliation_files.purged_at`. */
export const RECONCILIATION_PURGE_MIGRATION: Migration = {
  version: 9,
  name: 'reconciliation-purge',
  sqlite: ddl,
  postgres: ddl,
};
