// The evidence kind each İYS source calls for (A19), apart from the evidence schemas: this module
// imports no zod at run time, so the admin console bundles the table itself rather than a copy of it.
import type { ProviderSource } from './enums.js';
import type { RecordEvidenceKind } from './record-evidence.js';

/** The evidence kind each İYS source calls for (A19). */
export const EVIDENCE_FOR_SOURCE = {
  HS_FIZIKSEL_ORTAM: 'scan',
  HS_ISLAK_IMZA: 'scan',
  HS_ETKINLIK: 'scan',
  HS_CAGRI_MERKEZI: 'call',
  HS_EPOSTA: 'reply',
  HS_MESAJ: 'reply',
  HS_WEB: 'reference',
  HS_MOBIL: 'reference',
  HS_EORTAM: 'reference',
  HS_SOSYAL_MEDYA: 'reference',
  HS_ATM: 'reference',
  HS_KARAR: 'reference',
  HS_2015: 'reference',
} as const satisfies Record<ProviderSource, RecordEvidenceKind>;
