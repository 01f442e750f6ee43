// Migrated SQLite stores in temporary folders for tests that need a real file, each closed and
// its folder removed after the test that opened it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { openSqliteStore } from './sqlite-store.js';
import type { SqliteStore } from './sqlite-store.js';

/** Registers the clean-up and returns the opener: a fresh store and its folder (named `prefix…`). */
export function tempSqliteStores(prefix: string) {
  const opened: { store: SqliteStore; dir: string }[] = [];
  afterEach(async () => {
    for (const { store, dir } of opened.splice(0)) {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
  return async function openTempStore(): Promise<{ store: SqliteStore; dir: string }> {
    const dir = mkdtempSync(join(tmpdir(), prefix));
    const store = await openSqliteStore({ file: join(dir, 'izinli.sqlite') });
    opened.push({ store, dir });
    await store.migrate();
    return { store, dir };
  };
}
