// The Store contract, the rest: movements and current statuses, checkpoints, the consent mirror,
// webhook events, stats and ping.
import { canonicalJson } from '@izinli/core';
import { expect, it } from 'vitest';
import {
  BRAND,
  SITE_A,
  SITE_B,
  appendCapture,
  at,
  captureWrite,
  email,
  eventFixture,
  keyOf,
  movementFixture,
  phone,
  uuid,
} from './store-fixtures.test-support.js';
import type { StoreGetter } from './store-contract.test-support.js';
import type { Checkpoint, MirrorEntry } from '../store.js';

const checkpoint = (siteKey: string, seq: number, signedAt: string): Checkpoint => ({
  siteKey,
  seq,
  hash: seq.toString(16).padStart(64, 'c'),
  signedAt,
  jws: `jws-${siteKey}-${seq}-${signedAt}`,
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

export function describeReadsContract(store: StoreGetter) {
  it('stores movements in every state and lists them in insertion order, by capture or by key', async () => {
    const states = ['pending', 'in-flight', 'delivered', 'already-current', 'dead'] as const;
    const first = await appendCapture(
      store(),
      { n: 1, phone: phone(1), email: email(1) },
      {
        movements: (captureId) =>
          states.map((state, i) =>
            movementFixture({ n: 10 + i, captureId, state, recipient: phone(i) }),
          ),
      },
    );
    const second = await appendCapture(
      store(),
      { n: 2, phone: phone(1) },
      {
        movements: (captureId) => [
          movementFixture({ n: 20, captureId, recipient: phone(0), status: 'RET' }),
        ],
      },
    );
    const firstMovements = states.map((state, i) =>
      movementFixture({ n: 10 + i, captureId: first.captureId, state, recipient: phone(i) }),
    );
    expect(await store().movements({ captureId: first.captureId })).toEqual(firstMovements);
    const key = keyOf(firstMovements[0]!);
    expect((await store().movements({ key })).map((m) => m.id)).toEqual(['mv-10', 'mv-20']);
    expect(
      (await store().movements({ key, captureId: second.captureId })).map((m) => m.id),
    ).toEqual(['mv-20']);
    expect(await store().movements({})).toHaveLength(6);
    expect(await store().movements({ limit: 2 })).toEqual(firstMovements.slice(0, 2));
    expect(await store().movements({ captureId: uuid(99) })).toEqual([]);
  });

  it('refuses a movement that is not a valid Movement, storing nothing', async () => {
    const writing = appendCapture(
      store(),
      { n: 1, phone: phone(1) },
      {
        movements: (captureId) => [
          { ...movementFixture({ n: 1, captureId }), recipient: 'not-a-phone' },
        ],
      },
    );
    await expect(writing).rejects.toThrow(/recipient/);
    expect((await store().stats()).captures).toBe(0);
  });

  it('answers currentStatuses from the newest non-dead movement, else from the mirror', async () => {
    const [k1, k2, k3, k4] = [phone(1), phone(2), phone(3), phone(4)];
    const key = (recipient: string) =>
      keyOf(movementFixture({ n: 0, captureId: uuid(0), recipient }));
    await store().upsertMirror(
      [
        [k1, 'ONAY'],
        [k2, 'RET'],
        [k3, 'ONAY'],
      ].map(([recipient, status]) => ({
        key: key(recipient!),
        iysCode: 700001,
        brandCode: 700002,
        recipientType: 'BIREYSEL' as const,
        type: 'MESAJ' as const,
        recipient: recipient!,
        status: status as 'ONAY' | 'RET',
        consentDate: '2026-11-01 10:00:00',
        source: 'IYS_WEB' as const,
        updatedAt: '2026-11-01T07:00:00.000Z',
      })),
    );
    const date = (hour: number) => `2026-11-02 ${String(hour).padStart(2, '0')}:00:00`;
    await appendCapture(
      store(),
      { n: 1, phone: k1 },
      {
        movements: (captureId) => [
          movementFixture({
            n: 11,
            captureId,
            recipient: k1,
            status: 'RET',
            consentDate: date(12),
          }),
          movementFixture({
            n: 12,
            captureId,
            recipient: k2,
            status: 'ONAY',
            consentDate: date(12),
          }),
        ],
      },
    );
    await appendCapture(
      store(),
      { n: 2, phone: k2 },
      {
        movements: (captureId) => [
          // Dead movements never reached İYS: they do not count.
          movementFixture({
            n: 21,
            captureId,
            recipient: k2,
            status: 'RET',
            consentDate: date(14),
            state: 'dead',
          }),
          // Written later but given earlier: consentDate decides, not insertion.
          movementFixture({
            n: 22,
            captureId,
            recipient: k1,
            status: 'ONAY',
            consentDate: date(10),
          }),
          // Same consentDate: insertion order decides.
          movementFixture({
            n: 23,
            captureId,
            recipient: k4,
            status: 'ONAY',
            consentDate: date(9),
          }),
          movementFixture({ n: 24, captureId, recipient: k4, status: 'RET', consentDate: date(9) }),
        ],
      },
    );
    const keys = [k1, k2, k3, k4, phone(5)].map(key);
    const statuses = await store().write([SITE_A], (tx) => tx.currentStatuses(keys));
    expect(Object.fromEntries(statuses)).toEqual({
      [keys[0]!]: 'RET',
      [keys[1]!]: 'ONAY',
      [keys[2]!]: 'ONAY',
      [keys[3]!]: 'RET',
    });
    // Inside a write, its own movements count at once.
    await store().write([SITE_A], async (tx) => {
      await tx.insertCapture(
        await captureWrite(
          await tx.chainHead(SITE_A),
          { n: 3, phone: k3 },
          {
            movements: (captureId) => [
              movementFixture({
                n: 31,
                captureId,
                recipient: k3,
                status: 'RET',
                consentDate: date(15),
              }),
            ],
          },
        ),
      );
      expect((await tx.currentStatuses([keys[2]!])).get(keys[2]!)).toBe('RET');
      expect(await tx.currentStatuses([])).toEqual(new Map());
    });
  });

  it('adds checkpoints and lists them newest first, keeping the first of a repeated head', async () => {
    await store().addCheckpoint(checkpoint(SITE_A, 1, at(10)));
    await store().addCheckpoint(checkpoint(SITE_B, 4, at(20)));
    await store().addCheckpoint(checkpoint(SITE_A, 3, at(30)));
    await store().addCheckpoint({ ...checkpoint(SITE_A, 3, at(40)), jws: 'second-signature' });
    expect(await store().checkpoints(SITE_A)).toEqual([
      checkpoint(SITE_A, 3, at(30)),
      checkpoint(SITE_A, 1, at(10)),
    ]);
    expect(await store().checkpoints(SITE_A, 1)).toEqual([checkpoint(SITE_A, 3, at(30))]);
    expect((await store().checkpoints()).map((c) => [c.siteKey, c.seq])).toEqual([
      [SITE_A, 3],
      [SITE_B, 4],
      [SITE_A, 1],
    ]);
    expect(await store().checkpoints(undefined, 2)).toHaveLength(2);
    expect(await store().checkpoints('no-such-site-0000000')).toEqual([]);
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

  it('lists a site’s webhook events newest first with their payload intact', async () => {
    const first = await appendCapture(
      store(),
      { n: 1, phone: phone(1) },
      {
        events: (captureId) => [
          eventFixture(1, SITE_A, captureId),
          eventFixture(2, SITE_A, captureId),
        ],
      },
    );
    await appendCapture(
      store(),
      { n: 2, siteKey: SITE_B },
      {
        events: (captureId) => [eventFixture(3, SITE_B, captureId)],
      },
    );
    const events = await store().webhookEvents(SITE_A);
    expect(events).toEqual([
      eventFixture(2, SITE_A, first.captureId),
      eventFixture(1, SITE_A, first.captureId),
    ]);
    expect(canonicalJson(events[0]!.payload)).toBe(
      canonicalJson(eventFixture(2, SITE_A, first.captureId).payload),
    );
    expect(await store().webhookEvents(SITE_A, 1)).toHaveLength(1);
    expect((await store().webhookEvents(SITE_B)).map((e) => e.id)).toEqual(['ev-3']);
    expect(await store().webhookEvents('no-such-site-0000000')).toEqual([]);
  });

  it('counts captures, unsettled movements and pending events', async () => {
    expect(await store().stats()).toEqual({ captures: 0, pendingMovements: 0, pendingEvents: 0 });
    const states = ['pending', 'in-flight', 'delivered', 'already-current', 'dead'] as const;
    await appendCapture(
      store(),
      { n: 1, phone: phone(1) },
      {
        movements: (captureId) =>
          states.map((state, i) => movementFixture({ n: i, captureId, state })),
        events: (captureId) => [eventFixture(1, SITE_A, captureId)],
      },
    );
    await appendCapture(store(), { n: 2, siteKey: SITE_B });
    expect(await store().stats()).toEqual({ captures: 2, pendingMovements: 2, pendingEvents: 1 });
  });

  it('answers ping', async () => {
    expect(await store().ping()).toBe(true);
  });
}
