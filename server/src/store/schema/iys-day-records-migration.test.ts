// Migration 8 rebuilds SQLite's captures table: run again over a populated store (captures with
// movements referencing them), it keeps every row, position and index, the movements' foreign
// key still holds and is still enforced, and the table now takes an `iys-day` record.
import { expect, it } from 'vitest';
import { SITE_A } from '../contract/store-fixtures.test-support.js';
import { expectCapturesRebuildKeepsAll } from './captures-rebuild.test-support.js';
import { IYS_DAY_RECORDS_MIGRATION } from './iys-day-records-migration.js';

it('A13: SQLite rebuilds captures keeping rows, positions, indexes and the movements’ foreign key', async () => {
  await expectCapturesRebuildKeepsAll({
    rebuild: IYS_DAY_RECORDS_MIGRATION.sqlite,
    // The columns and indexes migration 8 knew (later versions add their own).
    rowsSql: `SELECT pos, capture_id, site_key, seq, prev_hash, record_hash, body_hash, kind, record,
      receipt, received_at, received_ms, phone, email, purged_at FROM captures ORDER BY pos`,
    indexesSql: `SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'captures'
      AND name <> 'captures_by_confirms'`,
    then(db) {
      const iysDay = db.prepare(
        `INSERT INTO captures (capture_id, site_key, seq, prev_hash, record_hash, body_hash, kind,
          received_at, received_ms) VALUES ('d', ?, 4, 'p', 'r', 'b', 'iys-day', 'x', 0)`,
      );
      expect(() => iysDay.run(SITE_A)).not.toThrow();
    },
  });
});
