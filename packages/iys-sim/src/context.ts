import type { IncomingMessage } from 'node:http';
import type { AccountStates } from './account-state.js';
import type { SimClock } from './clock.js';
import type { FaultSettings } from './fault-settings.js';
import type { HealthTracker } from './health.js';
import type { HourlyLimiter, SlidingWindowLimiter } from './limiters.js';
import type { ResolvedAccount, ResolvedOptions, SimBrand } from './options.js';
import type { PushDelivery } from './push-delivery.js';
import type { SimState } from './state.js';
import type { TokenStore } from './tokens.js';
import type { WhitelistPolicy } from './whitelist-policy.js';

/** Hono environment of the simulator: node-server's socket when served over HTTP, plus per-request facts. */
export type SimEnv = {
  Bindings: { incoming?: IncomingMessage };
  Variables: {
    ip: string;
    account: ResolvedAccount;
    iysCode: number;
    brand: SimBrand;
  };
};

/** Counters shown by `/__sim/stats`. */
export interface SimCounters {
  requests: number;
  byStatus: Record<string, number>;
  byCode: Record<string, number>;
  dropped: number;
  injectedErrors: number;
}

/** Everything a route needs: options, clock, data, limiters, trackers. One per simulator. */
export interface SimContext {
  options: ResolvedOptions;
  clock: SimClock;
  state: SimState;
  faults: FaultSettings;
  tokens: TokenStore;
  limiters: {
    perSecond: SlidingWindowLimiter;
    tokens: HourlyLimiter;
    status: HourlyLimiter;
    history: HourlyLimiter;
  };
  health: HealthTracker;
  counters: SimCounters;
  push: PushDelivery;
  /** The allowed-IP policy in force, settable through `/__sim/whitelist`. */
  whitelist: WhitelistPolicy;
  /** IPs taken off the whitelist under the 70 % rule. */
  delisted: Set<string>;
  /** Each account's standing (subscription state), settable through `/__sim/accounts`. */
  accounts: AccountStates;
  /** Processes batches whose time has come; every request calls it first. */
  settle(): void;
}
