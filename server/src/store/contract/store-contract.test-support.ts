// The suites every Store implementation must pass (docs/architecture.md#storage), one per port
// (ports/*.ts), each in its own file here. Each test gets a fresh, migrated store from `makeStore`.
import { afterEach, beforeEach, describe } from 'vitest';
import { describeAccountContract } from './account-store.test-support.js';
import { describeBatchContract } from './batch-store.test-support.js';
import { describeListContract } from './capture-list.test-support.js';
import { describeCaptureStatusesContract } from './capture-statuses.test-support.js';
import { describeWritesContract } from './capture-store.test-support.js';
import { describeChainContract } from './chain-store.test-support.js';
import { describeEvidenceContract } from './evidence-store.test-support.js';
import { describeSyncContract } from './mirror-store.test-support.js';
import { describeDeliveryContract } from './movement-store.test-support.js';
import { describeReconciliationContract } from './reconciliation-store.test-support.js';
import { describeRetentionContract } from './retention-store.test-support.js';
import { describeIysDayRetentionContract } from './iys-day-retention.test-support.js';
import { describeStoreAdminContract } from './store-admin.test-support.js';
import { describeVerificationContract } from './verification-store.test-support.js';
import { describeVerificationRetentionContract } from './verification-retention.test-support.js';
import { describeWebhooksContract } from './webhook-store.test-support.js';
import type { Store } from '../store.js';

/** A store under test and how to remove everything it created. */
export interface StoreUnderTest {
  store: Store;
  cleanup(): Promise<void>;
}

/** Gives each contract test its store. */
export type StoreGetter = () => Store;

/** Each port of the Store (store.ts, in its order) and the contract suites it must pass. */
const PORT_CONTRACTS: Record<string, ((store: StoreGetter) => void)[]> = {
  CaptureStore: [describeWritesContract, describeCaptureStatusesContract, describeListContract],
  ChainStore: [describeChainContract],
  MovementStore: [describeDeliveryContract],
  BatchStore: [describeBatchContract],
  MirrorStore: [describeSyncContract],
  WebhookStore: [describeWebhooksContract],
  RetentionStore: [
    describeRetentionContract,
    describeIysDayRetentionContract,
    describeVerificationRetentionContract,
  ],
  AccountStore: [describeAccountContract],
  ReconciliationStore: [describeReconciliationContract],
  EvidenceStore: [describeEvidenceContract],
  VerificationStore: [describeVerificationContract],
  StoreAdmin: [describeStoreAdminContract],
};

/** Runs every port's contract against stores made by `makeStore` (one per test). */
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
    for (const [port, suites] of Object.entries(PORT_CONTRACTS)) {
      describe(port, () => suites.forEach((suite) => suite(store)));
    }
  });
}
