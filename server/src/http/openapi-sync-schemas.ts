// Schemas of the sync routes (pre-send check, İYS push) for /openapi.json, and the error issue
// they share with the rest of the document.
import { z } from 'zod';
import { Channel, ConsentStatus, RecipientType, Source } from '@izinli/core';

/** One problem of an error answer. */
export const ApiIssue = z.object({
  path: z.string(),
  code: z.string(),
  expected: z.string().meta({
    description: 'What was expected, in English whatever the language: stable for programs.',
  }),
  received: z.string().meta({ description: 'An excerpt of what was received.' }),
  message: z.string().meta({
    description:
      'The sentence for people, in one language: Turkish, or English when Accept-Language prefers it.',
  }),
});

/** What a push did. */
export const IysPushResult = z.object({
  received: z.int(),
  applied: z.int(),
  changed: z.int(),
  stale: z.int(),
  ignored: z.int(),
});
/** One pre-send answer. */
export const CheckAnswer = z.object({
  allowed: z.boolean(),
  status: ConsentStatus.nullable(),
  source: Source.nullable(),
  since: z.string().nullable().meta({ description: 'İYS consentDate of the state (Turkey time).' }),
  pending: z
    .literal(true)
    .optional()
    .meta({ description: 'A refusal recorded here that İYS has not confirmed yet (B7).' }),
});
/** The batch check body. */
export const CheckBatch = z.object({
  type: Channel,
  recipientType: RecipientType.optional(),
  brandCode: z.int().optional(),
  recipients: z.array(z.string()).min(1).max(1000),
});
/** The batch check answer. */
export const CheckBatchResult = z.object({
  type: Channel,
  recipientType: RecipientType,
  iysCode: z.int(),
  brandCode: z.int(),
  results: z.array(CheckAnswer.extend({ recipient: z.string(), issue: ApiIssue.optional() })),
});
