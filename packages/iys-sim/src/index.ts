/** @izinli/iys-sim — a faithful simulator of İYS's REST API for tests, demos and local development. */
export { createIysSim } from './app.js';
export type { IysSim, SimStats } from './app.js';
export { SimClock } from './clock.js';
export type { SimClockOptions } from './clock.js';
export { NO_FAULTS } from './fault-settings.js';
export type { FaultKind, FaultSettings } from './fault-settings.js';
export type { IpHealth } from './health.js';
export { DEFAULT_EMAIL_PATTERN, DEFAULT_POLICY, DEMO_ACCOUNT } from './options.js';
export type {
  IysSimOptions,
  ResolvedAccount,
  SimAccount,
  SimBrand,
  SimLimits,
  SimPolicy,
} from './options.js';
export { tsaCertificatePem } from './reconciliation/tsa.js';
export { DAILY_FILE_COLUMNS } from '@izinli/core';
export { ACCOUNT_STATES } from './subscription.js';
export type { SimAccountState, SimSubscription } from './subscription.js';
export { GARBLED_BODIES } from './garbled-bodies.js';
export { GATEWAY_FORBIDDEN_HTML } from './whitelist-policy.js';
export type { WhitelistPolicy } from './whitelist-policy.js';
export { PUSH_TEST_BODY } from './push-delivery.js';
export { seededRandom } from './seeded-random.js';
export { serveIysSim } from './serve.js';
export type { ServedSim } from './serve.js';
export type { SimMovementEntry } from './routes/admin.js';
