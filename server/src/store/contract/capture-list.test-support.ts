// The CaptureStore contract (ports/capture-store.ts), listing: the admin list's filters and
// cursor pages.
import { exampleIysDay } from '@izinli/core/fixtures';
import { beforeEach, describe, expect, it } from 'vitest';
import { iysDayWrite } from '../../capture/seal-iys-day.js';
import { sha256HexSync } from '../../proof/node-sha256.js';
import { isCaptureCursor } from '../sql/capture-query.js';
import {
  SITE_A,
  SITE_B,
  appendCapture,
  at,
  email,
  movementFixture,
  phone,
  uuid,
} from './store-fixtures.test-support.js';
import type { RecordSpec } from './store-fixtures.test-support.js';
import type { StoreGetter } from './store-contract.test-support.js';
import type { CaptureFilter, Store, StoredCapture } from '../store.js';

// Eight captures over two sites; 5 and 6 arrive in the same millisecond.
const SPECS: RecordSpec[] = [
  { n: 1, siteKey: SITE_A, phone: phone(1), email: email(1) },
  { n: 2, siteKey: SITE_B, phone: phone(2) },
  { n: 3, siteKey: SITE_A, email: email(1) },
  { n: 4, siteKey: SITE_A, kind: 'withdrawal', phone: phone(1) },
  { n: 5, siteKey: SITE_B, email: email(5), receivedAt: at(5) },
  { n: 6, siteKey: SITE_A, phone: phone(6), receivedAt: at(5) },
  { n: 7, siteKey: SITE_B, kind: 'withdrawal', email: email(1) },
  { n: 8, siteKey: SITE_A, phone: phone(1) },
];

/** Every page of a listing, following cursors. */
async function allPages(store: Store, filter: CaptureFilter): Promise<StoredCapture[][]> {
  const pages: StoredCapture[][] = [];
  let cursor: string | undefined;
  do {
    const page = await store.listCaptures({ ...filter, ...(cursor ? { cursor } : {}) });
    pages.push(page.items);
    cursor = page.nextCursor;
    if (cursor) expect(isCaptureCursor(cursor)).toBe(true);
  } while (cursor);
  return pages;
}

const ids = (captures: readonly StoredCapture[]) => captures.map((c) => c.captureId);
const byN = (...ns: number[]) => ns.map(uuid);

export function describeListContract(store: StoreGetter) {
  describe('listCaptures', () => {
    beforeEach(async () => {
      for (const spec of SPECS) await appendCapture(store(), spec);
    });

    it('lists every capture newest first, ties broken the same way every time', async () => {
      const { items, nextCursor } = await store().listCaptures({});
      expect(nextCursor).toBeUndefined();
      // 6 was stored after 5 in the same millisecond, so it is the newer of the two.
      expect(ids(items)).toEqual(byN(8, 7, 6, 5, 4, 3, 2, 1));
      expect(items[0]).toEqual(await store().getCapture(uuid(8)));
    });

    it('filters by site, phone, e-mail, kind and time (from inclusive, to exclusive)', async () => {
      const list = async (filter: CaptureFilter) => ids((await store().listCaptures(filter)).items);
      expect(await list({ siteKeys: [SITE_B] })).toEqual(byN(7, 5, 2));
      expect(await list({ siteKeys: [SITE_A, SITE_B] })).toHaveLength(8);
      expect(await list({ siteKeys: [] })).toEqual([]);
      expect(await list({ phone: phone(1) })).toEqual(byN(8, 4, 1));
      expect(await list({ email: email(1) })).toEqual(byN(7, 3, 1));
      expect(await list({ email: email(1), siteKeys: [SITE_A] })).toEqual(byN(3, 1));
      expect(await list({ kind: 'withdrawal' })).toEqual(byN(7, 4));
      expect(await list({ kind: 'capture', phone: phone(1) })).toEqual(byN(8, 1));
      expect(await list({ from: at(3), to: at(7) })).toEqual(byN(6, 5, 4, 3));
      expect(await list({ from: '2026-11-02T09:00:05Z' })).toEqual(byN(8, 7, 6, 5));
      expect(await list({ phone: phone(99) })).toEqual([]);
    });

    it('filters by a channel moved and by a movement’s delivery state', async () => {
      // Three more captures with movements: MESAJ pending, EPOSTA dead, MESAJ + EPOSTA delivered.
      const moved = [
        { n: 9, movements: [{ type: 'MESAJ', state: 'pending' }] },
        { n: 10, movements: [{ type: 'EPOSTA', state: 'dead' }] },
        {
          n: 11,
          movements: [
            { type: 'MESAJ', state: 'delivered' },
            { type: 'EPOSTA', state: 'delivered' },
          ],
        },
      ] as const;
      for (const { n, movements } of moved) {
        await appendCapture(
          store(),
          { n, phone: phone(n), email: email(n) },
          {
            movements: (captureId) =>
              movements.map((m, i) =>
                movementFixture({ n: n * 10 + i, captureId, type: m.type, state: m.state }),
              ),
          },
        );
      }
      const list = async (filter: CaptureFilter) => ids((await store().listCaptures(filter)).items);
      expect(await list({ channel: 'MESAJ' })).toEqual(byN(11, 9));
      expect(await list({ channel: 'EPOSTA' })).toEqual(byN(11, 10));
      expect(await list({ channel: 'ARAMA' })).toEqual([]);
      expect(await list({ state: 'dead' })).toEqual(byN(10));
      expect(await list({ state: 'delivered', channel: 'EPOSTA' })).toEqual(byN(11));
      expect(await list({ state: 'pending', channel: 'EPOSTA' })).toEqual([]);
      expect(await list({ state: 'pending', siteKeys: [SITE_B] })).toEqual([]);
    });

    it('pages with a cursor without duplicates or gaps, for every page size', async () => {
      const everything = ids((await store().listCaptures({})).items);
      for (const limit of [1, 2, 3, 7, 8, 9]) {
        const pages = await allPages(store(), { limit });
        expect(pages.flat().map((c) => c.captureId)).toEqual(everything);
        expect(pages.slice(0, -1).every((p) => p.length === limit)).toBe(true);
      }
      const filtered = await allPages(store(), { siteKeys: [SITE_A], limit: 2 });
      expect(filtered.map(ids)).toEqual([byN(8, 6), byN(4, 3), byN(1)]);
    });

    it('keeps paging the same list while newer captures arrive', async () => {
      const first = await store().listCaptures({ limit: 3 });
      await appendCapture(store(), { n: 9, siteKey: SITE_A, phone: phone(9) });
      const rest = await allPages(store(), { limit: 3, cursor: first.nextCursor! });
      expect([...ids(first.items), ...rest.flat().map((c) => c.captureId)]).toEqual(
        byN(8, 7, 6, 5, 4, 3, 2, 1),
      );
    });

    it('refuses a cursor it did not make', async () => {
      for (const bad of ['', 'not-a-cursor', Buffer.from('[1,-2]').toString('base64url')]) {
        expect(isCaptureCursor(bad)).toBe(false);
        await expect(store().listCaptures({ cursor: bad })).rejects.toThrow(RangeError);
      }
    });
  });

  it('leaves a chained İYS day out of the list and the retention candidates, never out of the chain', async () => {
    await appendCapture(store(), { n: 1, siteKey: SITE_A, phone: phone(1) });
    const record = {
      ...exampleIysDay,
      captureId: uuid(90),
      siteKey: SITE_A,
      receivedAt: at(2),
      timestampGenTime: at(1),
    };
    const draft = {
      captureId: record.captureId,
      siteKey: SITE_A,
      bodyHash: 'd'.repeat(64),
      record,
    };
    await store().write([SITE_A], async (tx) => {
      const { write } = iysDayWrite(draft, await tx.chainHead(SITE_A), sha256HexSync);
      write.capture.receipt = 'signed';
      await tx.insertCapture(write);
    });
    const listed = (await store().listCaptures({})).items.map((c) => c.captureId);
    expect(listed).toEqual([uuid(1)]);
    const candidates = await store().retentionCandidates({
      siteKey: SITE_A,
      receivedBeforeMs: Date.parse(at(100)),
      afterSeq: 0,
      limit: 10,
    });
    expect(candidates.map((c) => c.captureId)).toEqual([uuid(1)]);
    const chain: StoredCapture[] = [];
    for await (const c of store().chain(SITE_A)) chain.push(c);
    expect(chain.map((c) => c.record?.kind)).toEqual(['capture', 'iys-day']);
    expect((await store().getCapture(record.captureId))?.record).toEqual({
      ...record,
      seq: 2,
      prevHash: chain[0]!.recordHash,
      recordHash: chain[1]!.recordHash,
    });
  });
}
