// The mirror port: our copy of İYS's state per consent key, the refusals İYS has not confirmed
// yet, and the sync's changes with their pull cursor (docs/architecture.md#sync).
import type { MirrorEntry, PendingRefusal, WebhookEvent } from '../types.js';

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

/** The İYS mirror, pending refusals and the sync cursor. */
export interface MirrorStore {
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
}
