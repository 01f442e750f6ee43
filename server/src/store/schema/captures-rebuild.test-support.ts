// The check of a migration that rebuilds SQLite's captures table: run again over a populated store
// (captures with movements referencing them), it keeps every row, position and index, and the
// foreign keys onto captures still hold and are still enforced.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { expect } from 'vitest';
import { appendCapture, movementFixture } from '../contract/store-fixtures.test-support.js';
import { openSqliteStore } from '../sqlite/sqlite-store.js';

export interface CapturesRebuildCheck {
  /** The SQL run again over the populated store. */
  rebuild: string;
  /** Selects the rows that must come through unchanged, in order. */
  rowsSql: string;
  /** Selects the names of the indexes that must come through unchanged. */
  indexesSql: string;
  /** What the rebuilt table must now take, checked on the same database. */
  then(db: Database.Database): void;
}

export async function expectCapturesRebuildKeepsAll(check: CapturesRebuildCheck): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'izinli-captures-rebuild-'));
  try {
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
      const rows = () => db.prepare(check.rowsSql).all();
      const indexes = () => db.prepare(check.indexesSql).all();
      const before = { rows: rows(), indexes: indexes() };
      db.pragma('foreign_keys = OFF');
      db.transaction(() => db.exec(check.rebuild)).immediate();
      db.pragma('foreign_keys = ON');
      expect(rows()).toEqual(before.rows);
      expect(indexes()).toEqual(before.indexes);
      expect(db.pragma('foreign_key_check')).toEqual([]);
      const orphan = () =>
        db.prepare("UPDATE movements SET capture_id = 'no-such-capture' WHERE id = 'mv-1'").run();
      expect(orphan).toThrow(/FOREIGN KEY/);
      check.then(db);
    } finally {
      db.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
