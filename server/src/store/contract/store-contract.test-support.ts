// The one suite every Store implementation must pass (docs/architecture.md#storage). Each test gets a
// fresh, migrated store from `makeStore`; the sections live in store-contract-*.test-support.ts.
import { afterEach, beforeEach, describe } from 'vitest';
import { describeBatchContract } from './batch-store.test-support.js';
import { describeDeliveryContract } from './movement-store.test-support.js';
import { describeListContract } from './chain-store.test-support.js';
import { describeReadsContract } from './store-admin.test-support.js';
import { describeRetentionContract } from './retention-store.test-support.js';
import { describeSyncContract } from './mirror-store.test-support.js';
import { describeWebhooksContract } from './webhook-store.test-support.js';
import { describeWritesContract } from './capture-store.test-support.js';
import type { Store } from '../store.js';

/** A store under test and how to remove everything it created. */
export interface StoreUnderTest {
  store: Store;
  cleanup(): Promise<void>;
}

/** Gives each contract test its store. */
export type StoreGetter = () => Store;

/** Runs the Store contract against stores made by `makeStore` (one per test). */
export function describeStoreContract(name: string, makeStore: () => Promise<StoreUnderTest>) {
  describe(`${name}: the Store contract`, () => {
    let current: StoreUnderTest | undefined;
    beforeEach(async () => {
      current = await makeStore();
      await current.store.migrate();
    });
    afterEach(async () => {
      await current?.cleanup();
      current = undefined;
    });
    const store: StoreGetter = () => {
      if (!current) throw new Error('the contract store is only available inside a test');
      return current.store;
    };
    describeWritesContract(store);
    describeListContract(store);
    describeReadsContract(store);
    describeSyncContract(store);
    describeWebhooksContract(store);
    describeDeliveryContract(store);
    describeBatchContract(store);
    describeRetentionContract(store);
  });
}
