import { z } from 'zod';

// Answers of the subscription (ABONELİK YÖNETİMİ) and reconciliation (MUTABAKAT YÖNETİMİ)
// operations of İYS's OpenAPI 3.2.0, read loosely like core's response schemas: extra keys pass,
// and where the document spells a key several ways each spelling is read.

const count = z.number().int().nonnegative();

/** `GET /sps/{iysCode}/subscription`: the HS subscription (ViA packages pass through untyped). */
export const IysSubscription = z
  .looseObject({
    // The schema says `subsciprtionId`, its first examples `subscipritionId`, the later ones and
    // the prose `subscriptionId`: read all three as `subscriptionId`.
    subscriptionId: z.string().optional(),
    subsciprtionId: z.string().optional(),
    subscipritionId: z.string().optional(),
    startDate: z.string(),
    expirationDate: z.string(),
    subscriptionPackageName: z.string(),
    /** `ACTIVE`, `PAUSED`, `EXPIRED` or `CLOSED`. */
    status: z.string(),
    consentLimit: count.optional(),
    usedConsentLimit: count.optional(),
    consentLimitExceed: z.boolean().optional(),
  })
  .transform(({ subsciprtionId, subscipritionId, ...rest }) => ({
    ...rest,
    subscriptionId: rest.subscriptionId ?? subsciprtionId ?? subscipritionId,
  }));
export type IysSubscription = z.output<typeof IysSubscription>;

/** One source's movement counts of a day. */
export const IysReconciliationCounts = z.looseObject({
  /** `HS`: the provider's own movements; `IYS`: the citizens'. */
  source: z.string(),
  approval: count,
  rejection: count,
  pending: count,
  total: count,
});

/** `GET …/changes/{reportDate}/recipients/{recipientType}`: a day's counts per channel. */
export const IysReconciliationSummary = z.looseObject({
  changeStats: z.array(
    z.looseObject({ type: z.string(), consents: z.array(IysReconciliationCounts) }),
  ),
});
export type IysReconciliationSummary = z.output<typeof IysReconciliationSummary>;

/** `GET …/agreements/{reportDate}`: İYS's hash of the day's file and whether it was agreed. */
export const IysAgreement = z.looseObject({
  /** `queued`, `inprogress`, `completed` or `error`; `hashValue` is final only when completed. */
  processStatus: z.string(),
  hashValue: z.string().optional(),
  /** `SHA-384`: hash the day's CSV bytes with it, lower-case hex, and compare. */
  hashMethod: z.string().optional(),
  agreementStatus: z.boolean(),
});
export type IysAgreement = z.output<typeof IysAgreement>;

/** `PUT …/agreements/{reportDate}`; the schema spells the key `aggrementCaptured`, the example not. */
export const IysAgreementCaptured = z
  .looseObject({
    agreementCaptured: z.boolean().optional(),
    aggrementCaptured: z.boolean().optional(),
  })
  .transform((v) => ({ agreementCaptured: v.agreementCaptured ?? v.aggrementCaptured ?? false }));
export type IysAgreementCaptured = z.output<typeof IysAgreementCaptured>;
