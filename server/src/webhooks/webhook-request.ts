// The HTTP request of one webhook delivery, per Standard Webhooks: the JSON body
// `{ type, timestamp, data }` and the `webhook-id`, `webhook-timestamp`, `webhook-signature`
// headers (HMAC-SHA256 over `id.timestamp.body` with the target's `whsec_…` secret).
import type { Webhook } from 'standardwebhooks';
import type { WebhookEvent } from '../store/store.js';

/** The body and headers of a signed delivery. */
export interface SignedWebhook {
  body: string;
  headers: Record<string, string>;
}

/** The payload of `event` in the Standard Webhooks convention; the same bytes on every retry. */
export function webhookBody(event: WebhookEvent): string {
  return JSON.stringify({ type: event.type, timestamp: event.createdAt, data: event.payload });
}

/** Signs `event` for one target; `webhook-id` is the event id, stable across retries (receivers dedupe on it). */
export function signWebhook(signer: Webhook, event: WebhookEvent, at: Date): SignedWebhook {
  const body = webhookBody(event);
  return {
    body,
    headers: {
      'content-type': 'application/json',
      'webhook-id': event.id,
      'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
      'webhook-signature': signer.sign(event.id, at, body),
    },
  };
}
