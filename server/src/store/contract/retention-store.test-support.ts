// Long because: the retention contract every store passes, a case per kind of data purged.
// The RetentionStore contract (ports/retention-store.ts, A14, B10): the candidates of a purge, and
// the purge itself — personal data gone from the record, receipt, address index, movements and
// webhook events, the digests kept so the chain still verifies, and never a capture with an open
// movement; and the `consent.changed` events of the İYS sync, which lose their recipient by their
// own age.
import { movementKey } from '@izinli/core';
import type { ConsentStatus } from '@izinli/core';
import { expect, it } from 'vitest';
import { consentChangedEvents } from '../../sync/iys-change-entry.js';
import { PURGED_DELIVERY_ERROR } from '../sql/retention-sql.js';
import {
  BRAND,
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
import type { MirrorEntry, Store } from '../store.js';

const PURGED_AT = at(10_000);

/** A citizen's change at İYS for phone(n) (MESAJ), as the sync's mirror entry. */
function changeAtIys(n: number, status: ConsentStatus): MirrorEntry {
  const fields = { ...BRAND, recipientType: 'BIREYSEL' as const, type: 'MESAJ' as const };
  return {
    key: movementKey({ ...fields, recipient: phone(n) }),
    ...fields,
    recipient: phone(n),
    status,
    consentDate: `2026-11-0${n} 12:00:00`,
    source: 'IYS_KISAMESAJ',
    updatedAt: at(n),
  };
}

/**
 * Writes the `consent.changed` events the sync writes (its own builder) for `siteKeys`, for a
 * change of phone(n) at İYS at second `n`; the events' ids are `changed-<n>-<site>`.
 */
async function syncChange(store: Store, n: number, siteKeys: string[], status: ConsentStatus) {
  const ids = siteKeys.map((siteKey) => `changed-${n}-${siteKey}`);
  await store.applyIysChanges({
    ...BRAND,
    entries: [changeAtIys(n, status)],
    events: consentChangedEvents(
      siteKeys,
      () => new Date(at(n)),
      () => ids.shift()!,
    ),
  });
}

/** Everything the store holds, as one text, to look for an address in. */
async function everything(store: Store): Promise<string> {
  const parts: unknown[] = [];
  for (const siteKey of [SITE_A, SITE_B]) {
    parts.push(await chainOf(store, siteKey), await store.webhookEvents(siteKey));
  }
  parts.push(await store.movements({}), await store.webhookOutbox.list({}));
  return JSON.stringify(parts);
}

/** Fans every pending event out to one target `crm`, its deliveries d-1, d-2, … (at 100 s). */
function fanOutToOneTarget(s: Store) {
  let i = 0;
  return s.webhookOutbox.fanOut({
    now: at(100),
    limit: 10,
    targets: () => [{ tenantId: 't', webhookId: 'crm' }],
    newId: () => `d-${(i += 1)}`,
  });
}

export function describeRetentionContract(store: StoreGetter) {
  it('lists unpurged captures received before the bound, in seq order, a page at a time (A14)', async () => {
    for (let n = 1; n <= 5; n++) await appendCapture(store(), { n, phone: phone(n) });
    await appendCapture(store(), { n: 6, siteKey: SITE_B, phone: phone(6) });
    const bound = new Date(at(5)).getTime();
    const page = (afterSeq: number, limit: number) =>
      store().retentionCandidates({ siteKey: SITE_A, receivedBeforeMs: bound, afterSeq, limit });
    const first = await page(0, 3);
    expect(first.map((c) => c.seq)).toEqual([1, 2, 3]);
    expect(first[0]!.record.person.phone).toBe(phone(1));
    const next = await page(3, 3);
    // seq 5 was received at the bound itself: not before it.
    expect(next.map((c) => c.seq)).toEqual([4]);
    await store().purgeCaptures({
      siteKey: SITE_A,
      captureIds: [first[1]!.captureId],
      purgedAt: PURGED_AT,
    });
    const again = await page(0, 10);
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
    await fanOutToOneTarget(store());
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

  it("A14: lists a site's unpurged consent.changed events created before the bound, a page at a time", async () => {
    for (let n = 1; n <= 4; n++) await syncChange(store(), n, [SITE_A], 'RET');
    await syncChange(store(), 5, [SITE_B], 'RET');
    // A capture's own event, as old: purged with its capture, never by its age.
    await appendCapture(
      store(),
      { n: 1, phone: phone(1) },
      {
        events: (captureId) => [eventFixture(1, SITE_A, captureId)],
      },
    );
    const page = (afterPos: number) =>
      store().changedEventCandidates({
        siteKey: SITE_A,
        createdBefore: at(4),
        afterPos,
        limit: 2,
      });
    const first = await page(0);
    expect(first.map((e) => e.id)).toEqual([`changed-1-${SITE_A}`, `changed-2-${SITE_A}`]);
    // Created at the bound itself: not before it.
    const next = await page(first[1]!.pos);
    expect(next.map((e) => e.id)).toEqual([`changed-3-${SITE_A}`]);
    expect(await page(next[0]!.pos)).toEqual([]);
    expect(
      await store().changedEventCandidates({
        siteKey: SITE_B,
        createdBefore: at(10),
        afterPos: 0,
        limit: 10,
      }),
    ).toEqual([expect.objectContaining({ id: `changed-5-${SITE_B}` })]);
  });

  it('A14: purges the recipient of consent.changed events, keeping what changed and when, and dead-letters their pending deliveries', async () => {
    await syncChange(store(), 1, [SITE_A, SITE_B], 'RET');
    // Fanned out: one delivery of each, still pending when the purge comes.
    await fanOutToOneTarget(store());
    // Not fanned out yet when the purge comes.
    await syncChange(store(), 2, [SITE_A], 'ONAY');
    const captured = await appendCapture(
      store(),
      { n: 3, phone: phone(3) },
      { events: (captureId) => [eventFixture(3, SITE_A, captureId)] },
    );
    const ids = [`changed-1-${SITE_A}`, `changed-2-${SITE_A}`, `changed-1-${SITE_B}`, 'ev-3'];
    // Only SITE_A's consent.changed events: not SITE_B's, nor a capture's own event.
    expect(
      await store().purgeChangedEvents({ siteKey: SITE_A, eventIds: ids, purgedAt: PURGED_AT }),
    ).toEqual([`changed-1-${SITE_A}`, `changed-2-${SITE_A}`]);

    const events = await store().webhookEvents(SITE_A);
    expect(events.map((e) => [e.id, e.type, e.createdAt])).toEqual([
      ['ev-3', 'capture.recorded', at(3)],
      [`changed-2-${SITE_A}`, 'consent.changed', at(2)],
      [`changed-1-${SITE_A}`, 'consent.changed', at(1)],
    ]);
    expect(events[2]!.payload).toEqual({
      iysCode: BRAND.iysCode,
      brandCode: BRAND.brandCode,
      recipientType: 'BIREYSEL',
      type: 'MESAJ',
      status: 'RET',
      previousStatus: null,
      consentDate: '2026-11-01 12:00:00',
      source: 'IYS_KISAMESAJ',
      purged: true,
      purgedAt: PURGED_AT,
    });
    expect(events[1]!.payload).toMatchObject({ status: 'ONAY', purged: true });
    expect(events[0]!.payload).toEqual(eventFixture(3, SITE_A, captured.captureId).payload);
    const [other] = await store().webhookEvents(SITE_B);
    expect(other!.payload).toMatchObject({ recipient: phone(1), status: 'RET' });

    const deliveries = await store().webhookOutbox.list({});
    expect(deliveries.map((d) => [d.eventId, d.state, d.lastError]).sort()).toEqual([
      [`changed-1-${SITE_A}`, 'dead', PURGED_DELIVERY_ERROR],
      [`changed-1-${SITE_B}`, 'pending', undefined],
    ]);
    // The purged event that was never fanned out never will be; the capture's event still is.
    const fanned = await store().webhookOutbox.fanOut({
      now: at(200),
      limit: 10,
      targets: () => [{ tenantId: 't', webhookId: 'crm' }],
      newId: () => 'd-late',
    });
    expect(fanned).toEqual({ events: 1, deliveries: 1 });
    expect((await store().webhookOutbox.list({})).map((d) => d.eventId)).toContain('ev-3');

    const text = JSON.stringify([events, await store().webhookOutbox.list({})]);
    for (const n of [1, 2]) expect(text).not.toContain(phone(n));
    // The mirror is İYS's current register: kept (see server/README.md §Retention).
    expect((await store().mirror([changeAtIys(1, 'RET').key])).size).toBe(1);
    // Once purged, an event is no candidate and is not purged again.
    expect(
      await store().changedEventCandidates({
        siteKey: SITE_A,
        createdBefore: at(10_000),
        afterPos: 0,
        limit: 10,
      }),
    ).toEqual([]);
    expect(
      await store().purgeChangedEvents({ siteKey: SITE_A, eventIds: ids, purgedAt: at(20_000) }),
    ).toEqual([]);
    expect((await store().webhookEvents(SITE_A))[2]!.payload).toMatchObject({
      purgedAt: PURGED_AT,
    });
  });
}
