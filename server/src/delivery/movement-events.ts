// The webhook events delivery writes with a movement's state change (docs/architecture.md#webhooks):
// `consent.delivered` when İYS took it, `consent.rejected` when it is dead-lettered (İYS's code and
// message, or ours: deadline-missed, H178 before sending), and `consent.deadline_at_risk` once for a
// movement still open within 24 h of its deadline. The payload goes to the site owner, so it names
// the recipient; logs never do.
import { randomUUID } from 'node:crypto';
import type { Movement } from '@izinli/core';
import type { MovementEvent } from '../store/ports/movement-store.js';
import type { WebhookEvent } from '../store/store.js';
import { consentOf } from './pre-validate.js';
import type { AttemptEnd } from './send-outcome.js';

/** How a movement reached İYS. */
export type DeliveryPath = 'single' | 'batch';

/** The fields every delivery event carries about its movement. */
function movementFields(m: Movement) {
  return { movementId: m.id, captureId: m.captureId, ...consentOf(m), deadline: m.deadline };
}

/** The events of an attempt's end: delivered or rejected; none for the other outcomes. */
export function eventsOfEnd(
  m: Movement,
  end: AttemptEnd,
  via: DeliveryPath,
  now: Date,
  newId: () => string = randomUUID,
): MovementEvent[] {
  const o = end.outcome;
  const createdAt = now.toISOString();
  if (o.state === 'delivered') {
    const payload = {
      ...movementFields(m),
      transactionId: o.transactionId,
      creationDate: o.creationDate,
      via,
    };
    return [{ id: newId(), type: 'consent.delivered', payload, createdAt }];
  }
  if (o.state === 'dead') {
    const payload = {
      ...movementFields(m),
      error: { code: o.error.code, message: o.error.message },
    };
    return [{ id: newId(), type: 'consent.rejected', payload, createdAt }];
  }
  return [];
}

/** The `consent.deadline_at_risk` event of an open movement of `siteKey`. */
export function atRiskEvent(
  m: Movement,
  siteKey: string,
  now: Date,
  newId: () => string = randomUUID,
): WebhookEvent {
  return {
    id: newId(),
    siteKey,
    type: 'consent.deadline_at_risk',
    payload: { ...movementFields(m), state: m.state, attempts: m.attempts },
    createdAt: now.toISOString(),
  };
}
