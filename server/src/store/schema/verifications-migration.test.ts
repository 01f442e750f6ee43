// Migration 11 rebuilds SQLite's captures table again: run over a populated store, it keeps every
// row, position and index, the foreign keys onto captures (movements, verifications) still hold,
// and the table now takes a `confirmation` record naming the capture it confirms.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, expect, it } from 'vitest';
import { SITE_A, appendCapture, movementFixture } from '../contract/store-fixtures.test-support.js';
import { openSqliteStore } from '../sqlite/sqlite-store.js';
import { VERIFICATIONS_MIGRATION } from './verifications-migration.js';

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

// Everything but the verifications table, which the migration creates (dropped to run it again).
const REBUILD = VERIFICATIONS_MIGRATION.sqlite.slice(
  0,
  VERIFICATIONS_MIGRATION.sqlite.indexOf('CREATE TABLE verifications'),
);

it('A13: SQLite rebuilds captures keeping rows, positions, indexes and the foreign keys onto it', async () => {
  dir = mkdtempSync(join(tmpdir(), 'izinli-migration-11-'));
  const file = join(dir, 'izinli.sqlite');
  const store = await openSqliteStore({ file });
  await store.migrate();
  for (const n of [1, 2, 3]) {
    await appendCapture(
      store,
      { n },
      { movements: (captureId) => [movementFixture({ n, captureId })] },
    );
  }
  await store.close();

  const db = new Database(file);
  try {
    const rows = () => db.prepare('SELECT * FROM captures ORDER BY pos').all();
    const indexes = () =>
      db
        .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'captures'")
        .all();
    const before = { rows: rows(), indexes: indexes() };
    db.pragma('foreign_keys = OFF');
    db.transaction(() => db.exec(REBUILD)).immediate();
    db.pragma('foreign_keys = ON');
    expect(rows()).toEqual(before.rows);
    expect(indexes()).toEqual(before.indexes);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    const orphan = () =>
      db.prepare("UPDATE movements SET capture_id = 'no-such-capture' WHERE id = 'mv-1'").run();
    expect(orphan).toThrow(/FOREIGN KEY/);
    const confirmation = db.prepare(
      `INSERT INTO captures (capture_id, site_key, seq, prev_hash, record_hash, body_hash, kind,
        received_at, received_ms, confirms) VALUES ('c', ?, 4, 'p', 'r', 'b', 'confirmation', 'x', 0, 'k')`,
    );
    expect(() => confirmation.run(SITE_A)).not.toThrow();
  } finally {
    db.close();
  }
});
