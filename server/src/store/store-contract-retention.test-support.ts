// The Store contract, retention (A14, B10): the candidates of a purge, and the purge itself —
// personal data gone from the record, receipt, address index, movements and webhook events, the
// digests kept so the chain still verifies, and never a capture with an open movement.
import { expect, it } from 'vitest';
import {
  SITE_A,
  SITE_B,
  appendCapture,
  at,
  chainOf,
  email,
  eventFixture,
  movementFixture,
  phone,
} from './store-fixtures.test-support.js';
import type { StoreGetter } from './store-contract.test-support.js';
import type { Store } from './store.js';

const PURGED_AT = at(10_000);

/** Everything the store holds, as one text, to look for an address in. */
async function everything(store: Store): Promise<string> {
  const parts: unknown[] = [];
  for (const siteKey of [SITE_A, SITE_B]) {
    parts.push(await chainOf(store, siteKey), await store.webhookEvents(siteKey));
  }
  parts.push(await store.movements({}), await store.webhookOutbox.list({}));
  return JSON.stringify(parts);
}

export function describeRetentionContract(store: StoreGetter) {
  it('lists unpurged captures received before the bound, in seq order, a page at a time (A14)', async () => {
    for (let n = 1; n <= 5; n++) await appendCapture(store(), { n, phone: phone(n) });
    await appendCapture(store(), { n: 6, siteKey: SITE_B, phone: phone(6) });
    const bound = new Date(at(5)).getTime();
    const first = await store().retentionCandidates({
      siteKey: SITE_A,
      receivedBeforeMs: bound,
      afterSeq: 0,
      limit: 3,
    });
    expect(first.map((c) => c.seq)).toEqual([1, 2, 3]);
    expect(first[0]!.record.person.phone).toBe(phone(1));
    const next = await store().retentionCandidates({
      siteKey: SITE_A,
      receivedBeforeMs: bound,
      afterSeq: 3,
      limit: 3,
    });
    // seq 5 was received at the bound itself: not before it.
    expect(next.map((c) => c.seq)).toEqual([4]);
    await store().purgeCaptures({
      siteKey: SITE_A,
      captureIds: [first[1]!.captureId],
      purgedAt: PURGED_AT,
    });
    const again = await store().retentionCandidates({
      siteKey: SITE_A,
      receivedBeforeMs: bound,
      afterSeq: 0,
      limit: 10,
    });
    expect(again.map((c) => c.seq)).toEqual([1, 3, 4]);
  });

  it('purges the personal data of a capture, its movements and events, and keeps its digests (A14, B10)', async () => {
    const kept = await appendCapture(store(), { n: 1, phone: phone(1), email: email(1) });
    const gone = await appendCapture(
      store(),
      { n: 2, phone: phone(2), email: email(2) },
      {
        movements: (captureId) => [
          movementFixture({ n: 21, captureId, recipient: phone(2), state: 'delivered' }),
          movementFixture({ n: 22, captureId, type: 'EPOSTA', recipient: email(2), state: 'dead' }),
        ],
        events: (captureId) => [
          {
            ...eventFixture(23, SITE_A, captureId),
            payload: { captureId, person: { phone: phone(2) } },
          },
          { ...eventFixture(24, SITE_A, captureId), payload: { captureId, recipient: email(2) } },
        ],
      },
    );
    // One delivery of each event, still pending when the purge comes.
    await store().webhookOutbox.fanOut({
      now: at(100),
      limit: 10,
      targets: () => [{ tenantId: 't', webhookId: 'crm' }],
      newId: (() => {
        let i = 0;
        return () => `d-${(i += 1)}`;
      })(),
    });
    const before = await chainOf(store(), SITE_A);
    const result = await store().purgeCaptures({
      siteKey: SITE_A,
      captureIds: [gone.captureId],
      purgedAt: PURGED_AT,
    });
    expect(result).toEqual({ purged: [gone.captureId], open: [] });

    const stored = await store().getCapture(gone.captureId);
    expect(stored).toEqual({
      captureId: gone.captureId,
      siteKey: SITE_A,
      seq: 2,
      prevHash: gone.prevHash,
      recordHash: gone.recordHash,
      bodyHash: gone.bodyHash,
      receivedAt: gone.receivedAt,
      purgedAt: PURGED_AT,
    });
    const after = await chainOf(store(), SITE_A);
    expect(after.map(({ seq, prevHash, recordHash }) => ({ seq, prevHash, recordHash }))).toEqual(
      before.map(({ seq, prevHash, recordHash }) => ({ seq, prevHash, recordHash })),
    );
    expect((await store().getCapture(kept.captureId))?.record).toEqual(kept.record);
    // The address index no longer finds the purged record.
    expect((await store().listCaptures({ phone: phone(2) })).items).toEqual([]);
    expect((await store().listCaptures({ email: email(2) })).items).toEqual([]);
    expect((await store().listCaptures({ phone: phone(1) })).items).toHaveLength(1);
    const movements = await store().movements({ captureId: gone.captureId });
    expect(movements.map((m) => [m.id, m.recipient, m.state])).toEqual([
      ['mv-21', '', 'delivered'],
      ['mv-22', '', 'dead'],
    ]);
    expect(await store().movements({ key: `purged:mv-21` })).toHaveLength(1);
    const events = await store().webhookEvents(SITE_A);
    expect(events.map((e) => e.payload)).toEqual([
      { captureId: gone.captureId, purged: true, purgedAt: PURGED_AT },
      { captureId: gone.captureId, purged: true, purgedAt: PURGED_AT },
    ]);
    // A purged dead letter stays dead: with its recipient gone İYS could only refuse it.
    expect(await store().retryDeadMovement('mv-22', at(20_000))).toBe(false);
    expect((await store().movements({ captureId: gone.captureId }))[1]?.state).toBe('dead');
    const deliveries = await store().webhookOutbox.list({});
    expect(deliveries.map((d) => d.state)).toEqual(['dead', 'dead']);
    const text = await everything(store());
    for (const address of [phone(2), email(2)]) expect(text).not.toContain(address);
    expect(text).toContain(phone(1));
  });

  it('never purges a capture with an open movement, nor one of another site, nor twice (A14)', async () => {
    const pending = await appendCapture(
      store(),
      { n: 1, phone: phone(1) },
      { movements: (captureId) => [movementFixture({ n: 11, captureId, recipient: phone(1) })] },
    );
    const inFlight = await appendCapture(
      store(),
      { n: 2, phone: phone(2) },
      {
        movements: (captureId) => [
          movementFixture({ n: 12, captureId, recipient: phone(2), state: 'in-flight' }),
        ],
      },
    );
    const other = await appendCapture(store(), { n: 3, siteKey: SITE_B, phone: phone(3) });
    const plain = await appendCapture(store(), { n: 4, phone: phone(4) });
    const ids = [pending.captureId, inFlight.captureId, other.captureId, plain.captureId];
    expect(
      await store().purgeCaptures({ siteKey: SITE_A, captureIds: ids, purgedAt: PURGED_AT }),
    ).toEqual({
      purged: [plain.captureId],
      open: [pending.captureId, inFlight.captureId],
    });
    expect(
      await store().purgeCaptures({ siteKey: SITE_A, captureIds: ids, purgedAt: at(20_000) }),
    ).toEqual({
      purged: [],
      open: [pending.captureId, inFlight.captureId],
    });
    expect((await store().getCapture(plain.captureId))?.purgedAt).toBe(PURGED_AT);
    for (const c of [pending, inFlight, other]) {
      expect((await store().getCapture(c.captureId))?.record).toEqual(c.record);
    }
    expect((await store().movements({ captureId: pending.captureId }))[0]?.recipient).toBe(
      phone(1),
    );
  });
}
