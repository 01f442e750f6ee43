// Migration 8 rebuilds SQLite's captures table: run again over a populated store (captures with
// movements referencing them), it keeps every row, position and index, the movements' foreign
// key still holds and is still enforced, and the table now takes an `iys-day` record.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, expect, it } from 'vitest';
import { SITE_A, appendCapture, movementFixture } from '../contract/store-fixtures.test-support.js';
import { openSqliteStore } from '../sqlite/sqlite-store.js';
import { IYS_DAY_RECORDS_MIGRATION } from './iys-day-records-migration.js';

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

it('A13: SQLite rebuilds captures keeping rows, positions, indexes and the movements’ foreign key', async () => {
  dir = mkdtempSync(join(tmpdir(), 'izinli-migration-8-'));
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
    // The columns and indexes migration 8 knew (later versions add their own).
    const rows = () =>
      db
        .prepare(
          `SELECT pos, capture_id, site_key, seq, prev_hash, record_hash, body_hash, kind, record,
            receipt, received_at, received_ms, phone, email, purged_at FROM captures ORDER BY pos`,
        )
        .all();
    const indexes = () =>
      db
        .prepare(
          `SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'captures'
            AND name <> 'captures_by_confirms'`,
        )
        .all();
    const before = { rows: rows(), indexes: indexes() };
    db.pragma('foreign_keys = OFF');
    db.transaction(() => db.exec(IYS_DAY_RECORDS_MIGRATION.sqlite)).immediate();
    db.pragma('foreign_keys = ON');
    expect(rows()).toEqual(before.rows);
    expect(indexes()).toEqual(before.indexes);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    const orphan = () =>
      db.prepare("UPDATE movements SET capture_id = 'no-such-capture' WHERE id = 'mv-1'").run();
    expect(orphan).toThrow(/FOREIGN KEY/);
    const iysDay = db.prepare(
      `INSERT INTO captures (capture_id, site_key, seq, prev_hash, record_hash, body_hash, kind,
        received_at, received_ms) VALUES ('d', ?, 4, 'p', 'r', 'b', 'iys-day', 'x', 0)`,
    );
    expect(() => iysDay.run(SITE_A)).not.toThrow();
  } finally {
    db.close();
  }
});
