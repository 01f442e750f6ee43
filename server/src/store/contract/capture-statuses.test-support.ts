// The CaptureStore contract (ports/capture-store.ts), continued: what a write transaction
// reads as each key's current status, from the outbox's newest live movement or else the mirror.
import { expect, it } from 'vitest';
import {
  SITE_A,
  appendCapture,
  captureWrite,
  keyOf,
  movementFixture,
  phone,
  uuid,
} from './store-fixtures.test-support.js';
import type { MovementSpec } from './store-fixtures.test-support.js';
import type { StoreGetter } from './store-contract.test-support.js';

export function describeCaptureStatusesContract(store: StoreGetter) {
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
    /** A movement given at `hour` o'clock on 2 November. */
    const givenAt = (hour: number, spec: MovementSpec) =>
      movementFixture({
        ...spec,
        consentDate: `2026-11-02 ${String(hour).padStart(2, '0')}:00:00`,
      });
    await appendCapture(
      store(),
      { n: 1, phone: k1 },
      {
        movements: (captureId) => [
          givenAt(12, { n: 11, captureId, recipient: k1, status: 'RET' }),
          givenAt(12, { n: 12, captureId, recipient: k2, status: 'ONAY' }),
        ],
      },
    );
    await appendCapture(
      store(),
      { n: 2, phone: k2 },
      {
        movements: (captureId) => [
          // Dead movements never reached İYS: they do not count.
          givenAt(14, { n: 21, captureId, recipient: k2, status: 'RET', state: 'dead' }),
          // Written later but given earlier: consentDate decides, not insertion.
          givenAt(10, { n: 22, captureId, recipient: k1, status: 'ONAY' }),
          // Same consentDate: insertion order decides.
          givenAt(9, { n: 23, captureId, recipient: k4, status: 'ONAY' }),
          givenAt(9, { n: 24, captureId, recipient: k4, status: 'RET' }),
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
              givenAt(15, { n: 31, captureId, recipient: k3, status: 'RET' }),
            ],
          },
        ),
      );
      expect((await tx.currentStatuses([keys[2]!])).get(keys[2]!)).toBe('RET');
      expect(await tx.currentStatuses([])).toEqual(new Map());
    });
  });
}
