// Migration 8: a chained record may be a reconciled İYS day (`kind = 'iys-day'`, no personal
// data; docs/iys.md#the-day-in-the-chain). PostgreSQL swaps the kind check; SQLite cannot alter a
// check, so the captures table is rebuilt, rows, positions and indexes as they were (the SQLite
// store migrates with foreign keys off and checks them before committing).
import { rebuildSqliteCaptures } from './captures-rebuild.js';
import type { Migration } from './migration.js';

const KINDS = "('capture', 'withdrawal', 'iys-day')";

const sqlite = rebuildSqliteCaptures(8, KINDS);

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
