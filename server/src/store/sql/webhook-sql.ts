// The SQL of the webhook outbox both dialects share (`?` placeholders where a statement is
// shared): the columns of a delivery, the rows it maps to and from, and the counts
// (ports/webhook-store.ts declares the outbox; sqlite/webhooks.ts and postgres/webhooks.ts run it).
import { present } from '@izinli/core';
import { int, optional, optionalInt } from './store-rows.js';
import type { Row } from './store-rows.js';
import type {
  ClaimedWebhookDelivery,
  WebhookDelivery,
  WebhookDeliveryResult,
  WebhookDeliveryState,
  WebhookTargetRef,
} from '../ports/webhook-store.js';

/** The columns a delivery is read from, prefixed with `d.` (the table's alias). */
export const DELIVERY_COLUMNS = [
  'id',
  'event_id',
  'tenant_id',
  'webhook_id',
  'state',
  'attempts',
  'next_attempt_at',
  'lease_until',
  'last_status',
  'last_error',
  'delivered_at',
  'created_at',
]
  .map((c) => `d.${c}`)
  .join(', ');

/** The events not fanned out yet, oldest first; `?` placeholder for the limit. */
export const UNFANNED_EVENTS = `SELECT id, site_key, type, payload, created_at FROM webhook_events
  WHERE state = 'pending' ORDER BY pos LIMIT ?`;

/** The state of an event once its deliveries exist. */
export const FANNED_OUT = 'fanned-out';

/** Columns written for a new delivery, in the order of `newDeliveryValues`. */
export const NEW_DELIVERY_COLUMNS = [
  'id',
  'event_id',
  'tenant_id',
  'webhook_id',
  'state',
  'next_attempt_at',
  'created_at',
] as const;

/** The row values of a new delivery: pending, due at `now`. */
export function newDeliveryValues(
  id: string,
  eventId: string,
  target: WebhookTargetRef,
  now: string,
): unknown[] {
  const at = new Date(now).toISOString();
  return [id, eventId, target.tenantId, target.webhookId, 'pending', at, at];
}

/** A webhook_deliveries row as its delivery. */
export function toWebhookDelivery(row: Row): WebhookDelivery {
  return {
    id: row.id as string,
    eventId: row.event_id as string,
    tenantId: row.tenant_id as string,
    webhookId: row.webhook_id as string,
    state: row.state as WebhookDeliveryState,
    attempts: int(row.attempts),
    nextAttemptAt: row.next_attempt_at as string,
    ...present({
      leaseUntil: optional(row.lease_until),
      lastStatus: optionalInt(row.last_status),
      lastError: optional(row.last_error),
      deliveredAt: optional(row.delivered_at),
    }),
    createdAt: row.created_at as string,
  };
}

/** The parameters of a settle UPDATE: state, next_attempt_at, last_status, last_error, delivered_at, id, lease. */
export function settleParams(result: WebhookDeliveryResult): unknown[] {
  const o = result.outcome;
  return [
    o.state,
    o.state === 'pending' ? new Date(o.nextAttemptAt).toISOString() : null,
    o.status ?? null,
    o.state === 'delivered' ? null : o.error,
    o.state === 'delivered' ? new Date(o.at).toISOString() : null,
    result.id,
    result.leaseUntil,
  ];
}

/** An empty count per state. */
export function zeroDeliveryCounts(): Record<WebhookDeliveryState, number> {
  return { pending: 0, delivered: 0, dead: 0 };
}

/** Counts rows `{ state, n }` per state. */
export function deliveryCounts(rows: readonly Row[]): Record<WebhookDeliveryState, number> {
  const counts = zeroDeliveryCounts();
  for (const row of rows) counts[row.state as WebhookDeliveryState] = int(row.n);
  return counts;
}

/** The event columns joined onto a claimed delivery, prefixed `ev_`. */
export const EVENT_JOIN_COLUMNS =
  'e.site_key AS ev_site_key, e.type AS ev_type, e.payload AS ev_payload, e.created_at AS ev_created_at';

/** A claimed row (delivery columns plus `EVENT_JOIN_COLUMNS`) as its claimed delivery. */
export function toClaimedDelivery(row: Row): ClaimedWebhookDelivery {
  const delivery = toWebhookDelivery(row);
  return {
    ...delivery,
    leaseUntil: row.lease_until as string,
    event: {
      id: delivery.eventId,
      siteKey: row.ev_site_key as string,
      type: row.ev_type as string,
      payload: JSON.parse(row.ev_payload as string) as unknown,
      createdAt: row.ev_created_at as string,
    },
  };
}

/** The webhook event type that carries a verification SMS to the site owner's sender. */
export const VERIFICATION_SMS = 'verification.sms';

/** What a scrubbed `verification.sms` event keeps: which verification it was for. */
export function scrubbedSmsPayload(payload: unknown, at: string): string {
  const verificationId = (payload as { verificationId?: unknown } | null)?.verificationId;
  return JSON.stringify({ verificationId, purged: true, purgedAt: at });
}

/** The dead-letter reason of a pending delivery of a scrubbed SMS event. */
export const SMS_SCRUBBED_ERROR = 'verification SMS emptied: its code or link is no longer of use';
