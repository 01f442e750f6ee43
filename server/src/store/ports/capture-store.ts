// The captures port: the write transaction that appends a capture to its site's chain, and the
// reads of single captures and of the admin list (docs/architecture.md#data-flow).
import type { ChainRecord, Channel, ConsentStatus, Movement, MovementState } from '@izinli/core';
import type { ChainHead, Page, StoredCapture, WebhookEvent } from '../types.js';
import type { Verification, VerificationSupersede } from './verification-store.js';

/** Everything one capture writes, in the same transaction (docs/architecture.md#data-flow). */
export interface CaptureWrite {
  capture: StoredCapture & { record: ChainRecord; receipt: string };
  /** `canonicalJson(capture.record)` when the writer computed it already (else the store does). */
  recordJson?: string;
  movements: Movement[];
  events: WebhookEvent[];
  /** The link verifications the record's held channels start (docs/verification.md#the-flow). */
  verifications?: Verification[];
  /**
   * What the record decides anew: open verifications of its site for these addresses and
   * channels, tied to older captures, are superseded in the same transaction, before this
   * write's own verifications are inserted.
   */
  supersedes?: VerificationSupersede[];
}

/**
 * A write transaction with the chain heads of some sites locked: nobody else can append to those
 * sites' chains until it ends. Reads inside it see its own writes.
 */
export interface WriteTx {
  /** The locked head of a site's chain (seq 0 and 64 zeros for a site with no records). */
  chainHead(siteKey: string): Promise<ChainHead>;
  /** Stored captures among `captureIds` (for idempotent replays), by id. */
  findCaptures(captureIds: readonly string[]): Promise<Map<string, StoredCapture>>;
  /**
   * The latest known status per consent key: the newest non-dead outbox movement for the key if
   * there is one (by consentDate, then insertion order), else the mirror's status.
   */
  currentStatuses(keys: readonly string[]): Promise<Map<string, ConsentStatus>>;
  /**
   * Appends a capture with its movements and events and moves the site's head to it. Throws
   * (`StoreWriteError`) unless the capture is the next link of its site's locked head; once an
   * insert failed the whole write rolls back, even if `work` catches the error.
   */
  insertCapture(write: CaptureWrite): Promise<void>;
  /**
   * Appends several captures, in chain order, in as few statements as the database allows (one
   * per table on PostgreSQL), so a batch costs a few round trips, not a few per capture. Checks
   * each like `insertCapture` before writing any. A failure names no capture: the whole write
   * rolls back, and a caller that must know whose data was at fault runs again one by one.
   */
  insertCaptures(writes: readonly CaptureWrite[]): Promise<void>;
}

/** Filters for listing captures (admin API). All optional; results are newest first. */
export interface CaptureFilter {
  siteKeys?: readonly string[];
  /** Exact normalised phone (E.164) or e-mail. */
  phone?: string;
  email?: string;
  /** `confirmation`: the chained confirmations of held channels, listed only when asked for. */
  kind?: 'capture' | 'withdrawal' | 'confirmation';
  /** Captures that moved this channel (an ONAY or RET movement of this type). */
  channel?: Channel;
  /** Captures with a movement in this delivery state (with `channel`: that channel's movement). */
  state?: MovementState;
  /**
   * Captures with a verification still open (`awaiting`: sent, locked, or confirmed and not yet
   * released) or one that expired unconfirmed (`expired`), docs/verification.md.
   */
  held?: 'awaiting' | 'expired';
  /** ISO instants, inclusive `from`, exclusive `to`, on receivedAt. */
  from?: string;
  to?: string;
  /** Opaque cursor from a previous page; check one from a client with `isCaptureCursor`. */
  cursor?: string;
  limit?: number;
}

/** Captures: append under the locked chain heads, read one, list them. */
export interface CaptureStore {
  /**
   * Runs `work` in one write transaction with the heads of `siteKeys` locked (row locks in
   * PostgreSQL, so several processes keep one chain per site). Commits durably before resolving
   * (`synchronous=FULL` in SQLite); rolls back everything if `work` throws. `siteKeys` must name
   * every site `work` reads the head of or appends to. Never call `write` from inside `work`.
   */
  write<T>(siteKeys: readonly string[], work: (tx: WriteTx) => Promise<T>): Promise<T>;
  getCapture(captureId: string): Promise<StoredCapture | undefined>;
  /**
   * Captures and withdrawals matching `filter` (never a chained İYS day; a confirmation only
   * when `kind` asks for confirmations), newest first (receivedAt, then insertion order), 50 a page.
   */
  listCaptures(filter: CaptureFilter): Promise<Page<StoredCapture>>;
}
