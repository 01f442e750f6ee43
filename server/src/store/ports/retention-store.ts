// The retention port (A14, B10, docs/architecture.md#retention): the candidates (unpurged
// captures received before a bound) and the purge itself. The rule that decides which
// candidates are due lives in ../retention/retention-rule.ts; the store only guarantees that a
// purge is atomic, skips a capture with an open movement and keeps the chain's digests.
import type { CaptureRecord } from '@izinli/core';
import type { StoredCapture } from '../types.js';

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
/** A capture or withdrawal with its record (a chained İYS day holds nothing to purge). */
export type RetentionCandidate = StoredCapture & { record: CaptureRecord };

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

/** A brand's İYS days to purge: every day before `before` (exclusive). */
export interface IysDayPurge {
  iysCode: number;
  brandCode: number;
  /** `YYYY-MM-DD`, a Turkey day: days (and İYS changes created) before it are purged. */
  before: string;
  /** ISO instant written as the files' `purged_at`. */
  purgedAt: string;
}

/** What an İYS day purge removed. */
export interface IysDayPurgeResult {
  /** Daily files (CSV) whose content was emptied. */
  files: number;
  /** `iys_changes` rows deleted. */
  changes: number;
}

/** Retention (A14, B10): the candidates past a site's retention and their purge. */
export interface RetentionStore {
  /** Retention (A14, B10): a page of a site's unpurged captures received before a bound, seq order. */
  retentionCandidates(page: RetentionCandidates): Promise<RetentionCandidate[]>;
  /**
   * Retention (A14, B10), in one transaction: for each capture of the site that is unpurged and has
   * no open movement, deletes its record, receipt and indexed addresses and sets purged_at (seq and
   * digests stay, so the chain verifies), blanks its movements' recipient and key, and replaces its
   * webhook events' payload (pending deliveries of them are dead-lettered).
   */
  purgeCaptures(purge: RetentionPurge): Promise<RetentionPurgeResult>;
  /** Retention (A14): a page of a site's unpurged `consent.changed` events created before a bound. */
  changedEventCandidates(page: ChangedEventCandidates): Promise<ChangedEventCandidate[]>;
  /**
   * Retention (A14), in one transaction: replaces the payload of each unpurged `consent.changed`
   * event of the site among the ids with its facts minus the recipient (pending deliveries of it
   * are dead-lettered); answers the ids purged.
   */
  purgeChangedEvents(purge: ChangedEventPurge): Promise<string[]>;
  /**
   * Retention (A14, B10), in one transaction: the brand's İYS changes created before `before` are
   * deleted, and the daily files (CSV) of its days before it emptied and marked purged (their rows
   * and SHA-256 stay, as do the days and the .tsr files, which name no one). Already purged files
   * are not counted again.
   */
  purgeIysDays(purge: IysDayPurge): Promise<IysDayPurgeResult>;
}
