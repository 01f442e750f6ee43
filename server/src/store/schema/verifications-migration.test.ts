// Migration 11 rebuilds SQLite's captures table again: run over a populated store, it keeps every
// row, position and index, the foreign keys onto captures (movements, verifications) still hold,
// and the table now takes a `confirmation` record naming the capture it confirms.
import { expect, it } from 'vitest';
import { SITE_A } from '../contract/store-fixtures.test-support.js';
import { expectCapturesRebuildKeepsAll } from './captures-rebuild.test-support.js';
import { VERIFICATIONS_MIGRATION } from './verifications-migration.js';

// Everything but the verifications table, which the migration creates (dropped to run it again).
const REBUILD = VERIFICATIONS_MIGRATION.sqlite.slice(
  0,
  VERIFICATIONS_MIGRATION.sqlite.indexOf('CREATE TABLE verifications'),
);

it('A13: SQLite rebuilds captures keeping rows, positions, indexes and the foreign keys onto it', async () => {
  await expectCapturesRebuildKeepsAll({
    rebuild: REBUILD,
    rowsSql: 'SELECT * FROM captures ORDER BY pos',
    indexesSql: "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'captures'",
    then(db) {
      const confirmation = db.prepare(
        `INSERT INTO captures (capture_id, site_key, seq, prev_hash, record_hash, body_hash, kind,
          received_at, received_ms, confirms) VALUES ('c', ?, 4, 'p', 'r', 'b', 'confirmation', 'x', 0, 'k')`,
      );
      expect(() => confirmation.run(SITE_A)).not.toThrow();
    },
  });
});
