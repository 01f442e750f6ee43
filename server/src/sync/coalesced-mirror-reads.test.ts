// Checks started together share one mirror read, each still gets its own keys' states, and a
// failed read fails every check it served rather than answering any of them wrongly.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { movementKey } from '@izinli/core';
import type { ConsentStatus } from '@izinli/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../store/sqlite/sqlite-store.js';
import type { MirrorEntry } from '../store/types.js';
import { coalescedMirrorReads } from './coalesced-mirror-reads.js';

const BRAND = { iysCode: 100000, brandCode: 100000 };
const keyOf = (recipient: string) =>
  movementKey({ ...BRAND, recipientType: 'BIREYSEL', type: 'MESAJ', recipient });
const entry = (recipient: string, status: ConsentStatus): MirrorEntry => ({
  key: keyOf(recipient),
  ...BRAND,
  recipientType: 'BIREYSEL',
  type: 'MESAJ',
  recipient,
  status,
  consentDate: '2025-10-15 10:00:00',
  source: 'IYS_WEB',
  updatedAt: '2025-10-15T07:00:00.000Z',
});

let dir: string;
let store: Awaited<ReturnType<typeof openSqliteStore>>;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'izinli-coalesce-'));
  store = await openSqliteStore({ file: join(dir, 'izinli.sqlite') });
  await store.migrate();
  await store.upsertMirror([entry('+905321000001', 'ONAY'), entry('+905321000002', 'RET')]);
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The store, with every mirror read's keys noted. */
function counted(fail = false) {
  const reads: string[][] = [];
  return {
    reads,
    mirror: async (keys: readonly string[]) => {
      reads.push([...keys]);
      if (fail) throw new Error('disk gone');
      return store.mirror(keys);
    },
    pendingRefusals: (keys: readonly string[]) => store.pendingRefusals(keys),
  };
}

describe('coalescedMirrorReads', () => {
  it('A2: checks started in one turn share one read; each gets its own keys, in order', async () => {
    const spy = counted();
    const read = coalescedMirrorReads(spy);
    const [one, two, both] = await Promise.all([
      read([keyOf('+905321000001')]),
      read([keyOf('+905321000002')]),
      read([keyOf('+905329999999'), keyOf('+905321000001')]),
    ]);
    expect(spy.reads).toHaveLength(1);
    expect(spy.reads[0]).toHaveLength(3);
    expect(one.map((s) => s.entry?.status)).toEqual(['ONAY']);
    expect(two.map((s) => s.entry?.status)).toEqual(['RET']);
    expect(both.map((s) => s.entry?.status)).toEqual([undefined, 'ONAY']);
    // A later turn reads again.
    await read([keyOf('+905321000002')]);
    expect(spy.reads).toHaveLength(2);
  });

  it('reads a call of maxKeys or more alone, and starts a new read when a turn reaches maxKeys', async () => {
    const spy = counted();
    const read = coalescedMirrorReads(spy, 3);
    const keys = ['+905321000001', '+905321000002', '+905329999999'].map(keyOf);
    const answers = await Promise.all([
      read([keys[0]!]),
      read([keys[1]!]),
      read([keys[1]!, keys[2]!]),
      read(keys),
    ]);
    // [k0, k1] went when [k1, k2] would have made the turn's read 4 keys; all 3 keys read alone.
    expect(spy.reads).toEqual([[keys[0], keys[1]], keys, [keys[1], keys[2]]]);
    expect(answers[2]!.map((s) => s.entry?.status)).toEqual(['RET', undefined]);
  });

  it('a failed read fails every check it served', async () => {
    const read = coalescedMirrorReads(counted(true));
    const results = await Promise.allSettled([
      read([keyOf('+905321000001')]),
      read([keyOf('+905321000002')]),
    ]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
  });
});
