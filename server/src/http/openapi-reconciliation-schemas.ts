// Schemas of İYS reconciliation and the subscription watch for /openapi.json: the admin list and
// the payloads of the `iys.reconciliation_mismatch` and `iys.subscription_warning` webhook events
// (docs/iys.md#reconciliation-mutabakat).
import { z } from 'zod';

const DailyFileRow = z.object({
  creationDate: z.string().meta({ description: 'İYS’s YYYY-MM-DD HH:mm:ss, Turkey time.' }),
  transactionId: z.string(),
  recipient: z.string(),
  recipientType: z.string(),
  type: z.string(),
  status: z.string(),
  consentDate: z.string().meta({ description: 'Empty when İYS recorded none (TACIR).' }),
  source: z.string(),
});

const Difference = z.object({
  kind: z.enum(['iys-only', 'izinli-only', 'fields', 'hash']).meta({
    description:
      'iys-only: a movement İYS lists and izinli never sent nor received; izinli-only: one izinli has and İYS does not list; fields: the same transactionId with other values; hash: same rows, yet İYS’s hash is of another file.',
  }),
  transactionId: z.string().optional(),
  fields: z.array(z.string()).optional(),
  iys: DailyFileRow.optional(),
  izinli: DailyFileRow.optional(),
  iysHash: z.string().optional(),
  izinliHash: z.string().optional(),
});

const Day = z.object({
  day: z.string().meta({ description: 'A Turkey calendar day, YYYY-MM-DD.' }),
  state: z.enum(['agreed', 'mismatch', 'missed', 'empty']).meta({
    description:
      'agreed: recorded with İYS, CSV and .tsr kept; mismatch: see differences; missed: İYS no longer keeps the day (reason); empty: no movement on either side.',
  }),
  checkedAt: z.iso.datetime(),
  iysRows: z.int().optional(),
  izinliRows: z.int().optional(),
  hash: z.string().optional().meta({ description: 'SHA-384 (hex) of the day’s file.' }),
  fileSha256: z.string().optional(),
  timestampSha256: z.string().optional(),
  agreedAt: z.iso.datetime().optional(),
  reason: z.string().optional(),
  differenceCount: z.int(),
  differences: z.array(Difference).meta({ description: 'At most the first 1000.' }),
  chained: z
    .array(z.object({ siteKey: z.string(), seq: z.int(), recordHash: z.string() }))
    .optional()
    .meta({
      description:
        'An agreed day’s iys-day record in each site chain of the brand that holds it (its hashes signed and chained; see docs/iys.md).',
    }),
});

const SubscriptionCheck = z.object({
  iysCode: z.int(),
  checkedAt: z.iso.datetime(),
  status: z.string().optional().meta({ description: 'ACTIVE, PAUSED, EXPIRED or CLOSED.' }),
  expirationDate: z.string().optional(),
  daysLeft: z.int().optional(),
  packageName: z.string().optional(),
  warning: z.enum(['ending', 'inactive', 'unavailable']).optional().meta({
    description:
      'ending: within 30 days; inactive: not ACTIVE; unavailable: İYS refused the query (error).',
  }),
  error: z.object({ kind: z.string(), status: z.int(), code: z.string().optional() }).optional(),
});

/** GET /v1/admin/reconciliation */
export const ReconciliationOverview = z.object({
  from: z.string(),
  to: z.string().optional(),
  brands: z.array(
    z.object({
      iysCode: z.int(),
      brandCode: z.int(),
      siteKeys: z.array(z.string()),
      days: z.array(Day),
    }),
  ),
  subscriptions: z.array(SubscriptionCheck),
});

/** The `iys.reconciliation_mismatch` event's payload. */
export const ReconciliationMismatchEvent = z.object({
  iysCode: z.int(),
  brandCode: z.int(),
  day: z.string(),
  iysRows: z.int(),
  izinliRows: z.int(),
  differenceCount: z.int(),
  differences: z.array(Difference).meta({ description: 'At most the first 100.' }),
});

/** The `iys.subscription_warning` event's payload. */
export const SubscriptionWarningEvent = SubscriptionCheck.omit({ checkedAt: true });
