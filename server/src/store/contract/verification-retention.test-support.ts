// Retention of verified consent (B10, docs/verification.md#records): a confirmation holds the
// confirming request's ip and agent, so it is purged with the capture it confirms, its movements
// blanked and its verification's address, ip and agent dropped; an open movement keeps both. The
// admin list shows captures and withdrawals only, confirmations when asked, and finds captures by
// where their verification stands.
import { captureRecordHash } from '@izinli/core';
import type { ConfirmationRecord } from '@izinli/core';
import { expect, it } from 'vitest';
import type { Store } from '../store.js';
import type { StoreGetter } from './store-contract.test-support.js';
import {
  SITE_A,
  appendCapture,
  at,
  movementFixture,
  phone,
  uuid,
} from './store-fixtures.test-support.js';
import { HASH, verificationFixture } from './verification-store.test-support.js';

/**
 * Chains a confirmation of `capture` (numbered `n`) with one MESAJ movement in state `state`;
 * returns its id.
 */
async function appendConfirmation(
  s: Store,
  n: number,
  capture: { captureId: string; recordHash: string },
  state: 'pending' | 'delivered',
): Promise<string> {
  return s.write([SITE_A], async (tx) => {
    const head = await tx.chainHead(SITE_A);
    const unsealed: Omit<ConfirmationRecord, 'recordHash'> = {
      kind: 'confirmation',
      captureId: uuid(n),
      siteKey: SITE_A,
      seq: head.seq + 1,
      receivedAt: at(n),
      consentDate: '2026-11-02 12:00:00',
      confirms: { captureId: capture.captureId, recordHash: capture.recordHash },
      channels: [{ type: 'MESAJ', status: 'ONAY' }],
      method: 'link',
      destinationSha256: HASH(1),
      sentAt: at(n - 1),
      confirmedAt: at(n),
      attempts: 0,
      ip: '203.0.113.0',
      userAgent: 'UA',
      prevHash: head.hash,
    };
    const record = { ...unsealed, recordHash: await captureRecordHash(unsealed) };
    await tx.insertCapture({
      capture: {
        captureId: record.captureId,
        siteKey: SITE_A,
        seq: record.seq,
        prevHash: record.prevHash,
        recordHash: record.recordHash,
        bodyHash: 'b'.repeat(64),
        record,
        receipt: `receipt-${n}`,
        receivedAt: record.receivedAt,
      },
      movements: [movementFixture({ n, captureId: record.captureId, recipient: phone(1), state })],
      events: [],
    });
    return record.captureId;
  });
}

export function describeVerificationRetentionContract(store: StoreGetter) {
  it('B10: retention purges a confirmation and its verification’s personal data with its capture', async () => {
    const capture = await appendCapture(store(), { n: 1, phone: phone(1) });
    await store().insertVerification(
      verificationFixture(1, {
        method: 'link',
        captureId: capture.captureId,
        state: 'confirmed',
        confirmedAt: at(5),
        ip: '203.0.113.0',
        userAgent: 'UA',
      }),
    );
    const confirmationId = await appendConfirmation(store(), 10, capture, 'delivered');
    const result = await store().purgeCaptures({
      siteKey: SITE_A,
      captureIds: [capture.captureId],
      purgedAt: at(9000),
    });
    expect(result).toEqual({ purged: [capture.captureId], open: [] });
    const confirmation = await store().getCapture(confirmationId);
    expect(confirmation?.record).toBeUndefined();
    expect(confirmation?.receipt).toBeUndefined();
    expect(confirmation?.purgedAt).toBe(at(9000));
    expect((await store().movements({ captureId: confirmationId }))[0]?.recipient).toBe('');
    const verification = await store().verification(uuid(1001));
    expect(verification).toMatchObject({ state: 'confirmed', destinationSha256: HASH(1) });
    expect([verification?.destination, verification?.ip, verification?.userAgent]).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
  });

  it('A14: a confirmation’s open movement keeps its capture (and itself) from being purged', async () => {
    const capture = await appendCapture(store(), { n: 1, phone: phone(1) });
    const confirmationId = await appendConfirmation(store(), 10, capture, 'pending');
    expect(
      await store().purgeCaptures({
        siteKey: SITE_A,
        captureIds: [capture.captureId],
        purgedAt: at(9000),
      }),
    ).toEqual({ purged: [], open: [capture.captureId] });
    expect((await store().getCapture(confirmationId))?.record).toBeDefined();
    // Confirmations are never candidates on their own: they go with their capture.
    const candidates = await store().retentionCandidates({
      siteKey: SITE_A,
      receivedBeforeMs: Date.parse(at(100_000)),
      afterSeq: 0,
      limit: 10,
    });
    expect(candidates.map((c) => c.captureId)).toEqual([capture.captureId]);
  });

  it('lists a confirmation neither as a capture nor as a candidate of its own', async () => {
    const capture = await appendCapture(store(), { n: 1, phone: phone(1) });
    await appendConfirmation(store(), 10, capture, 'delivered');
    const page = await store().listCaptures({ siteKeys: [SITE_A] });
    expect(page.items.map((c) => c.captureId)).toEqual([capture.captureId]);
  });

  it('lists confirmations when asked, and captures by where their verification stands', async () => {
    const confirmed = await appendCapture(store(), { n: 1, phone: phone(1) });
    const expired = await appendCapture(store(), { n: 2, phone: phone(2) });
    const open = await appendCapture(store(), { n: 3, phone: phone(3) });
    const fixtures = [
      verificationFixture(1, {
        captureId: confirmed.captureId,
        state: 'confirmed',
        confirmedAt: at(5),
      }),
      verificationFixture(2, { captureId: expired.captureId, state: 'expired' }),
      verificationFixture(3, { captureId: open.captureId, state: 'locked' }),
    ];
    for (const v of fixtures) await store().insertVerification(v);
    const confirmationId = await appendConfirmation(store(), 10, confirmed, 'pending');
    const ids = async (filter: Parameters<Store['listCaptures']>[0]) =>
      (await store().listCaptures({ siteKeys: [SITE_A], ...filter })).items.map((c) => c.captureId);
    expect(await ids({ kind: 'confirmation' })).toEqual([confirmationId]);
    expect(await ids({ held: 'expired' })).toEqual([expired.captureId]);
    // Confirmed and not yet released is still open; released, it no longer is.
    expect(await ids({ held: 'awaiting' })).toEqual([open.captureId, confirmed.captureId]);
    await store().markReleased(uuid(1001), at(11));
    expect(await ids({ held: 'awaiting' })).toEqual([open.captureId]);
  });
}
