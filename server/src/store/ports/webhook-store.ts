// The webhooks port (docs/architecture.md#webhooks): a site's webhook events and the outbox of
// their deliveries: fanning events out to their targets, claiming due deliveries with a lease,
// settling or rescheduling them, and the admin's list and retry.
import type { WebhookEvent } from '../types.js';

/** Where a delivery stands: due (`pending`), done (`delivered`) or given up (`dead`). */
export type WebhookDeliveryState = 'pending' | 'delivered' | 'dead';

/** Every state, in a fixed order. */
export const WEBHOOK_DELIVERY_STATES: readonly WebhookDeliveryState[] = [
  'pending',
  'delivered',
  'dead',
];

/** One configured webhook target, as `${tenantId}/${webhookId}` names its secret. */
export interface WebhookTargetRef {
  tenantId: string;
  webhookId: string;
}

/** What `fanOut` takes: the instant, how many events, which targets an event goes to, new ids. */
export interface WebhookFanOut {
  /** ISO instant: the new deliveries' `createdAt` and first `nextAttemptAt`. */
  now: string;
  limit: number;
  /** The targets of one event (none is allowed: the event is done with). */
  targets(event: WebhookEvent): WebhookTargetRef[];
  newId(): string;
}

/** One delivery of one event to one target. */
export interface WebhookDelivery extends WebhookTargetRef {
  id: string;
  eventId: string;
  state: WebhookDeliveryState;
  attempts: number;
  nextAttemptAt: string;
  leaseUntil?: string;
  /** The HTTP status of the last attempt, when it got one. */
  lastStatus?: number;
  /** Why the last attempt failed: `HTTP 500`, `timeout`, `network: ECONNREFUSED`… (no personal data). */
  lastError?: string;
  deliveredAt?: string;
  createdAt: string;
}

/** A claimed delivery with the event it carries; `leaseUntil` is its fencing token. */
export interface ClaimedWebhookDelivery extends WebhookDelivery {
  leaseUntil: string;
  event: WebhookEvent;
}

/** What `claim` takes: due at or before `now`, leased until `leaseUntil`, at most `limit`. */
export interface WebhookDeliveryClaim {
  now: string;
  leaseUntil: string;
  limit: number;
}

/** How one attempt ended. */
export type WebhookDeliveryOutcome =
  | { state: 'delivered'; at: string; status: number }
  | { state: 'pending'; nextAttemptAt: string; status?: number; error: string }
  | { state: 'dead'; status?: number; error: string };

/** The end of one claimed attempt; applies only while the claim's lease is still the row's. */
export interface WebhookDeliveryResult {
  id: string;
  leaseUntil: string;
  outcome: WebhookDeliveryOutcome;
}

/** Filters of the admin list: newest first, 100 by default. */
export interface WebhookDeliveryFilter {
  state?: WebhookDeliveryState;
  tenantId?: string;
  limit?: number;
}

/** The webhook outbox of a store. */
export interface WebhookOutbox {
  /** In one transaction: one pending delivery per target of each unfanned event, oldest first; marks them fanned out. */
  fanOut(write: WebhookFanOut): Promise<{ events: number; deliveries: number }>;
  /** Leases due pending deliveries (and those whose lease expired), oldest due first. */
  claim(claim: WebhookDeliveryClaim): Promise<ClaimedWebhookDelivery[]>;
  /** Ends an attempt (attempts + 1); false when the lease was lost (another worker reclaimed it). */
  settle(result: WebhookDeliveryResult): Promise<boolean>;
  /** A dead delivery of `tenantId` back to pending, due at `now`, attempts from zero; false if none. */
  retry(id: string, tenantId: string, now: string): Promise<boolean>;
  list(filter: WebhookDeliveryFilter): Promise<WebhookDelivery[]>;
  /** One delivery by id. */
  get(id: string): Promise<WebhookDelivery | undefined>;
  /** Deliveries per state (metrics). */
  counts(): Promise<Record<WebhookDeliveryState, number>>;
}

/** The webhook events and their deliveries. */
export interface WebhookStore {
  /** A site's webhook events, newest first (default limit 100). */
  webhookEvents(siteKey: string, limit?: number): Promise<WebhookEvent[]>;
  /**
   * Queues events on their own (an id written before is skipped): for events that follow no
   * other write of the store, such as a verification's SMS or its expiry.
   */
  insertWebhookEvents(events: readonly WebhookEvent[]): Promise<void>;
  /**
   * Empties the `verification.sms` events (a phone number, and a code or link in their text) that
   * no delivery still waits for, and those created before `before` whatever their deliveries
   * (whose pending ones die): the text has done its work. Keeps the verification id. Returns how
   * many it emptied.
   */
  scrubVerificationSms(before: string, at: string): Promise<number>;
  /** The webhook deliveries: fan-out from events, leased claims, retries. */
  readonly webhookOutbox: WebhookOutbox;
}
