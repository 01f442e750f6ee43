// Checks a webhook delivery from izinli with the official `standardwebhooks` library: the
// signature over id, timestamp and body with the target's `whsec_…` secret, and a timestamp
// within five minutes. Give it the body exactly as received (the raw text, not re-serialised JSON).
import { Webhook } from 'standardwebhooks';
import type { Schemas } from './client.js';

export { WebhookVerificationError } from 'standardwebhooks';

/** The events documented with their payload in the server's OpenAPI document. */
export type DocumentedWebhookEvent =
  | {
      type: 'iys.reconciliation_mismatch';
      timestamp: string;
      data: Schemas['ReconciliationMismatchEvent'];
    }
  | {
      type: 'iys.subscription_warning';
      timestamp: string;
      data: Schemas['SubscriptionWarningEvent'];
    }
  | { type: 'verification.sms'; timestamp: string; data: Schemas['VerificationSmsEvent'] }
  | {
      type: 'verification.confirmed';
      timestamp: string;
      data: Schemas['VerificationConfirmedEvent'];
    }
  | { type: 'verification.expired'; timestamp: string; data: Schemas['VerificationExpiredEvent'] };

/** The other events izinli sends; their `data` is described in docs/architecture.md. */
export type OtherWebhookEventType =
  | 'capture.recorded'
  | 'capture.confirmation_due'
  | 'consent.changed'
  | 'consent.delivered'
  | 'consent.rejected'
  | 'consent.deadline_at_risk'
  | 'iys.account_paused';

/** One verified webhook event (`{ type, timestamp, data }`, Standard Webhooks). */
export type IzinliWebhookEvent =
  | DocumentedWebhookEvent
  | { type: OtherWebhookEventType; timestamp: string; data: Record<string, unknown> };

/** Headers as a server framework gives them: a Headers object or a plain record. */
export type WebhookHeaders = Headers | Record<string, string | string[] | undefined>;

/**
 * The event in `body`, once its signature checks out with `secret`; throws
 * WebhookVerificationError otherwise (answer 4xx then: izinli retries with backoff).
 */
export function verifyWebhook(
  secret: string,
  body: string,
  headers: WebhookHeaders,
): IzinliWebhookEvent {
  const read = (name: string): string => {
    if (headers instanceof Headers) return headers.get(name) ?? '';
    const value = headers[name];
    return Array.isArray(value) ? (value[0] ?? '') : (value ?? '');
  };
  const standard = {
    'webhook-id': read('webhook-id'),
    'webhook-timestamp': read('webhook-timestamp'),
    'webhook-signature': read('webhook-signature'),
  };
  return new Webhook(secret).verify(body, standard) as IzinliWebhookEvent;
}
