// The VerificationStore contract (ports/verification-store.ts): rows read back exactly, each state
// change happens once (two racing callers: one wins), link verifications are written and older
// ones superseded inside a capture's own write, and settled rows drop the address.
import { expect, it } from 'vitest';
import type { Verification } from '../ports/verification-store.js';
import type { StoreGetter } from './store-contract.test-support.js';
import {
  SITE_A,
  SITE_B,
  appendCapture,
  at,
  captureWrite,
  phone,
  uuid,
} from './store-fixtures.test-support.js';

/** The `destinationSha256` of fixture address `n`. */
export const HASH = (n: number) => n.toString(16).padStart(64, 'c');

/** A pending verification numbered `n` (id uuid(1000 + n)), for phone(n), not sent yet. */
export function verificationFixture(
  n: number,
  overrides: Partial<Verification> = {},
): Verification {
  return {
    id: uuid(1000 + n),
    siteKey: SITE_A,
    method: 'code',
    addressKind: 'phone',
    destination: phone(n),
    destinationSha256: HASH(n),
    locale: 'tr',
    createdAt: at(n),
    sends: 0,
    holdUntil: at(n + 72 * 3600),
    attempts: 0,
    state: 'pending',
    channels: ['MESAJ'],
    ...overrides,
  };
}

export function describeVerificationContract(store: StoreGetter) {
  it('reads a verification back exactly, absent fields absent', async () => {
    const bare = verificationFixture(1);
    await store().insertVerification(bare);
    expect(await store().verification(bare.id)).toEqual(bare);
    const { captureId } = await appendCapture(store(), { n: 2, phone: phone(2) });
    const full = verificationFixture(2, {
      method: 'link',
      secretHash: 'd'.repeat(64),
      sentAt: at(3),
      sends: 2,
      expiresAt: at(300),
      attempts: 1,
      state: 'confirmed',
      captureId,
      channels: ['MESAJ', 'ARAMA'],
      confirmedAt: at(10),
      ip: '203.0.113.0',
      userAgent: 'Mozilla/5.0 şğü',
      releasedAt: at(11),
      locale: 'en',
    });
    await store().insertVerification(full);
    expect(await store().verification(full.id)).toEqual(full);
    expect(await store().verificationsOf(captureId)).toEqual([full]);
    expect(await store().verification(uuid(9999))).toBeUndefined();
  });

  it('attaches a code verification to the capture naming it, once, and only on its site', async () => {
    const { captureId } = await appendCapture(store(), { n: 1, phone: phone(1) });
    const other = await appendCapture(store(), { n: 2, phone: phone(1) });
    const v = verificationFixture(1);
    await store().insertVerification(v);
    await store().insertVerification(verificationFixture(2, { method: 'link' }));
    expect(await store().attachCapture(v.id, SITE_B, captureId, ['MESAJ'])).toBeUndefined();
    const attached = await store().attachCapture(v.id, SITE_A, captureId, ['MESAJ']);
    expect(attached).toEqual({ ...v, captureId, channels: ['MESAJ'] });
    // The same capture again is a no-op answer; another capture is refused.
    expect(await store().attachCapture(v.id, SITE_A, captureId, ['MESAJ'])).toEqual(attached);
    expect(await store().attachCapture(v.id, SITE_A, other.captureId, ['MESAJ'])).toBeUndefined();
    // A link verification is written with its capture, never attached.
    expect(await store().attachCapture(uuid(1002), SITE_A, captureId, ['MESAJ'])).toBeUndefined();
    expect(await store().verificationsOf(captureId)).toEqual([attached]);
  });

  it('renews a secret (a send counted, due to go out), marks it sent, and lists due sends oldest first', async () => {
    await store().insertVerification(verificationFixture(2));
    await store().insertVerification(verificationFixture(1, { createdAt: at(50) }));
    await store().insertVerification(
      verificationFixture(3, { sentAt: at(3), sends: 1, attempts: 2 }),
    );
    expect((await store().dueSends(10)).map((v) => v.id)).toEqual([uuid(1002), uuid(1001)]);
    expect((await store().dueSends(1)).map((v) => v.id)).toEqual([uuid(1002)]);
    const renewed = await store().renewSecret(uuid(1003), 'e'.repeat(64), at(200));
    expect(renewed).toMatchObject({
      sends: 2,
      secretHash: 'e'.repeat(64),
      expiresAt: at(200),
      attempts: 0,
    });
    expect(renewed?.sentAt).toBeUndefined();
    await store().markSent(uuid(1003), at(201));
    await store().markSent(uuid(1002), at(202));
    expect((await store().dueSends(10)).map((v) => v.id)).toEqual([uuid(1001)]);
    expect((await store().verification(uuid(1003)))?.sentAt).toBe(at(201));
  });

  it('locks after the last wrong code, and a new code reopens it with its own tries', async () => {
    await store().insertVerification(verificationFixture(1, { sends: 1, sentAt: at(1) }));
    expect(await store().recordWrongCode(uuid(1001), 3)).toMatchObject({
      attempts: 1,
      state: 'pending',
    });
    expect(await store().recordWrongCode(uuid(1001), 3)).toMatchObject({
      attempts: 2,
      state: 'pending',
    });
    expect(await store().recordWrongCode(uuid(1001), 3)).toMatchObject({
      attempts: 3,
      state: 'locked',
    });
    expect(await store().recordWrongCode(uuid(1001), 3)).toBeUndefined();
    expect(await store().confirmVerification(uuid(1001), { at: at(5) })).toBeUndefined();
    const reopened = await store().renewSecret(uuid(1001), 'f'.repeat(64), at(400));
    expect(reopened).toMatchObject({ state: 'pending', attempts: 0, sends: 2 });
    expect(await store().recordWrongCode(uuid(9999), 3)).toBeUndefined();
  });

  it('confirms once: of two racing confirmations exactly one wins', async () => {
    await store().insertVerification(verificationFixture(1, { sentAt: at(1), sends: 1 }));
    const facts = { at: at(30), ip: '198.51.100.0', userAgent: 'UA' };
    const results = await Promise.all([
      store().confirmVerification(uuid(1001), facts),
      store().confirmVerification(uuid(1001), { at: at(31) }),
    ]);
    const won = results.filter((r) => r !== undefined);
    expect(won).toHaveLength(1);
    expect(await store().verification(uuid(1001))).toEqual(won[0]);
    expect(won[0]!.state).toBe('confirmed');
    // Not pending any more: a code typed now changes nothing.
    expect(await store().recordWrongCode(uuid(1001), 3)).toBeUndefined();
  });

  it('lists confirmed, attached, unreleased verifications as due releases; a release drops the address', async () => {
    const { captureId } = await appendCapture(store(), { n: 1, phone: phone(1) });
    await store().insertVerification(verificationFixture(1, { sentAt: at(1), sends: 1 }));
    await store().insertVerification(verificationFixture(2, { sentAt: at(1), sends: 1 }));
    await store().confirmVerification(uuid(1001), { at: at(5) });
    await store().confirmVerification(uuid(1002), { at: at(6) });
    expect(await store().dueReleases(10)).toEqual([]);
    await store().attachCapture(uuid(1001), SITE_A, captureId, ['MESAJ']);
    expect((await store().dueReleases(10)).map((v) => v.id)).toEqual([uuid(1001)]);
    await store().markReleased(uuid(1001), at(7));
    await store().markReleased(uuid(1001), at(8));
    const released = await store().verification(uuid(1001));
    expect(released).toMatchObject({ state: 'confirmed', releasedAt: at(7) });
    expect(released?.destination).toBeUndefined();
    expect(released?.destinationSha256).toBe(HASH(1));
    expect(await store().dueReleases(10)).toEqual([]);
  });

  it('expires pending verifications past their hold, once, dropping the address', async () => {
    const { captureId } = await appendCapture(store(), { n: 1, phone: phone(1) });
    await store().insertVerification(verificationFixture(1, { holdUntil: at(100) }));
    await store().insertVerification(verificationFixture(2, { holdUntil: at(50) }));
    await store().insertVerification(verificationFixture(3, { holdUntil: at(500) }));
    // Confirmed, but no capture named it within the hold: nothing will release it.
    await store().insertVerification(verificationFixture(4, { holdUntil: at(60) }));
    await store().confirmVerification(uuid(1004), { at: at(10) });
    // Confirmed and tied to a capture: due for release, never expired.
    await store().insertVerification(verificationFixture(5, { holdUntil: at(60) }));
    await store().confirmVerification(uuid(1005), { at: at(10) });
    await store().attachCapture(uuid(1005), SITE_A, captureId, ['MESAJ']);
    const [a, b] = await Promise.all([
      store().expireDue(at(200), 10),
      store().expireDue(at(200), 10),
    ]);
    const expired = [...a!, ...b!];
    expect(expired.map((v) => v.id).sort()).toEqual([uuid(1001), uuid(1002), uuid(1004)].sort());
    for (const v of expired) {
      expect(v.state).toBe('expired');
      expect(v.destination).toBeUndefined();
    }
    expect((await store().verification(uuid(1003)))?.state).toBe('pending');
    expect((await store().verification(uuid(1005)))?.state).toBe('confirmed');
    expect(await store().expireDue(at(200), 10)).toEqual([]);
    // With an event per expired verification, written in the same transaction.
    const event = (v: Verification) => ({
      id: `ev-expired-${v.id}`,
      siteKey: v.siteKey,
      type: 'verification.expired',
      payload: { verificationId: v.id },
      createdAt: at(1000),
    });
    const late = await store().expireDue(at(1000), 1, event);
    expect(late.map((v) => v.id)).toEqual([uuid(1003)]);
    expect(await store().webhookEvents(SITE_A)).toEqual([event(late[0]!)]);
  });

  it('supersedes open verifications of older captures for the same site, address and channel', async () => {
    const older = await appendCapture(store(), { n: 1, phone: phone(1) });
    const newer = await appendCapture(store(), { n: 2, phone: phone(1) });
    const tied = (n: number, o: Partial<Verification> = {}) =>
      verificationFixture(n, { captureId: older.captureId, destinationSha256: HASH(1), ...o });
    await store().insertVerification(tied(1));
    await store().insertVerification(tied(2, { channels: ['EPOSTA'], addressKind: 'email' }));
    await store().insertVerification(tied(3, { siteKey: SITE_B }));
    await store().insertVerification(tied(4, { captureId: newer.captureId }));
    // Not tied to a capture yet: the capture naming it may be the newer one.
    await store().insertVerification(verificationFixture(5, { destinationSha256: HASH(1) }));
    await store().insertVerification(tied(6, { state: 'expired' }));
    await store().insertVerification(tied(7, { state: 'confirmed', confirmedAt: at(9) }));
    await store().insertVerification(
      tied(8, { state: 'confirmed', confirmedAt: at(9), releasedAt: at(10) }),
    );
    const superseded = await store().supersede(SITE_A, HASH(1), ['MESAJ'], newer.captureId);
    expect(superseded.map((v) => v.id)).toEqual([uuid(1001), uuid(1007)]);
    for (const v of superseded) {
      expect(v).toMatchObject({ state: 'superseded' });
      expect(v.destination).toBeUndefined();
    }
    const states = await Promise.all(
      [2, 3, 4, 5, 6, 8].map(async (n) => (await store().verification(uuid(1000 + n)))?.state),
    );
    expect(states).toEqual(['pending', 'pending', 'pending', 'pending', 'expired', 'confirmed']);
    expect(await store().supersede(SITE_A, HASH(1), [], newer.captureId)).toEqual([]);
  });

  it('writes a capture’s verifications and supersedes older ones in the capture’s own write', async () => {
    const older = await appendCapture(store(), { n: 1, phone: phone(1) });
    await store().insertVerification(
      verificationFixture(1, { method: 'link', captureId: older.captureId }),
    );
    const newer = await store().write([SITE_A], async (tx) => {
      const write = await captureWrite(await tx.chainHead(SITE_A), { n: 2, phone: phone(1) });
      const own = verificationFixture(2, {
        method: 'link',
        captureId: write.capture.captureId,
        destinationSha256: HASH(1),
      });
      await tx.insertCapture({
        ...write,
        verifications: [own],
        supersedes: [{ destinationSha256: HASH(1), channels: ['MESAJ'] }],
      });
      return { ...write, own };
    });
    expect((await store().verification(uuid(1001)))?.state).toBe('superseded');
    expect(await store().verificationsOf(newer.capture.captureId)).toEqual([newer.own]);
  });

  it('in a batch, a later capture supersedes an earlier one’s verification; a failed write keeps none', async () => {
    await store().write([SITE_A], async (tx) => {
      let head = await tx.chainHead(SITE_A);
      const writes = [];
      for (const n of [1, 2]) {
        const write = await captureWrite(head, { n, phone: phone(1) });
        head = { siteKey: SITE_A, seq: write.capture.seq, hash: write.capture.recordHash };
        writes.push({
          ...write,
          verifications: [
            verificationFixture(n, {
              method: 'link',
              captureId: write.capture.captureId,
              destinationSha256: HASH(1),
            }),
          ],
          supersedes: [{ destinationSha256: HASH(1), channels: ['MESAJ' as const] }],
        });
      }
      await tx.insertCaptures(writes);
    });
    expect((await store().verification(uuid(1001)))?.state).toBe('superseded');
    expect((await store().verification(uuid(1001)))?.destination).toBeUndefined();
    expect((await store().verification(uuid(1002)))?.state).toBe('pending');

    const failing = store().write([SITE_A], async (tx) => {
      const write = await captureWrite(await tx.chainHead(SITE_A), { n: 3, phone: phone(1) });
      await tx.insertCapture({
        ...write,
        verifications: [verificationFixture(3, { captureId: write.capture.captureId })],
        supersedes: [{ destinationSha256: HASH(1), channels: ['MESAJ'] }],
      });
      throw new Error('work failed after the insert');
    });
    await expect(failing).rejects.toThrow('work failed');
    expect(await store().verification(uuid(1003))).toBeUndefined();
    expect((await store().verification(uuid(1002)))?.state).toBe('pending');
  });
}
