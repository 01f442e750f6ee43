// The StoreAdmin contract (ports/store-admin.ts): migrations that run once, the health counts
// and ping.
import { expect, it } from 'vitest';
import {
  SITE_A,
  SITE_B,
  appendCapture,
  eventFixture,
  movementFixture,
  phone,
} from './store-fixtures.test-support.js';
import type { StoreGetter } from './store-contract.test-support.js';

export function describeStoreAdminContract(store: StoreGetter) {
  it('migrating again is a no-op that keeps the data', async () => {
    const capture = await appendCapture(store(), { n: 1, phone: phone(1) });
    await store().migrate();
    await store().migrate();
    expect((await store().getCapture(capture.captureId))?.recordHash).toBe(capture.recordHash);
    expect(await store().chainHead(SITE_A)).toEqual({
      siteKey: SITE_A,
      seq: 1,
      hash: capture.recordHash,
    });
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
