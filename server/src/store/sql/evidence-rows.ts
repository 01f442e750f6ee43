// The evidence_files columns both dialects read, and their row as the port's type.
import type { EvidenceFileMeta } from '../ports/evidence-store.js';
import type { Row } from './store-rows.js';

export const EVIDENCE_META = 'tenant_id, sha256, media_type, size, stored_at';

export const toEvidenceMeta = (row: Row): EvidenceFileMeta => ({
  tenantId: row.tenant_id as string,
  sha256: row.sha256 as string,
  mediaType: row.media_type as string,
  size: Number(row.size),
  storedAt: row.stored_at as string,
});
