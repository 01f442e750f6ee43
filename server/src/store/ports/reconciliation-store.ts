// The reconciliation port (docs/iys.md#reconciliation-mutabakat): the citizen changes pulled or
// pushed from İYS kept by transactionId, izinli's own copy of a brand's day (what it delivered
// and what it received), each day's outcome with its differences, the day's CSV and .tsr stored
// by content, and the daily subscription check of each İYS account.
import type { DailyFileRow } from '@izinli/core';
import type { WebhookEvent } from '../types.js';

/** One row of İYS's daily movement file, as İYS lists it or as izinli rebuilds it. */
export type { DailyFileRow };

/** A citizen's change İYS reported to izinli (the sync's pull or İYS's push). */
export interface IysChangeRecord extends DailyFileRow {
  iysCode: number;
  brandCode: number;
  via: 'pull' | 'push';
  /** ISO instant izinli received it. */
  receivedAt: string;
}

/** A row of izinli's copy of a day and where izinli learnt of it. */
export interface LedgerRow extends DailyFileRow {
  /** `delivered`: a movement izinli sent; `pull`, `push`: a change İYS reported. */
  origin: 'delivered' | 'pull' | 'push';
}

/**
 * `agreed`: izinli's copy matched İYS's file and the agreement is recorded; `mismatch`: they
 * differ; `missed`: the day can no longer be fetched (İYS keeps 7 days); `empty`: neither side
 * has a movement that day, so there is nothing to agree to.
 */
export type ReconciliationState = 'agreed' | 'mismatch' | 'missed' | 'empty';

/** One difference between İYS's file and izinli's copy. */
export interface ReconciliationDifference {
  /**
   * `iys-only`: a row izinli does not have; `izinli-only`: a row İYS does not list; `fields`: the
   * same transactionId with other values; `hash`: same rows, yet İYS's hash is not of that file.
   */
  kind: 'iys-only' | 'izinli-only' | 'fields' | 'hash';
  transactionId?: string;
  /** The fields that differ (`fields`). */
  fields?: string[];
  iys?: DailyFileRow;
  izinli?: DailyFileRow;
  /** `hash`: İYS's hash and the one of izinli's copy. */
  iysHash?: string;
  izinliHash?: string;
}

/** The outcome of one brand's Turkey day. */
export interface ReconciliationDay {
  iysCode: number;
  brandCode: number;
  /** `YYYY-MM-DD`, a Turkey calendar day. */
  day: string;
  state: ReconciliationState;
  /** ISO instant of the last check. */
  checkedAt: string;
  iysRows?: number;
  izinliRows?: number;
  /** SHA-384 (hex) of the day's file: İYS's agreement hash. */
  hash?: string;
  /** SHA-256 (hex) of the stored CSV (İYS's file as downloaded). */
  fileSha256?: string;
  /** SHA-256 (hex) of the stored .tsr. */
  timestampSha256?: string;
  /** ISO instant the agreement was recorded with İYS. */
  agreedAt?: string;
  /** Why a day is `missed` (e.g. `H502`, `outside-window`). */
  reason?: string;
  /** All differences found; `differences` holds at most the first 1000. */
  differenceCount: number;
  differences: ReconciliationDifference[];
}

/** A stored file: the bytes, their SHA-256 (hex) and media type. */
export interface StoredFile {
  sha256: string;
  mediaType: string;
  content: Uint8Array;
}

/** One day's outcome, written with its files and webhook events in one transaction. */
export interface ReconciliationDayWrite {
  day: ReconciliationDay;
  /** Stored once per content; a file already there is kept. */
  files: readonly StoredFile[];
  events: readonly WebhookEvent[];
}

/** Which days `reconciliationDays` lists. */
export interface ReconciliationDayFilter {
  /** Only these brands (an empty list matches nothing). */
  brands: readonly { iysCode: number; brandCode: number }[];
  /** Inclusive `YYYY-MM-DD` bounds. */
  from?: string;
  to?: string;
}

/** The last subscription check of an İYS account. */
export interface SubscriptionCheck {
  iysCode: number;
  /** ISO instant. */
  checkedAt: string;
  /** İYS's `ACTIVE`, `PAUSED`, `EXPIRED` or `CLOSED`. */
  status?: string;
  /** İYS's `YYYY-MM-DD HH:mm:ss`, Turkey time. */
  expirationDate?: string;
  /** Whole days until it expires (negative once expired). */
  daysLeft?: number;
  packageName?: string;
  /** `ending`: within 30 days; `inactive`: not ACTIVE; `unavailable`: İYS refused the query. */
  warning?: 'ending' | 'inactive' | 'unavailable';
  /** İYS's refusal when `unavailable`. */
  error?: { kind: string; status: number; code?: string };
}

/** İYS reconciliation and the subscription watch. */
export interface ReconciliationStore {
  /** Keeps İYS's changes by (iysCode, brandCode, transactionId); one seen before is skipped. The count kept. */
  recordIysChanges(records: readonly IysChangeRecord[]): Promise<number>;
  /**
   * izinli's copy of a brand's Turkey day: the movements it delivered whose İYS creationDate
   * falls on `day`, and the İYS changes it received that did, ordered by creationDate then
   * transactionId (a transactionId may come twice: a push and a delivery can name the same one).
   */
  reconciliationLedger(iysCode: number, brandCode: number, day: string): Promise<LedgerRow[]>;
  /** Days of the brands given, by brand then day. */
  reconciliationDays(filter: ReconciliationDayFilter): Promise<ReconciliationDay[]>;
  /** Writes (replaces) a day's outcome, stores its files and writes its events, atomically. */
  saveReconciliationDay(write: ReconciliationDayWrite): Promise<void>;
  /** A stored file by its SHA-256 (hex). */
  reconciliationFile(sha256: string): Promise<StoredFile | undefined>;
  /** Replaces the account's last subscription check and writes its events, atomically. */
  saveSubscriptionCheck(check: SubscriptionCheck, events: readonly WebhookEvent[]): Promise<void>;
  /** The last check of each account given (every account when omitted), by iysCode. */
  subscriptionChecks(iysCodes?: readonly number[]): Promise<SubscriptionCheck[]>;
}
