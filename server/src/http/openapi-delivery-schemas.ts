// Schemas of the delivery admin routes for /openapi.json.
import { z } from 'zod';
import { Movement } from '@izinli/core';

/** A movement as the admin API shows it: with its site, deadline flag and İYS batch. */
export const AdminMovement = z.intersection(
  Movement,
  z.object({
    siteKey: z.string(),
    atRiskAt: z
      .string()
      .optional()
      .meta({ description: 'When its consent.deadline_at_risk event was written.' }),
    batch: z
      .object({
        id: z.string(),
        index: z.int(),
        requestId: z.string().optional(),
        state: z.enum(['submitting', 'submitted', 'done', 'failed']),
      })
      .optional()
      .meta({ description: 'The İYS batch it was (or is being) sent in.' }),
  }),
);
/** A page of movements. */
export const MovementList = z.object({
  items: z.array(AdminMovement),
  nextCursor: z.string().optional().meta({ description: 'Present when more items follow.' }),
});
/** A dead letter put back in the queue. */
export const MovementRetried = z.object({ movement: AdminMovement });
/** Delivery counts. */
export const DeliveryStats = z.object({
  byState: z.record(z.string(), z.int()),
  nearDeadline: z.int().meta({ description: 'Open movements within 24 h of their deadline.' }),
  oldestPending: z.string().optional(),
});
