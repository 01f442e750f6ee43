// The body of `POST /v1/admin/consents` (A19): a consent collected away from the widget, as an
// operator keys it in from the form, the call or the reply. Files are uploaded first
// (`POST /v1/admin/evidence-files`) and named here by their SHA-256.
import { z } from 'zod';
import {
  Channel,
  ConsentStatus,
  IysDateString,
  NoticeVersion,
  ProviderSource,
  RecipientType,
  Sha256Digest,
  SiteKey,
  Slug,
  SupportedLocale,
  expecting,
} from '@izinli/core';

const Reference = z.string().trim().min(1).max(200);
const FileHash = Sha256Digest.meta({
  description: 'The SHA-256 an upload to /v1/admin/evidence-files answered.',
});

/** The evidence as sent: files by hash, the reply as its text or its hash. */
export const ConsentEvidenceInput = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('scan'),
    formId: Reference.optional(),
    files: z.array(FileHash).min(1).max(10),
  }),
  z.strictObject({
    kind: z.literal('call'),
    callId: Reference,
    agentId: Reference,
    recordingRef: Reference,
    recording: FileHash.optional(),
  }),
  z
    .strictObject({
      kind: z.literal('reply'),
      messageId: Reference,
      replyText: z.string().min(1).max(10_000).optional(),
      replySha256: Sha256Digest.optional(),
    })
    .refine((r) => (r.replyText === undefined) !== (r.replySha256 === undefined), {
      error: expecting({
        en: 'either replyText or replySha256',
        tr: 'replyText ya da replySha256 alanlarından yalnızca biri',
      }),
      path: ['replyText'],
    }),
  z.strictObject({
    kind: z.literal('reference'),
    reference: Reference,
    files: z.array(FileHash).max(10).optional(),
  }),
]);
export type ConsentEvidenceInput = z.infer<typeof ConsentEvidenceInput>;

/** A consent recorded by an operator. */
export const ConsentRequest = z.strictObject({
  id: z.uuid().optional().meta({ description: 'Idempotency key; a new UUID when omitted.' }),
  siteKey: SiteKey,
  source: ProviderSource,
  consentDate: IysDateString.meta({
    description:
      'When the person consented, Turkey time, as İYS writes it: YYYY-MM-DD HH:mm:ss. Not in the future; within İYS’s 3-business-day window.',
  }),
  recipient: z.strictObject({
    fullName: z.string().trim().min(2).max(200).optional(),
    phone: z.string().max(40).optional(),
    email: z.string().max(320).optional(),
  }),
  recipientType: RecipientType.default('BIREYSEL'),
  locale: SupportedLocale.default('tr'),
  channels: z
    .array(z.strictObject({ type: Channel, status: ConsentStatus }))
    .max(3)
    .default([]),
  purposes: z
    .array(z.strictObject({ id: Slug, granted: z.boolean(), version: NoticeVersion.optional() }))
    .max(50)
    .default([]),
  notices: z
    .array(z.strictObject({ id: Slug, version: NoticeVersion }))
    .max(50)
    .optional()
    .meta({
      description:
        'The notice versions on the form or in the script; by default the current version of each of the site’s notices in the locale.',
    }),
  evidence: ConsentEvidenceInput,
});
export type ConsentRequest = z.infer<typeof ConsentRequest>;
