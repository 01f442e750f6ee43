// Schemas of the consent and evidence-file routes for /openapi.json (A19).
import { z } from 'zod';
import { Channel, ConsentStatus, EvidenceFileRef, ProviderSource } from '@izinli/core';

export { ConsentRequest } from '../consent/consent-request.js';

/** What a recorded (or replayed) consent answers. */
export const ConsentRecorded = z.object({
  captureId: z.uuid(),
  siteKey: z.string(),
  seq: z.int().meta({ description: 'The record’s place in the site’s hash chain.' }),
  recordHash: z.string(),
  receipt: z.string().meta({ description: 'Compact JWS (EdDSA) over the record.' }),
  movements: z.array(
    z.object({
      id: z.string(),
      type: Channel,
      status: ConsentStatus,
      state: z.string(),
      consentDate: z.string().meta({ description: 'As sent to İYS: the real consent time.' }),
      source: ProviderSource.meta({ description: 'As sent to İYS.' }),
      deadline: z.string(),
    }),
  ),
  window: z
    .object({
      iysDeadline: z.iso
        .datetime()
        .meta({ description: 'The first instant İYS refuses the consent with H467.' }),
      iysDeadlineLocal: z
        .string()
        .meta({ description: 'The last second İYS takes it, Turkey time (YYYY-MM-DD HH:mm:ss).' }),
      deadline: z.iso.datetime().meta({ description: 'izinli’s own deadline (A8), never later.' }),
    })
    .optional()
    .meta({ description: 'What is left of İYS’s 3-business-day window; absent for HS_2015.' }),
});

/** What an evidence upload answers: the file as a record names it. */
export const EvidenceFileStored = EvidenceFileRef;
