// What a purge reads and writes in place of personal data, shared by both dialects (A14, B10): its
// candidates as read back, the blanked movement fields, the kept payloads of purged webhook events
// and the dead-letter reason of their pending deliveries (ports/retention-store.ts declares the
// purge itself).
import { canonicalJson, isCaptureRecord } from '@izinli/core';
import type { ChangedEventCandidate, RetentionCandidate } from '../ports/retention-store.js';
import { CAPTURE_SELECT, toStoredCapture } from './store-rows.js';
import type { Row } from './store-rows.js';

/**
 * A page of a site's unpurged captures received before a bound, in seq order. Params: siteKey,
 * afterSeq, receivedBeforeMs, limit.
 */
export const CANDIDATES = `SELECT ${CAPTURE_SELECT} FROM captures
  WHERE site_key = ? AND seq > ? AND purged_at IS NULL AND kind <> 'iys-day' AND received_ms < ?
  ORDER BY seq LIMIT ?`;

/** The candidates among the rows of CANDIDATES: the captures and withdrawals, with their record. */
export function toRetentionCandidates(rows: readonly Row[]): RetentionCandidate[] {
  return rows
    .map(toStoredCapture)
    .filter((s): s is RetentionCandidate => s.record !== undefined && isCaptureRecord(s.record));
}

/** A candidate `consent.changed` event row (its id and pos) as the port answers it. */
export const toChangedEventCandidate = (row: Row): ChangedEventCandidate => ({
  id: String(row.id),
  pos: Number(row.pos),
});

/** The text a purged movement keeps as recipient: nothing personal (a movement row needs one). */
export const PURGED_RECIPIENT = '';

/** A purged movement's key: its own id, so it no longer groups with the person's key. */
export const purgedMovementKey = (movementId: string): string => `purged:${movementId}`;

/** The last error a pending webhook delivery of a purged capture is dead-lettered with. */
export const PURGED_DELIVERY_ERROR = 'purged by retention (A14): the event no longer names anyone';

/**
 * The payload a webhook event of a purged capture keeps: which capture it was about, its type's
 * non-personal facts are gone with it (they could single the person out together).
 */
export function purgedEventPayload(captureId: string, purgedAt: string): string {
  return canonicalJson({ captureId, purged: true, purgedAt });
}

/** The webhook event type the İYS sync writes when a citizen's state changes at İYS. */
export const CONSENT_CHANGED = 'consent.changed';

/**
 * The fields a purged `consent.changed` payload keeps: that İYS reported a change, of which
 * brand, channel and status, when and from where — not whom it was about. No digest of the
 * recipient either: a phone number's hash is reversed by trying every number.
 */
const CHANGED_KEPT = [
  'iysCode',
  'brandCode',
  'recipientType',
  'type',
  'status',
  'previousStatus',
  'consentDate',
  'source',
] as const;

/** The payload a `consent.changed` event keeps once purged (see CHANGED_KEPT). */
export function purgedChangedEventPayload(payload: unknown, purgedAt: string): string {
  const from = (payload ?? {}) as Record<string, unknown>;
  const kept: Record<string, unknown> = {};
  for (const field of CHANGED_KEPT) if (from[field] !== undefined) kept[field] = from[field];
  return canonicalJson({ ...kept, purged: true, purgedAt });
}

/** The brand's İYS changes created before a Turkey day (İYS's `YYYY-MM-DD HH:mm:ss` sorts as text). */
export const DELETE_OLD_IYS_CHANGES = `DELETE FROM iys_changes
  WHERE iys_code = ? AND brand_code = ? AND creation_date < ?`;

/** Empties the daily files of the brand's days before a Turkey day; the .tsr files are kept. */
export const PURGE_OLD_DAY_FILES = `UPDATE reconciliation_files
  SET content = ?, purged_at = ?
  WHERE purged_at IS NULL AND sha256 IN (SELECT file_sha256 FROM reconciliation_days
    WHERE iys_code = ? AND brand_code = ? AND day < ? AND file_sha256 IS NOT NULL)`;

/**
 * A purged capture's verifications keep their state and the address's hash (the chained
 * confirmation carries it already), never the address or the confirming request's ip and agent.
 */
export const PURGE_VERIFICATIONS_OF = `UPDATE verifications SET destination = NULL, ip = NULL,
  user_agent = NULL WHERE capture_id = ?`;
