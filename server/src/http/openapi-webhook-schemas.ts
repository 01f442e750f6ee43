// Schemas of the webhook admin routes for /openapi.json, and the payloads of the
// `verification.*` webhook events (docs/verification.md#sending).
import { Channel, SupportedLocale } from '@izinli/core';
import { z } from 'zod';
import type { VerificationSmsPayload } from '../verification/sms.js';

const WebhookDelivery = z.object({
  id: z.string(),
  eventId: z.string().meta({ description: 'Also the webhook-id header the receiver saw.' }),
  tenantId: z.string(),
  webhookId: z.string(),
  state: z.enum(['pending', 'delivered', 'dead']),
  attempts: z.int(),
  nextAttemptAt: z.string(),
  leaseUntil: z.string().optional(),
  lastStatus: z.int().optional(),
  lastError: z.string().optional(),
  deliveredAt: z.string().optional(),
  createdAt: z.string(),
});

/** A list of webhook deliveries, newest first. */
export const WebhookDeliveryList = z.object({ items: z.array(WebhookDelivery) });
/** A dead delivery put back in the queue. */
export const WebhookDeliveryRetried = z.object({ delivery: WebhookDelivery });

/** The `verification.sms` event's payload: an SMS for the site owner's own provider to send. */
export const VerificationSmsEvent = z.object({
  verificationId: z.string(),
  siteKey: z.string(),
  to: z.string().meta({ description: 'The number, E.164 (+905321234567).' }),
  text: z.string().meta({
    description: 'The whole message, code or link included: hand it to the SMS provider as it is.',
  }),
  locale: SupportedLocale,
  expiresAt: z.string().meta({
    description: 'When the code or link stops working; an SMS not sent by then is pointless.',
  }),
});
// The payload the sender builds is the documented one.
({}) as VerificationSmsPayload satisfies z.infer<typeof VerificationSmsEvent>;

/** The `verification.confirmed` event's payload: held channels released to İYS. */
export const VerificationConfirmedEvent = z.object({
  captureId: z.string().meta({ description: 'The capture whose held channels it releases.' }),
  confirmationId: z.string().meta({ description: 'The confirmation record’s own id.' }),
  channels: z.array(Channel),
  consentDate: z.string().meta({
    description: 'What İYS gets: the later of the capture’s consentDate and the confirmation.',
  }),
});

/** The `verification.expired` event's payload: held channels never confirmed, not sent to İYS. */
export const VerificationExpiredEvent = z.object({
  captureId: z.string(),
  channels: z.array(Channel),
  method: z.enum(['code', 'link']),
});
