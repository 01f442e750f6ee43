// What the retention purge (A14, B10) asks of a store, shared by both dialects: the candidates
// (unpurged captures received before a bound) and the purge itself. The rule that decides which
// candidates are due lives in ../retention/retention-rule.ts; the store only guarantees that a
// purge is atomic, skips a capture with an open movement and keeps the chain's digests.
import { canonicalJson } from '@izinli/core';
import type { StoredCapture } from './types.js';

/** One purge: captures of one site whose personal data goes, at `purgedAt`. */
export interface RetentionPurge {
  siteKey: string;
  captureIds: readonly string[];
  /** ISO instant stored as `purged_at`. */
  purgedAt: string;
}

/** What a purge did: ids purged, and ids left alone because a movement of theirs is still open. */
export interface RetentionPurgeResult {
  purged: string[];
  open: string[];
}

/** A page of retention candidates: a site's unpurged captures received before a bound. */
export interface RetentionCandidates {
  siteKey: string;
  /** Epoch milliseconds: only captures received strictly before it. */
  receivedBeforeMs: number;
  /** Continue after this seq (0 for the first page). */
  afterSeq: number;
  limit: number;
}

/** Candidates always carry their record (they are unpurged). */
export type RetentionCandidate = StoredCapture & { record: NonNullable<StoredCapture['record']> };

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

/** A page of a site's `consent.changed` events not yet purged, created before a bound. */
export interface ChangedEventCandidates {
  siteKey: string;
  /** ISO instant: only events created strictly before it. */
  createdBefore: string;
  /** Continue after this position in the event table (0 for the first page). */
  afterPos: number;
  limit: number;
}

/** A `consent.changed` event past retention: its id, and its position to page on. */
export interface ChangedEventCandidate {
  id: string;
  pos: number;
}

/** One purge of `consent.changed` events of one site, at `purgedAt`. */
export interface ChangedEventPurge {
  siteKey: string;
  eventIds: readonly string[];
  /** ISO instant written into the kept payload. */
  purgedAt: string;
}

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
