// Schemas of the delivery admin routes for /openapi.json.
import { z } from 'zod';
import { Movement } from '@izinli/core';

/** A page of movements. */
export const MovementList = z.object({ items: z.array(Movement) });
/** A dead letter put back in the queue. */
export const MovementRetried = z.object({ movement: Movement });
/** Delivery counts. */
export const DeliveryStats = z.object({
  byState: z.record(z.string(), z.int()),
  nearDeadline: z.int().meta({ description: 'Open movements within 24 h of their deadline.' }),
  oldestPending: z.string().optional(),
});
