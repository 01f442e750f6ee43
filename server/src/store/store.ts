// The whole store as one object, for wiring only (main, the app's composition, the CLI, tests):
// the union of the ports in ports/*.ts, which callers name instead when they use one capability.
// sqlite/sqlite-store.ts and postgres/postgres-store.ts compose it; contract/ holds the suites
// both must pass, one per port.
import type { AccountStore } from './ports/account-store.js';
import type { BatchStore } from './ports/batch-store.js';
import type { CaptureStore } from './ports/capture-store.js';
import type { ChainStore } from './ports/chain-store.js';
import type { EvidenceStore } from './ports/evidence-store.js';
import type { MirrorStore } from './ports/mirror-store.js';
import type { MovementStore } from './ports/movement-store.js';
import type { ReconciliationStore } from './ports/reconciliation-store.js';
import type { RetentionStore } from './ports/retention-store.js';
import type { StoreAdmin } from './ports/store-admin.js';
import type { VerificationStore } from './ports/verification-store.js';
import type { WebhookStore } from './ports/webhook-store.js';

// The row types and the ports' own types, so that wiring and the package's users find every
// store type here.
export type * from './types.js';
export type * from './ports/account-store.js';
export type * from './ports/batch-store.js';
export type * from './ports/capture-store.js';
export type * from './ports/chain-store.js';
export type * from './ports/evidence-store.js';
export type * from './ports/mirror-store.js';
export type * from './ports/movement-store.js';
export type * from './ports/reconciliation-store.js';
export type * from './ports/retention-store.js';
export type * from './ports/store-admin.js';
export type * from './ports/verification-store.js';
export type * from './ports/webhook-store.js';

/** The durable store: embedded SQLite by default, PostgreSQL when `DATABASE_URL` is set. */
export interface Store
  extends
    CaptureStore,
    ChainStore,
    MovementStore,
    BatchStore,
    MirrorStore,
    WebhookStore,
    RetentionStore,
    AccountStore,
    ReconciliationStore,
    EvidenceStore,
    VerificationStore,
    StoreAdmin {}
