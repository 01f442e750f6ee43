// The one storage interface the server uses; `sqlite-store.ts` and `postgres-store.ts` implement
// it and `store-contract.test-support.ts` holds the suite both must pass.
import type { CaptureRecord, Channel, ConsentStatus, Movement, MovementState } from '@izinli/core';
import type {
  ChainHead,
  StoredCapture,
  Checkpoint,
  PendingRefusal,
  MirrorEntry,
  WebhookEvent,
} from './types.js';
import type { DeliveryStats, MovementClaim, MovementResult } from './delivery-store.js';
import type { AtRiskFlagging } from './delivery-store.js';
import type {
  BatchClaim,
  BatchOpen,
  BatchUpdate,
  ClaimedBatch,
  IysBatchRow,
} from './batch-store.js';
import type { AdminMovement, MovementPageFilter } from './movement-query.js';
import type { WebhookOutbox } from './webhook-outbox.js';
import type {
  ChangedEventCandidate,
  ChangedEventCandidates,
  ChangedEventPurge,
  RetentionCandidate,
  RetentionCandidates,
  RetentionPurge,
  RetentionPurgeResult,
} from './retention-store.js';

// The row types live apart (types.ts) so the store's parts import them without a circle.
export type * from './types.js';

/** İYS's changes for one brand (pulled or pushed), applied to the mirror in one transaction. */
export interface IysChangesWrite {
  iysCode: number;
  brandCode: number;
  /** In İYS's order (oldest first); an entry older than the mirror's state for its key is skipped. */
  entries: readonly MirrorEntry[];
  /** The pull cursor to store with the entries; absent for a push, which has none. */
  cursor?: string;
  /** The webhook events to write for an entry that changes its key's status (`previous` absent: first seen). */
  events(entry: MirrorEntry, previous: MirrorEntry | undefined): WebhookEvent[];
}

/** What `applyIysChanges` did: entries written, those that changed a status, stale ones skipped. */
export interface IysChangesResult {
  applied: number;
  changed: number;
  stale: number;
}

/** Everything one capture writes, in the same transaction (docs/architecture.md#data-flow). */
export interface CaptureWrite {
  capture: StoredCapture & { record: CaptureRecord; receipt: string };
  /** `canonicalJson(capture.record)` when the writer computed it already (else the store does). */
  recordJson?: string;
  movements: Movement[];
  events: WebhookEvent[];
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
}

/** Filters for listing captures (admin API). All optional; results are newest first. */
export interface CaptureFilter {
  siteKeys?: readonly string[];
  /** Exact normalised phone (E.164) or e-mail. */
  phone?: string;
  email?: string;
  kind?: 'capture' | 'withdrawal';
  /** Captures that moved this channel (an ONAY or RET movement of this type). */
  channel?: Channel;
  /** Captures with a movement in this delivery state (with `channel`: that channel's movement). */
  state?: MovementState;
  /** ISO instants, inclusive `from`, exclusive `to`, on receivedAt. */
  from?: string;
  to?: string;
  /** Opaque cursor from a previous page; check one from a client with `isCaptureCursor`. */
  cursor?: string;
  limit?: number;
}

export interface Page<T> {
  items: T[];
  /** Present when more items follow. */
  nextCursor?: string;
}

/** Filters for listing movements; results are in insertion order. */
export interface MovementFilter {
  captureId?: string;
  /** A `movementKey`. */
  key?: string;
  state?: MovementState;
  /** Default 1000. */
  limit?: number;
}

/** The durable store: embedded SQLite by default, PostgreSQL when `DATABASE_URL` is set. */
export interface Store {
  readonly kind: 'sqlite' | 'postgres';
  /** Runs versioned migrations that have not run yet; safe to call from several processes. */
  migrate(): Promise<void>;
  /**
   * Runs `work` in one write transaction with the heads of `siteKeys` locked (row locks in
   * PostgreSQL, so several processes keep one chain per site). Commits durably before resolving
   * (`synchronous=FULL` in SQLite); rolls back everything if `work` throws. `siteKeys` must name
   * every site `work` reads the head of or appends to. Never call `write` from inside `work`.
   */
  write<T>(siteKeys: readonly string[], work: (tx: WriteTx) => Promise<T>): Promise<T>;
  getCapture(captureId: string): Promise<StoredCapture | undefined>;
  /** Captures matching `filter`, newest first (receivedAt, then insertion order), 50 a page. */
  listCaptures(filter: CaptureFilter): Promise<Page<StoredCapture>>;
  /** A site's chain in seq order from `fromSeq` (default 1), purged entries included. */
  chain(siteKey: string, fromSeq?: number): AsyncIterable<StoredCapture>;
  chainHead(siteKey: string): Promise<ChainHead>;
  /** Site keys that have at least one record. */
  sites(): Promise<string[]>;
  /** Stores a checkpoint; a second one of the same (siteKey, seq) is ignored, the first stays. */
  addCheckpoint(checkpoint: Checkpoint): Promise<void>;
  /** Checkpoints of a site, newest first (all sites when omitted); all of them without `limit`. */
  checkpoints(siteKey?: string, limit?: number): Promise<Checkpoint[]>;
  /**
   * Outbox movements in insertion order. Their instants (and those of mirror entries and events)
   * are stored as fixed-width UTC ISO text, so they read back in `Date#toISOString` form.
   */
  movements(filter: MovementFilter): Promise<Movement[]>;
  mirror(keys: readonly string[]): Promise<Map<string, MirrorEntry>>;
  /**
   * Keys whose newest non-dead movement is a RET İYS has not confirmed yet (pending or in flight),
   * with that movement's source and consentDate: a refusal counts from receipt (B7, A11).
   */
  pendingRefusals(keys: readonly string[]): Promise<Map<string, PendingRefusal>>;
  /** Inserts or replaces entries by key, atomically; a key named twice keeps the later entry. */
  upsertMirror(entries: readonly MirrorEntry[]): Promise<void>;
  /** The stored pull cursor of a brand, if any (`applyIysChanges` stores it). */
  syncCursor(iysCode: number, brandCode: number): Promise<string | undefined>;
  /**
   * In one transaction: upserts the entries whose consentDate is not older than the mirror's for
   * their key (a later consentDate wins; an equal one is the later İYS movement, so it wins too),
   * writes the events of those that change a status, and stores the cursor.
   */
  applyIysChanges(write: IysChangesWrite): Promise<IysChangesResult>;
  /** Claims due movements that head their key, oldest consentDate first, under a lease (delivery). */
  claimMovements(claim: MovementClaim): Promise<Movement[]>;
  /**
   * Returns every in-flight movement to pending (due as before); the count. Only for the İYS
   * leader on taking over: any lease left is then a dead instance's (delivery/leader.ts).
   */
  releaseLeases(): Promise<number>;
  /** Ends claimed attempts whose lease still holds, with their mirror entries; returns their ids. */
  finishMovements(results: readonly MovementResult[]): Promise<string[]>;
  /** Puts a dead letter back in the queue, due at `now`; false when it is not dead. */
  retryDeadMovement(id: string, now: string): Promise<boolean>;
  /**
   * Movements by state (of `siteKeys`' captures only, when given); open ones whose deadline is at
   * or before `deadlineBound` count as near.
   */
  deliveryStats(deadlineBound: string, siteKeys?: readonly string[]): Promise<DeliveryStats>;
  /** A page of the movements of some sites (admin API), in insertion order, 100 a page. */
  movementPage(filter: MovementPageFilter): Promise<Page<AdminMovement>>;
  /**
   * Flags open movements whose deadline is at or before `deadlineBound` and writes each one's
   * `consent.deadline_at_risk` event, once per movement ever, in one transaction; the count.
   */
  flagMovementsAtRisk(flagging: AtRiskFlagging): Promise<number>;
  /** Writes a `submitting` İYS batch and binds the claimed items whose lease holds; their ids. */
  openBatch(open: BatchOpen): Promise<string[]>;
  /** Fails stale submissions (their items back to pending), then claims batches due for a poll. */
  claimBatches(claim: BatchClaim): Promise<ClaimedBatch[]>;
  /** Applies a batch's item results and next state under its lease; undefined when fenced out. */
  updateBatch(update: BatchUpdate): Promise<string[] | undefined>;
  /** Recent İYS batches, newest first (default 100). */
  batches(limit?: number): Promise<IysBatchRow[]>;
  /** A site's webhook events, newest first (default limit 100). */
  webhookEvents(siteKey: string, limit?: number): Promise<WebhookEvent[]>;
  /** The webhook deliveries: fan-out from events, leased claims, retries. */
  readonly webhookOutbox: WebhookOutbox;
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
  /** Counts for /metrics and /readyz. */
  stats(): Promise<{ captures: number; pendingMovements: number; pendingEvents: number }>;
  /** True when the database answers a trivial query. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}
