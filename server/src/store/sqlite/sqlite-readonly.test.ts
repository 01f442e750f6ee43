// SQLite refusing writes under a running app: the store's writer connection is switched
// to `PRAGMA query_only` — SQLite itself then answers every write with SQLITE_READONLY, as for a
// read-only file — while captures arrive. (A read-only remount is refused by the kernel while
// the file is open for writing, and root ignores file modes, so this is the honest way to make
// the real SQLite refuse; the disk-full case runs on a real tmpfs in test/src/disk-faults.test.ts.)
// Every capture is then refused with 503 JSON and nothing of it is written; once writable again
// captures are accepted, the chain continues unbroken and every acknowledged capture is there.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { CaptureRecord, checkCaptureChain, deadlineFor } from '@izinli/core';
import { EXAMPLE_SITE_KEY, exampleServerConfig } from '@izinli/core/fixtures';
import { pino } from 'pino';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GroupCommitter } from '../../capture/group-commit.js';
import { checkServerConfig } from '../../config/load-config.js';
import { createApp } from '../../http/app.js';
import { ORIGIN, postCapture, validCapture } from '../../http/app-harness.test-support.js';
import { createMetrics } from '../../http/metrics.js';
import { loadKeyRing, signReceipt } from '../../proof/index.js';
import { SqliteConnection } from './connection.js';
import { SqliteStore } from './sqlite-store.js';
import { chainOf } from '../contract/store-fixtures.test-support.js';

let dir: string;
let writer: SqliteConnection;
let store: SqliteStore;
let app: ReturnType<typeof createApp>;
const logs: string[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'izinli-readonly-'));
  const file = join(dir, 'izinli.sqlite');
  writer = SqliteConnection.open(file, 'writer', 1000);
  store = new SqliteStore(
    writer,
    SqliteConnection.open(file, 'reader', 1000),
    join(dirname(file), 'evidence'),
  );
  await store.migrate();
  const ring = await loadKeyRing({ dataDir: dir });
  const loaded = await checkServerConfig(exampleServerConfig, { IYS_PASSWORD: 'demo' });
  if (!loaded.ok) throw new Error('example config invalid');
  const committer = new GroupCommitter({
    store,
    signReceipt: (record) => signReceipt(ring, record),
    newId: randomUUID,
    deadlineFor: (consentDate) => deadlineFor(consentDate, loaded.value.calendars.conservative),
  });
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logs.push(chunk.toString());
      done();
    },
  });
  app = createApp({
    config: loaded.value,
    store,
    committer,
    jwks: () => ring.jwks(),
    signToken: (payload, typ) => ring.sign(payload, typ),
    metrics: createMetrics(store),
    logger: pino({ level: 'info' }, sink),
    clientIp: () => '203.0.113.9',
    limits: { perIpPerMinute: 1_000_000, perSitePerMinute: 1_000_000 },
  });
});
afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const readOnly = (on: boolean) => writer.db.pragma(`query_only = ${on ? 'ON' : 'OFF'}`);

/** Posts `count` captures at once (they share group commits); their statuses and ids. */
async function burst(count: number) {
  const bodies = Array.from({ length: count }, (_, i) =>
    validCapture({
      person: {
        fullName: 'Ayşe Yılmaz',
        phone: `0532 ${String(2000000 + i)}`,
        email: `ayse${i}@ornek.com.tr`,
      },
    }),
  );
  const responses = await Promise.all(bodies.map((b) => postCapture(app, b, { Origin: ORIGIN })));
  return Promise.all(
    responses.map(async (r, i) => ({ id: bodies[i]!.id, status: r.status, body: await r.json() })),
  );
}

describe('SQLite read-only under load', () => {
  it('A13: SQLITE_READONLY → every capture 503 JSON, nothing half-written; writable again → the chain goes on', async () => {
    const before = await burst(10);
    expect(before.map((r) => r.status)).toEqual(Array(10).fill(201));
    const stats = await store.stats();
    const head = await store.chainHead(EXAMPLE_SITE_KEY);

    readOnly(true);
    const refused = await burst(12);
    for (const r of refused) {
      expect(r.status).toBe(503);
      expect(r.body).toMatchObject({ error: { code: 'server.unavailable' } });
    }
    // Nothing of them: no record, no movement, no event, the chain head where it was.
    readOnly(false);
    expect(await store.stats()).toEqual(stats);
    expect(await store.chainHead(EXAMPLE_SITE_KEY)).toEqual(head);
    for (const r of refused) expect(await store.getCapture(r.id)).toBeUndefined();
    expect(await store.movements({ captureId: refused[0]!.id })).toEqual([]);

    const after = await burst(10);
    expect(after.map((r) => r.status)).toEqual(Array(10).fill(201));
    // A refused capture sent again (the widget retries) is accepted now.
    const again = await postCapture(
      app,
      { ...validCapture(), id: refused[0]!.id },
      { Origin: ORIGIN },
    );
    expect(again.status).toBe(201);

    const chain = await chainOf(store, EXAMPLE_SITE_KEY);
    expect(chain).toHaveLength(21);
    const records = chain.map((c) => CaptureRecord.parse(c.record));
    expect(await checkCaptureChain(records)).toEqual([]);
    for (const r of [...before, ...after]) expect(await store.getCapture(r.id)).toBeDefined();
    expect(logs.some((l) => l.includes('readonly'))).toBe(true);
    for (const line of logs) expect(line).not.toMatch(/Ayşe|Yılmaz|\+90532|0532 |ornek\.com\.tr/);
  });
});
