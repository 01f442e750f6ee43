// Schemas of the webhook admin routes for /openapi.json.
import { z } from 'zod';

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
