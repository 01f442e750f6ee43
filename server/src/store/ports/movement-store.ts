// The movements port: the outbox of İYS movements and their delivery (docs/architecture.md#delivery):
// claiming due movements under a lease, settling or rescheduling them, dead letters, deadline
// risk, and the admin's pages and counts.
import type { Movement, MovementState } from '@izinli/core';
import type { BatchState, MirrorEntry, Page, WebhookEvent } from '../types.js';

/** Open movements this close to their deadline are at risk (metric, admin API, webhook). */
export const NEAR_DEADLINE_MS = 24 * 3_600_000;

/** Filters for listing movements; results are in insertion order. */
export interface MovementFilter {
  captureId?: string;
  /** A `movementKey`. */
  key?: string;
  state?: MovementState;
  /** Default 1000. */
  limit?: number;
}

/** A webhook event of a movement; the store gives it the site of the movement's capture. */
export type MovementEvent = Omit<WebhookEvent, 'siteKey'>;

/** What `claimMovements` takes: the instant, the lease length, how many, which İYS account. */
export interface MovementClaim {
  /** ISO instant: movements due at or before it (and leases expired by it) are claimable. */
  now: string;
  /** ISO instant written as the claimed movements' `leaseUntil` (their fencing token). */
  leaseUntil: string;
  limit: number;
  /** Only this İYS account's movements (the account this instance leads); all when omitted. */
  iysCode?: number;
}

/** How one attempt ended: settled in a final state, or back to `pending` for a later try. */
export type MovementOutcome =
  | { state: 'delivered'; transactionId: string; creationDate: string }
  | { state: 'already-current'; reason?: { code: string; message: string } }
  | { state: 'dead'; error: { code: string; message: string } }
  | { state: 'pending'; nextAttemptAt: string; error?: { code: string; message: string } };

/** The end of one claimed attempt; applies only while the claim's lease is still the row's. */
export interface MovementResult {
  id: string;
  /** The `leaseUntil` the movement was claimed with. */
  leaseUntil: string;
  outcome: MovementOutcome;
  /** İYS's state after a delivered or already-current movement, applied like `applyIysChanges`. */
  mirror?: MirrorEntry;
  /**
   * ISO instant before which no later movement of the key may go: İYS gives two movements of one
   * key in the same second one transactionId, so the next waits (docs/iys.md#rules).
   */
  holdKeyUntil?: string;
  /** Webhook events (`consent.delivered`, `consent.rejected`) written with the state change. */
  events?: readonly MovementEvent[];
}

/** Counts for the admin API and /metrics. */
export interface DeliveryStats {
  byState: Record<MovementState, number>;
  /** Pending or in-flight movements whose deadline is within the window given (default 24 h). */
  nearDeadline: number;
  /** consentDate of the oldest pending or in-flight movement, if any. */
  oldestPending?: string;
  /** consentDate of the oldest movement in each state that has any. */
  oldestByState: Partial<Record<MovementState, string>>;
}

/** What `flagMovementsAtRisk` takes. */
export interface AtRiskFlagging {
  /** ISO instant written as the flag. */
  now: string;
  /** Open movements whose deadline is at or before this instant (now + 24 h) are at risk. */
  deadlineBound: string;
  iysCode?: number;
  /** Most flagged in one call (default 1000). */
  limit?: number;
  /** The `consent.deadline_at_risk` event of one movement of `siteKey`. */
  event(movement: Movement, siteKey: string): WebhookEvent;
}

/** Filters of `movementPage`; `siteKeys` is required (an empty list matches nothing). */
export interface MovementPageFilter {
  siteKeys: readonly string[];
  state?: MovementState;
  /** Only open (pending, in-flight) movements whose deadline is at or before this instant. */
  deadlineBefore?: string;
  id?: string;
  /** Opaque cursor from a previous page; check one from a client with `isMovementCursor`. */
  cursor?: string;
  limit?: number;
}

/** A movement as the admin API shows it: with its site, deadline flag and batch, if any. */
export type AdminMovement = Movement & {
  siteKey: string;
  /** When its `consent.deadline_at_risk` event was written. */
  atRiskAt?: string;
  /** The İYS batch it was (or is being) sent in. */
  batch?: { id: string; index: number; requestId?: string; state: BatchState };
};

/** The outbox of movements and their delivery. */
export interface MovementStore {
  /**
   * Outbox movements in insertion order. Their instants (and those of mirror entries and events)
   * are stored as fixed-width UTC ISO text, so they read back in `Date#toISOString` form.
   */
  movements(filter: MovementFilter): Promise<Movement[]>;
  /** Claims due movements that head their key, oldest consentDate first, under a lease (delivery). */
  claimMovements(claim: MovementClaim): Promise<Movement[]>;
  /**
   * Returns every in-flight movement to pending (due as before); the count. Only for the İYS
   * leader on taking over: any lease left is then a dead instance's (delivery/leader.ts).
   */
  releaseLeases(): Promise<number>;
  /** Ends claimed attempts whose lease still holds, with their mirror entries; returns their ids. */
  finishMovements(results: readonly MovementResult[]): Promise<string[]>;
  /** Puts a dead letter back in the queue, due at `now`; false when it is not dead. */
  retryDeadMovement(id: string, now: string): Promise<boolean>;
  /**
   * Movements by state (of `siteKeys`' captures only, when given); open ones whose deadline is at
   * or before `deadlineBound` count as near.
   */
  deliveryStats(deadlineBound: string, siteKeys?: readonly string[]): Promise<DeliveryStats>;
  /** A page of the movements of some sites (admin API), in insertion order, 100 a page. */
  movementPage(filter: MovementPageFilter): Promise<Page<AdminMovement>>;
  /**
   * Flags open movements whose deadline is at or before `deadlineBound` and writes each one's
   * `consent.deadline_at_risk` event, once per movement ever, in one transaction; the count.
   */
  flagMovementsAtRisk(flagging: AtRiskFlagging): Promise<number>;
}
