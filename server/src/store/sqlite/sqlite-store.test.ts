import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../schema/migrations.js';
import { openStore, sqliteFileIn } from '../open-store.js';
import { describeStoreContract } from '../contract/store-contract.test-support.js';
import {
  SITE_A,
  appendCapture,
  captureWrite,
  chainOf,
  phone,
  uuid,
} from '../contract/store-fixtures.test-support.js';
import { openSqliteStore } from './sqlite-store.js';
import type { SqliteStore } from './sqlite-store.js';
import type { WriteTx } from '../store.js';

describeStoreContract('SQLite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'izinli-store-'));
  const store = await openSqliteStore({ file: join(dir, 'izinli.sqlite') });
  return {
    store,
    async cleanup() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

describe('SQLite store', () => {
  let dir: string;
  let file: string;
  const opened: SqliteStore[] = [];
  const open = async () => {
    const store = await openSqliteStore({ file });
    opened.push(store);
    return store;
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'izinli-store-'));
    file = join(dir, 'izinli.sqlite');
  });
  afterEach(async () => {
    for (const store of opened.splice(0)) await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs both connections in WAL mode with synchronous=FULL, foreign keys and a busy timeout', async () => {
    const store = await open();
    const expected = { journalMode: 'wal', synchronous: 2, foreignKeys: true, busyTimeoutMs: 5000 };
    expect(store.pragmas()).toEqual({ writer: expected, reader: expected });
  });

  it('creates the database file readable by its owner only', async () => {
    await open();
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('A19: keeps evidence files beside the database, readable by their owner only', async () => {
    const store = await open();
    await store.migrate();
    const bytes = new Uint8Array(Buffer.from('%PDF-1.7 form'));
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const at = '2026-11-26T09:15:30.000Z';
    const put = { tenantId: 'kitabevi', sha256, mediaType: 'application/pdf', bytes, storedAt: at };
    expect((await store.putEvidenceFile({ ...put, quotaBytes: 1000 })).kind).toBe('stored');
    const path = join(dir, 'evidence', 'kitabevi', sha256);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'evidence', 'kitabevi')).mode & 0o777).toBe(0o700);
    await store.deleteEvidenceFiles('kitabevi', [sha256]);
    expect(existsSync(path)).toBe(false);
  });

  it('keeps every record across close and reopen', async () => {
    const first = await open();
    await first.migrate();
    const written = [];
    for (let n = 1; n <= 3; n++) written.push(await appendCapture(first, { n, phone: phone(n) }));
    await first.close();
    const again = await open();
    await again.migrate();
    expect(await chainOf(again, SITE_A)).toEqual(written);
    expect((await again.chainHead(SITE_A)).hash).toBe(written[2]!.recordHash);
  });

  it('records each migration once, even when two stores on one file migrate at the same time', async () => {
    const [a, b] = [await open(), await open()];
    await Promise.all([a.migrate(), b.migrate(), a.migrate()]);
    const db = new Database(file, { readonly: true });
    try {
      const rows = db.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all();
      expect(rows).toEqual(MIGRATIONS.map(({ version, name }) => ({ version, name })));
    } finally {
      db.close();
    }
  });

  it('does not let the reader connection see a write transaction that is still open', async () => {
    const store = await open();
    await store.migrate();
    let seenInside: unknown;
    await store.write([SITE_A], async (tx) => {
      const write = await appendCaptureInside(tx);
      seenInside = {
        byReader: await store.getCapture(write),
        byWriter: (await tx.findCaptures([write])).has(write),
        readerHead: (await store.chainHead(SITE_A)).seq,
      };
    });
    expect(seenInside).toEqual({ byReader: undefined, byWriter: true, readerHead: 0 });
    expect((await store.getCapture(uuid(1)))?.seq).toBe(1);
  });

  it('openStore creates the data directory (0700) and a migrated store in it', async () => {
    const dataDir = join(dir, 'nested', 'data');
    const store = await openStore({ dataDir });
    try {
      expect(store.kind).toBe('sqlite');
      expect(statSync(dataDir).mode & 0o777).toBe(0o700);
      expect(statSync(sqliteFileIn(dataDir)).isFile()).toBe(true);
      expect(await store.stats()).toEqual({ captures: 0, pendingMovements: 0, pendingEvents: 0 });
    } finally {
      await store.close();
    }
  });

  it('refuses work after close, and closing twice is harmless', async () => {
    const store = await open();
    await store.migrate();
    await Promise.all([store.close(), store.close()]);
    await expect(store.write([SITE_A], async () => undefined)).rejects.toThrow(/closed/);
  });
});

/** Inserts capture 1 of SITE_A inside an open write and returns its id. */
async function appendCaptureInside(tx: WriteTx): Promise<string> {
  const write = await captureWrite(await tx.chainHead(SITE_A), { n: 1, phone: phone(1) });
  await tx.insertCapture(write);
  return write.capture.captureId;
}
