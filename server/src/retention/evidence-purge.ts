// The evidence files (A19) of purged records go with their personal data, unless a record still
// in effect names them too; the hashes stay in the records' digests, so the chain still verifies.
import { evidenceFiles } from '@izinli/core';
import type { EvidenceStore } from '../store/ports/evidence-store.js';
import type { RetentionCandidate } from '../store/ports/retention-store.js';

/** Deletes the tenant's files that the purged candidates of `page` name. */
export async function purgeEvidenceOf(
  store: EvidenceStore,
  tenantId: string | undefined,
  page: readonly RetentionCandidate[],
  purgedIds: readonly string[],
): Promise<void> {
  const purged = new Set(purgedIds);
  const gone = page.flatMap(({ captureId, record }) =>
    purged.has(captureId) && record.kind === 'capture'
      ? evidenceFiles(record.evidence).map((f) => f.sha256)
      : [],
  );
  if (tenantId === undefined || gone.length === 0) return;
  // A file another record still names (one sheet scanned for many people) stays.
  const kept = await store.evidenceInUse(gone);
  const unused = gone.filter((h) => !kept.has(h));
  if (unused.length > 0) await store.deleteEvidenceFiles(tenantId, unused);
}
