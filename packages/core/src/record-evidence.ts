// What proves a consent collected away from the widget: the scanned form, the call, the reply.
// The record carries only hashes and references, so its receipt proves which file without
// holding it; the files themselves are kept by the server beside the record.
import { z } from 'zod';
import { Sha256Digest } from './notice.js';

/** Media types a scanned form may have (checked on the bytes, not on a client's word). */
export const SCAN_MEDIA_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;
/** Media types a call recording may have. */
export const RECORDING_MEDIA_TYPES = [
  'audio/mpeg',
  'audio/wav',
  'audio/ogg',
  'audio/mp4',
  'audio/x-m4a',
] as const;

/** An evidence file as a record names it: its SHA-256 (hex), media type and size in bytes. */
export const EvidenceFileRef = z.strictObject({
  sha256: Sha256Digest,
  mediaType: z.enum([...SCAN_MEDIA_TYPES, ...RECORDING_MEDIA_TYPES]),
  size: z.int().min(1),
});
export type EvidenceFileRef = z.infer<typeof EvidenceFileRef>;

const Reference = z.string().trim().min(1).max(200);

/** Paper form, wet signature, event: the scan(s) of the signed form, and its form number. */
export const ScanEvidence = z.strictObject({
  kind: z.literal('scan'),
  formId: Reference.optional(),
  files: z.array(EvidenceFileRef).min(1).max(10),
});
/** Call centre: the call, the agent, where the recording is kept (and optionally the recording). */
export const CallEvidence = z.strictObject({
  kind: z.literal('call'),
  callId: Reference,
  agentId: Reference,
  recordingRef: Reference,
  recording: EvidenceFileRef.optional(),
});
/** A reply to an e-mail or SMS: the message's id and the SHA-256 of the reply's text. */
export const ReplyEvidence = z.strictObject({
  kind: z.literal('reply'),
  messageId: Reference,
  replySha256: Sha256Digest,
});
/** Any other medium (mobile app, ATM, social media, decision…): a reference, and files if any. */
export const ReferenceEvidence = z.strictObject({
  kind: z.literal('reference'),
  reference: Reference,
  files: z.array(EvidenceFileRef).max(10).optional(),
});

/** The evidence of a consent recorded by an operator, by kind. */
export const RecordEvidence = z.discriminatedUnion('kind', [
  ScanEvidence,
  CallEvidence,
  ReplyEvidence,
  ReferenceEvidence,
]);
export type RecordEvidence = z.infer<typeof RecordEvidence>;
export type RecordEvidenceKind = RecordEvidence['kind'];

/** Every evidence file a record names, in the record's order. */
export function evidenceFiles(evidence: RecordEvidence | undefined): EvidenceFileRef[] {
  if (!evidence) return [];
  switch (evidence.kind) {
    case 'scan':
      return evidence.files;
    case 'call':
      return evidence.recording ? [evidence.recording] : [];
    case 'reply':
      return [];
    case 'reference':
      return evidence.files ?? [];
  }
}

/** Who recorded a consent by hand: the admin token's label. */
export const RecordedBy = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .meta({ description: 'Who recorded the consent: the label of the admin token used.' });
