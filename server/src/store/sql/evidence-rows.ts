// The evidence_files columns both dialects read, and their row as the port's type.
import type { EvidenceFileMeta, EvidenceFilePut } from '../ports/evidence-store.js';
import type { Row } from './store-rows.js';

export const EVIDENCE_META = 'tenant_id, sha256, media_type, size, stored_at';

export const toEvidenceMeta = (row: Row): EvidenceFileMeta => ({
  tenantId: row.tenant_id as string,
  sha256: row.sha256 as string,
  mediaType: row.media_type as string,
  size: Number(row.size),
  storedAt: row.stored_at as string,
});

/** What a put stores about its file, beside the bytes. */
export const evidenceMetaOf = (put: EvidenceFilePut): EvidenceFileMeta => ({
  tenantId: put.tenantId,
  sha256: put.sha256,
  mediaType: put.mediaType,
  size: put.bytes.byteLength,
  storedAt: put.storedAt,
});

/** A file's values in the order of `EVIDENCE_META`. */
export const evidenceMetaValues = (file: EvidenceFileMeta): unknown[] => [
  file.tenantId,
  file.sha256,
  file.mediaType,
  file.size,
  file.storedAt,
];
