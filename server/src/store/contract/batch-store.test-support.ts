// The BatchStore contract (ports/batch-store.ts), with the MovementStore admin views it affects:
// claimed movements bound to an İYS batch are kept from single claims and polled after a restart;
// a stale submission frees its items; movements near their deadline are flagged once with their
// event; a tenant's page and counts cover its sites only.
import { expect, it } from 'vitest';
import { claim, mirrorOf, queue } from './movement-store.test-support.js';
import type { StoreGetter } from './store-contract.test-support.js';
import {
  BRAND,
  SITE_A,
  SITE_B,
  appendCapture,
  at,
  keyOf,
  movementFixture,
  phone,
} from './store-fixtures.test-support.js';

/** The batch and admin-view cases of the delivery contract. */
export function describeBatchContract(store: StoreGetter) {
  it('binds claimed movements to a batch, keeps them from claims, and polls after a restart', async () => {
    await queue(store, 1, [{ n: 20 }, { n: 21 }, { n: 22 }]);
    const claimed = await store().claimMovements(claim(30));
    const open = {
      id: 'batch-1',
      ...BRAND,
      createdAt: at(30),
      leaseUntil: claimed[0]!.leaseUntil!,
      items: claimed.map((m) => ({ id: m.id, leaseUntil: m.leaseUntil! })),
    };
    // An item whose claim has passed (stale lease) is not bound.
    const bound = await store().openBatch({
      ...open,
      items: [...open.items.slice(0, 2), { id: 'mv-22', leaseUntil: at(999) }],
    });
    expect(bound).toEqual(['mv-20', 'mv-21']);
    const submitted = {
      id: 'batch-1',
      leaseUntil: open.leaseUntil,
      now: at(31),
      results: [],
      next: {
        state: 'submitted' as const,
        requestId: 'req-1',
        submittedAt: at(31),
        nextPollAt: at(336),
        movementLeaseUntil: at(456),
      },
    };
    expect(await store().updateBatch(submitted)).toEqual([]);
    // A lost fence (another lease) changes nothing.
    expect(await store().updateBatch({ ...submitted, leaseUntil: at(1) })).toBeUndefined();
    // Long after every claim lease: bound movements are never claimed again, mv-22's is.
    expect((await store().claimMovements(claim(5000))).map((m) => m.id)).toEqual(['mv-22']);
    expect(await store().claimBatches({ now: at(300), leaseUntil: at(400), limit: 10 })).toEqual(
      [],
    );
    const [polled] = await store().claimBatches({ now: at(336), leaseUntil: at(436), limit: 10 });
    expect(polled!.batch).toMatchObject({ id: 'batch-1', requestId: 'req-1', state: 'submitted' });
    expect(polled!.movements.map((m) => [m.id, m.batchIndex, m.leaseUntil])).toEqual([
      ['mv-20', 0, at(436)],
      ['mv-21', 1, at(436)],
    ]);
    // Claimed: a second poller gets nothing until the lease ends.
    expect(await store().claimBatches({ now: at(340), leaseUntil: at(440), limit: 10 })).toEqual(
      [],
    );
    const [m20] = await store().movements({ key: keyOf(polled!.movements[0]!) });
    const applied = await store().updateBatch({
      id: 'batch-1',
      leaseUntil: at(436),
      now: at(337),
      results: [
        {
          id: 'mv-20',
          outcome: {
            state: 'delivered',
            transactionId: 'tx-20',
            creationDate: '2026-11-02 12:05:36',
          },
          mirror: mirrorOf(m20!),
          events: [
            {
              id: 'ev-d-20',
              type: 'consent.delivered',
              payload: { movementId: 'mv-20' },
              createdAt: at(337),
            },
          ],
        },
      ],
      next: {
        state: 'submitted',
        requestId: 'req-1',
        nextPollAt: at(397),
        movementLeaseUntil: at(517),
        polled: true,
      },
    });
    expect(applied).toEqual(['mv-20']);
    const [again] = await store().claimBatches({ now: at(400), leaseUntil: at(500), limit: 10 });
    expect(again!.batch.polls).toBe(1);
    expect(again!.movements.map((m) => m.id)).toEqual(['mv-21']);
    const error = { code: 'H178', message: 'Daha güncel tarihli izin mevcut.' };
    await store().updateBatch({
      id: 'batch-1',
      leaseUntil: at(500),
      now: at(401),
      results: [
        {
          id: 'mv-21',
          outcome: { state: 'dead', error },
          events: [
            { id: 'ev-r-21', type: 'consent.rejected', payload: { error }, createdAt: at(401) },
          ],
        },
      ],
      next: { state: 'done' },
    });
    const rows = await store().movements({});
    expect(rows.find((m) => m.id === 'mv-20')).toMatchObject({
      state: 'delivered',
      transactionId: 'tx-20',
    });
    expect(rows.find((m) => m.id === 'mv-21')).toMatchObject({ state: 'dead', lastError: error });
    expect((await store().mirror([keyOf(m20!)])).get(keyOf(m20!))?.status).toBe('ONAY');
    const events = await store().webhookEvents(SITE_A);
    expect(events.map((e) => [e.id, e.type, e.siteKey])).toEqual([
      ['ev-r-21', 'consent.rejected', SITE_A],
      ['ev-d-20', 'consent.delivered', SITE_A],
    ]);
    expect((await store().batches()).map((b) => [b.id, b.state, b.size, b.polls])).toEqual([
      ['batch-1', 'done', 2, 2],
    ]);
    // A dead letter of a batch retries like any other, out of its batch.
    expect(await store().retryDeadMovement('mv-21', at(600))).toBe(true);
    const page = await store().movementPage({ siteKeys: [SITE_A], id: 'mv-21' });
    expect(page.items[0]).toMatchObject({ state: 'pending', siteKey: SITE_A });
    expect(page.items[0]!.batch).toBeUndefined();
    expect((await store().claimMovements(claim(600))).map((m) => m.id)).toEqual(['mv-21']);
  });

  it('fails a submission whose worker died before storing İYS’s answer, and frees its items', async () => {
    await queue(store, 1, [{ n: 30 }, { n: 31 }]);
    const claimed = await store().claimMovements(claim(40));
    await store().openBatch({
      id: 'batch-stale',
      ...BRAND,
      createdAt: at(40),
      leaseUntil: claimed[0]!.leaseUntil!,
      items: claimed.map((m) => ({ id: m.id, leaseUntil: m.leaseUntil! })),
    });
    expect(await store().claimMovements(claim(200))).toEqual([]);
    expect(await store().claimBatches({ now: at(200), leaseUntil: at(300), limit: 10 })).toEqual(
      [],
    );
    const [batch] = await store().batches();
    expect(batch).toMatchObject({ state: 'failed', lastError: { code: 'batch-interrupted' } });
    expect((await store().claimMovements(claim(200))).map((m) => m.id)).toEqual(['mv-30', 'mv-31']);
  });

  it('flags each open movement near its deadline once, with a consent.deadline_at_risk event', async () => {
    await queue(store, 1, [{ n: 40 }, { n: 41 }, { n: 3000 }]);
    const flag = (now: number) =>
      store().flagMovementsAtRisk({
        now: at(now),
        deadlineBound: at(now + 86400),
        event: (m, siteKey) => ({
          id: `ev-risk-${m.id}-${now}`,
          siteKey,
          type: 'consent.deadline_at_risk',
          payload: { movementId: m.id },
          createdAt: at(now),
        }),
      });
    // Deadlines are 3 days after each consentDate: mv-40 and mv-41 are within a day at 2 days + 50 s.
    expect(await flag(2 * 86400 + 50)).toBe(2);
    expect(await flag(2 * 86400 + 60)).toBe(0);
    const risky = await store().webhookEvents(SITE_A);
    expect(risky.map((e) => (e.payload as { movementId: string }).movementId).sort()).toEqual([
      'mv-40',
      'mv-41',
    ]);
    const page = await store().movementPage({
      siteKeys: [SITE_A],
      deadlineBefore: at(2 * 86400 + 86400 + 60),
    });
    expect(page.items.map((m) => [m.id, m.atRiskAt])).toEqual([
      ['mv-40', at(2 * 86400 + 50)],
      ['mv-41', at(2 * 86400 + 50)],
    ]);
  });

  it('pages a tenant’s movements with a cursor and counts only its sites', async () => {
    await queue(store, 1, [{ n: 50 }, { n: 51 }, { n: 52 }]);
    await appendCapture(
      store(),
      { n: 2, siteKey: SITE_B, phone: phone(2) },
      {
        movements: (captureId) => [movementFixture({ n: 53, captureId, recipient: phone(53) })],
      },
    );
    const first = await store().movementPage({ siteKeys: [SITE_A], limit: 2 });
    expect(first.items.map((m) => m.id)).toEqual(['mv-50', 'mv-51']);
    const second = await store().movementPage({
      siteKeys: [SITE_A],
      limit: 2,
      cursor: first.nextCursor!,
    });
    expect(second.items.map((m) => m.id)).toEqual(['mv-52']);
    expect(second.nextCursor).toBeUndefined();
    expect(
      (await store().movementPage({ siteKeys: [SITE_B] })).items.map((m) => m.siteKey),
    ).toEqual([SITE_B]);
    expect((await store().movementPage({ siteKeys: [] })).items).toEqual([]);
    expect(
      (await store().movementPage({ siteKeys: [SITE_A, SITE_B], state: 'pending' })).items,
    ).toHaveLength(4);
    const bound = at(1_000_000);
    expect((await store().deliveryStats(bound, [SITE_B])).byState.pending).toBe(1);
    expect(await store().deliveryStats(bound, [SITE_A])).toMatchObject({
      byState: { pending: 3 },
      nearDeadline: 3,
    });
    expect((await store().deliveryStats(bound)).byState.pending).toBe(4);
    expect((await store().deliveryStats(bound, [])).byState.pending).toBe(0);
  });
}
