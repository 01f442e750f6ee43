// The MirrorStore contract (ports/mirror-store.ts): mirror upserts, pull cursors per brand and
// `applyIysChanges` — a later consentDate wins, an older change never overwrites a newer state,
// and mirror, events and cursor commit together.
import { movementKey } from '@izinli/core';
import type { ConsentStatus } from '@izinli/core';
import { expect, it } from 'vitest';
import {
  BRAND,
  SITE_A,
  at,
  keyOf,
  movementFixture,
  phone,
  uuid,
} from './store-fixtures.test-support.js';
import type { StoreGetter } from './store-contract.test-support.js';
import type { IysChangesWrite, MirrorEntry, WebhookEvent } from '../store.js';

function entry(n: number, status: ConsentStatus, consentDate: string): MirrorEntry {
  const fields = { ...BRAND, recipientType: 'BIREYSEL' as const, type: 'MESAJ' as const };
  const recipient = phone(n);
  return {
    key: movementKey({ ...fields, recipient }),
    ...fields,
    recipient,
    status,
    consentDate,
    source: status === 'RET' ? 'IYS_KISAMESAJ' : 'IYS_WEB',
    updatedAt: at(n),
  };
}

let eventCount = 0;
/** One `consent.changed` event for SITE_A per changed entry. */
function changed(e: MirrorEntry, previous: MirrorEntry | undefined): WebhookEvent[] {
  eventCount += 1;
  return [
    {
      id: `sync-ev-${eventCount}-${e.key}`,
      siteKey: SITE_A,
      type: 'consent.changed',
      payload: { key: e.key, status: e.status, previous: previous?.status ?? null },
      createdAt: at(eventCount),
    },
  ];
}

const write = (entries: MirrorEntry[], cursor?: string): IysChangesWrite => ({
  ...BRAND,
  entries,
  events: changed,
  ...(cursor === undefined ? {} : { cursor }),
});

const mirrorEntry = (n: number, status: 'ONAY' | 'RET'): MirrorEntry => {
  const fields = {
    ...BRAND,
    recipientType: 'BIREYSEL' as const,
    type: 'MESAJ' as const,
    recipient: phone(n),
  };
  return {
    key: keyOf(movementFixture({ n, captureId: uuid(0), recipient: phone(n) })),
    ...fields,
    status,
    consentDate: '2026-11-01 10:00:00',
    source: 'IYS_MOBIL',
    updatedAt: at(n),
  };
};

export function describeSyncContract(store: StoreGetter) {
  it('keeps a pull cursor per brand, absent until stored, replaced by the next', async () => {
    expect(await store().syncCursor(BRAND.iysCode, BRAND.brandCode)).toBeUndefined();
    await store().applyIysChanges(write([], 'c1'));
    await store().applyIysChanges({ ...write([], 'other'), brandCode: BRAND.brandCode + 1 });
    expect(await store().syncCursor(BRAND.iysCode, BRAND.brandCode)).toBe('c1');
    await store().applyIysChanges(write([], 'c2'));
    expect(await store().syncCursor(BRAND.iysCode, BRAND.brandCode)).toBe('c2');
    expect(await store().syncCursor(BRAND.iysCode, BRAND.brandCode + 1)).toBe('other');
    // A push has no cursor: the stored one stays.
    await store().applyIysChanges(write([entry(1, 'ONAY', '2025-10-01 10:00:00')]));
    expect(await store().syncCursor(BRAND.iysCode, BRAND.brandCode)).toBe('c2');
  });

  it('upserts entries, writes events for status changes and stores the cursor together', async () => {
    const onay = entry(1, 'ONAY', '2025-10-01 10:00:00');
    const ret = entry(1, 'RET', '2025-10-02 09:00:00');
    const other = entry(2, 'ONAY', '2025-10-01 11:00:00');
    const result = await store().applyIysChanges(write([onay, other, ret], 'c1'));
    expect(result).toEqual({ applied: 3, changed: 3, stale: 0 });
    const mirror = await store().mirror([onay.key, other.key]);
    expect(mirror.get(onay.key)).toEqual(ret);
    expect(mirror.get(other.key)).toEqual(other);
    const events = await store().webhookEvents(SITE_A);
    expect(events.map((e) => e.payload)).toEqual([
      { key: ret.key, status: 'RET', previous: 'ONAY' },
      { key: other.key, status: 'ONAY', previous: null },
      { key: onay.key, status: 'ONAY', previous: null },
    ]);
    expect(await store().syncCursor(BRAND.iysCode, BRAND.brandCode)).toBe('c1');
  });

  it('never lets an older change overwrite a newer state, in one call or across calls', async () => {
    const ret = entry(3, 'RET', '2025-10-02 09:00:00');
    const olderOnay = entry(3, 'ONAY', '2025-10-01 10:00:00');
    await store().applyIysChanges(write([ret]));
    const before = (await store().webhookEvents(SITE_A)).length;
    expect(await store().applyIysChanges(write([olderOnay], 'c9'))).toEqual({
      applied: 0,
      changed: 0,
      stale: 1,
    });
    expect((await store().mirror([ret.key])).get(ret.key)?.status).toBe('RET');
    expect(await store().webhookEvents(SITE_A)).toHaveLength(before);
    // The cursor still moves: the stale change was seen and needs no second look.
    expect(await store().syncCursor(BRAND.iysCode, BRAND.brandCode)).toBe('c9');
    // Out of order inside one call: the newer one stays.
    const n4 = [entry(4, 'RET', '2025-10-03 09:00:00'), entry(4, 'ONAY', '2025-10-03 08:59:59')];
    expect(await store().applyIysChanges(write(n4))).toEqual({ applied: 1, changed: 1, stale: 1 });
    expect((await store().mirror([n4[0]!.key])).get(n4[0]!.key)?.status).toBe('RET');
  });

  it('treats the same movement reported twice (pull and push) as one: no second event', async () => {
    const onay = entry(5, 'ONAY', '2025-10-01 10:00:00');
    await store().applyIysChanges(write([onay]));
    expect(await store().applyIysChanges(write([{ ...onay, updatedAt: at(99) }]))).toEqual({
      applied: 0,
      changed: 0,
      stale: 0,
    });
    expect(await store().webhookEvents(SITE_A)).toHaveLength(1);
    // An equal consentDate with another status is the later İYS movement: it wins.
    const ret = { ...onay, status: 'RET' as const, source: 'IYS_WEB' as const };
    expect(await store().applyIysChanges(write([ret]))).toEqual({
      applied: 1,
      changed: 1,
      stale: 0,
    });
  });

  it('rolls back mirror, events and cursor together when the events cannot be built', async () => {
    const onay = entry(6, 'ONAY', '2025-10-01 10:00:00');
    await store().applyIysChanges(write([], 'c1'));
    const failing: IysChangesWrite = {
      ...write([onay], 'c2'),
      events: () => {
        throw new Error('boom');
      },
    };
    await expect(store().applyIysChanges(failing)).rejects.toThrow('boom');
    expect((await store().mirror([onay.key])).size).toBe(0);
    expect(await store().syncCursor(BRAND.iysCode, BRAND.brandCode)).toBe('c1');
    expect(await store().webhookEvents(SITE_A)).toEqual([]);
  });

  it('upserts mirror entries and reads them back by key', async () => {
    expect(await store().mirror([mirrorEntry(1, 'ONAY').key])).toEqual(new Map());
    await store().upsertMirror([mirrorEntry(1, 'ONAY'), mirrorEntry(2, 'ONAY')]);
    // A batch naming a key twice keeps the later entry.
    await store().upsertMirror([
      mirrorEntry(2, 'ONAY'),
      { ...mirrorEntry(2, 'RET'), source: 'IYS_WEB' },
    ]);
    await store().upsertMirror([]);
    const keys = [1, 2, 3].map((n) => mirrorEntry(n, 'ONAY').key);
    const found = await store().mirror(keys);
    expect([...found.keys()].sort()).toEqual(keys.slice(0, 2).sort());
    expect(found.get(keys[0]!)).toEqual(mirrorEntry(1, 'ONAY'));
    expect(found.get(keys[1]!)).toEqual({ ...mirrorEntry(2, 'RET'), source: 'IYS_WEB' });
    // One key at a time answers as the batch does.
    for (const key of keys) {
      const one = await store().mirror([key]);
      expect([...one.entries()]).toEqual(found.has(key) ? [[key, found.get(key)]] : []);
    }
    expect(await store().mirror([])).toEqual(new Map());
  });
}
