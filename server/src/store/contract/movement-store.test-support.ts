// The MovementStore contract (ports/movement-store.ts): movements listed in insertion order;
// claims take the due head of each key, oldest consentDate first, under a lease; results apply
// only under the claim's lease; dead letters retry; counts by state.
import { formatIysDate } from '@izinli/core';
import type { Movement } from '@izinli/core';
import { expect, it } from 'vitest';
import type { StoreGetter } from './store-contract.test-support.js';
import {
  BRAND,
  appendCapture,
  at,
  email,
  keyOf,
  movementFixture,
  phone,
  uuid,
} from './store-fixtures.test-support.js';
import type { MirrorEntry } from '../store.js';

/** A claim at second `now` of the fixtures' clock. */
export const claim = (now: number, limit = 100, leaseSeconds = 60) => ({
  now: at(now),
  leaseUntil: at(now + leaseSeconds),
  limit,
});

/** Appends capture `n` with movements built from `specs` (consentDate from their own number). */
export async function queue(
  store: StoreGetter,
  n: number,
  specs: { n: number; recipient?: string; status?: 'ONAY' | 'RET'; iysCode?: number }[],
): Promise<Movement[]> {
  const made: Movement[] = [];
  await appendCapture(
    store(),
    { n, phone: phone(n) },
    {
      movements: (captureId) =>
        specs.map((s) => {
          const m = movementFixture({ n: s.n, captureId, recipient: s.recipient ?? phone(s.n) });
          const moved = { ...m, status: s.status ?? 'ONAY', iysCode: s.iysCode ?? m.iysCode };
          made.push(moved);
          return moved;
        }),
    },
  );
  return made;
}

/** The mirror entry a movement leaves (with `status`). */
export const mirrorOf = (m: Movement, status = m.status): MirrorEntry => ({
  key: keyOf(m),
  iysCode: m.iysCode,
  brandCode: m.brandCode,
  recipientType: m.recipientType,
  type: m.type,
  recipient: m.recipient,
  status,
  consentDate: m.consentDate,
  source: m.source,
  updatedAt: at(1000),
});

export function describeDeliveryContract(store: StoreGetter) {
  it('claims due movements that head their key, oldest consentDate first, under a lease', async () => {
    const same = phone(50);
    // Inserted out of consentDate order: the key's head is the earliest consentDate (n 3).
    await queue(store, 1, [{ n: 5, recipient: same }, { n: 3, recipient: same }, { n: 4 }]);
    await queue(store, 2, [{ n: 200 }]); // not due before second 200
    const claimed = await store().claimMovements(claim(10));
    expect(claimed.map((m) => m.id)).toEqual(['mv-3', 'mv-4']);
    for (const m of claimed) expect(m).toMatchObject({ state: 'in-flight', leaseUntil: at(70) });
    // Nothing more while the leases hold: mv-5 waits behind the in-flight mv-3.
    expect(await store().claimMovements(claim(20))).toEqual([]);
    expect(await store().claimMovements({ ...claim(20), iysCode: BRAND.iysCode + 1 })).toEqual([]);
    // A crashed worker's leases expire: the same movements are claimed again, with a new lease.
    const again = await store().claimMovements(claim(70, 1));
    expect(again.map((m) => [m.id, m.leaseUntil])).toEqual([['mv-3', at(130)]]);
  });

  it('keeps a key behind an earlier pending movement that is not due yet', async () => {
    const same = phone(60);
    const [first] = await queue(store, 1, [
      { n: 6, recipient: same },
      { n: 7, recipient: same },
    ]);
    const [claimed] = await store().claimMovements(claim(10));
    expect(claimed!.id).toBe(first!.id);
    const applied = await store().finishMovements([
      {
        id: claimed!.id,
        leaseUntil: claimed!.leaseUntil!,
        outcome: {
          state: 'pending',
          nextAttemptAt: at(100),
          error: { code: 'H123', message: 'meşgul' },
        },
      },
    ]);
    expect(applied).toEqual([claimed!.id]);
    expect(await store().claimMovements(claim(50))).toEqual([]);
    const [retried] = await store().claimMovements(claim(100));
    expect(retried).toMatchObject({ id: 'mv-6', attempts: 1, lastError: { code: 'H123' } });
  });

  it('settles delivered movements with İYS’s answer and the mirror, only under the live lease', async () => {
    const [m] = await queue(store, 1, [{ n: 8 }]);
    const [claimed] = await store().claimMovements(claim(10));
    const delivered = {
      id: m!.id,
      leaseUntil: claimed!.leaseUntil!,
      outcome: {
        state: 'delivered' as const,
        transactionId: 'tx-8',
        creationDate: formatIysDate(new Date(at(12))),
      },
      mirror: mirrorOf(m!),
    };
    // A result under another lease (a worker whose lease expired) changes nothing.
    expect(await store().finishMovements([{ ...delivered, leaseUntil: at(999) }])).toEqual([]);
    expect(await store().finishMovements([delivered])).toEqual([m!.id]);
    const [row] = await store().movements({ key: keyOf(m!) });
    expect(row).toMatchObject({
      state: 'delivered',
      attempts: 1,
      transactionId: 'tx-8',
      creationDate: delivered.outcome.creationDate,
    });
    expect(row!.leaseUntil).toBeUndefined();
    expect((await store().mirror([keyOf(m!)])).get(keyOf(m!))).toEqual(mirrorOf(m!));
    // Settled once: the same result again is ignored.
    expect(await store().finishMovements([delivered])).toEqual([]);
  });

  it('never lets a delivered older movement overwrite a newer mirror state', async () => {
    const [m] = await queue(store, 1, [{ n: 9 }]);
    const newer = { ...mirrorOf(m!, 'RET'), consentDate: formatIysDate(new Date(at(500))) };
    await store().applyIysChanges({ ...BRAND, entries: [newer], events: () => [] });
    const [claimed] = await store().claimMovements(claim(10));
    await store().finishMovements([
      {
        id: m!.id,
        leaseUntil: claimed!.leaseUntil!,
        outcome: { state: 'already-current' },
        mirror: mirrorOf(m!),
      },
    ]);
    expect((await store().mirror([keyOf(m!)])).get(keyOf(m!))?.status).toBe('RET');
  });

  it('dead-letters with the reason, retries a dead letter and counts movements by state', async () => {
    const made = await queue(store, 1, [{ n: 10 }, { n: 11 }, { n: 12 }]);
    const claimed = await store().claimMovements(claim(20));
    const error = { code: 'H121', message: 'Alıcı formatı geçersiz.' };
    await store().finishMovements([
      { id: 'mv-10', leaseUntil: claimed[0]!.leaseUntil!, outcome: { state: 'dead', error } },
      {
        id: 'mv-11',
        leaseUntil: claimed[1]!.leaseUntil!,
        outcome: { state: 'already-current', reason: { code: 'H175', message: 'ilk RET' } },
      },
    ]);
    expect(await store().movements({ state: 'dead' })).toEqual([
      expect.objectContaining({ id: 'mv-10', state: 'dead', lastError: error }),
    ]);
    const stats = await store().deliveryStats(at(12 + 3 * 86400));
    expect(stats).toEqual({
      byState: { pending: 0, 'in-flight': 1, delivered: 0, 'already-current': 1, dead: 1 },
      nearDeadline: 1,
      oldestPending: made[2]!.consentDate,
      oldestByState: {
        'in-flight': made[2]!.consentDate,
        'already-current': made[1]!.consentDate,
        dead: made[0]!.consentDate,
      },
    });
    expect(await store().retryDeadMovement('mv-11', at(30))).toBe(false);
    expect(await store().retryDeadMovement('mv-10', at(30))).toBe(true);
    const [back] = await store().movements({ key: keyOf(made[0]!) });
    expect(back).toMatchObject({ state: 'pending', attempts: 0, nextAttemptAt: at(30) });
    expect((await store().claimMovements(claim(30))).map((m) => m.id)).toEqual(['mv-10']);
  });

  it('names the keys whose newest open movement is an unconfirmed RET (B7: refusal from receipt)', async () => {
    const [a, b, c] = [phone(70), phone(71), phone(72)];
    // a: ONAY then RET, both open → refusal pending. b: RET then a newer ONAY → none.
    // c: RET delivered → none (İYS holds it; the mirror answers).
    const [, refusal] = await queue(store, 1, [
      { n: 1, recipient: a },
      { n: 2, recipient: a, status: 'RET' },
      { n: 3, recipient: b, status: 'RET' },
      { n: 4, recipient: b },
    ]);
    const [ret] = await queue(store, 2, [{ n: 5, recipient: c, status: 'RET' }]);
    const claimed = await store().claimMovements(claim(10, 100));
    const key = (recipient: string) => keyOf({ ...ret!, recipient });
    const cs = claimed.filter((m) => m.recipient === c);
    expect(cs).toHaveLength(1);
    for (const m of cs) {
      await store().finishMovements([
        {
          id: m.id,
          leaseUntil: m.leaseUntil!,
          outcome: { state: 'delivered', transactionId: 't', creationDate: '2025-10-15 10:00:00' },
          mirror: mirrorOf(m),
        },
      ]);
    }
    const found = await store().pendingRefusals([key(a), key(b), key(c), key(phone(73))]);
    expect([...found.keys()]).toEqual([key(a)]);
    expect(found.get(key(a))).toEqual({
      source: refusal!.source,
      consentDate: refusal!.consentDate,
    });
    // One key at a time (the GET check's own statement) answers the same for each.
    for (const k of [key(a), key(b), key(c), key(phone(73))]) {
      const one = await store().pendingRefusals([k]);
      expect(one.get(k), k).toEqual(found.get(k));
      expect([...one.keys()]).toEqual(found.has(k) ? [k] : []);
    }
  });

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
}
