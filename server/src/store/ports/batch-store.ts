// The İYS batches port (docs/architecture.md#delivery, migration 4): opening, claiming and
// updating a batch. A batch's movements stay in flight, bound to it, until its poller settles
// each one; claims of single movements never take them, so a restart polls instead of resending.
import type { Movement } from '@izinli/core';
import type { BatchState } from '../types.js';
import type { MovementResult } from './movement-store.js';

export type { BatchState } from '../types.js';

/** One stored batch. */
export interface IysBatchRow {
  id: string;
  iysCode: number;
  brandCode: number;
  /** İYS's requestId, once the POST was accepted. */
  requestId?: string;
  state: BatchState;
  size: number;
  createdAt: string;
  submittedAt?: string;
  /** Not polled before this instant (İYS: first poll 300 s after submission). */
  nextPollAt?: string;
  polls: number;
  /** The claim of the worker submitting or polling it (its fencing token). */
  leaseUntil?: string;
  lastError?: { code: string; message: string };
}

/** What `openBatch` takes: claimed movements (each under its claim's lease), in body order. */
export interface BatchOpen {
  id: string;
  iysCode: number;
  brandCode: number;
  createdAt: string;
  /** The batch's lease while it is submitted (use the movements' claim lease). */
  leaseUntil: string;
  items: readonly { id: string; leaseUntil: string }[];
}

/** What `claimBatches` takes: submitted batches due for a poll, or stale submissions. */
export interface BatchClaim {
  now: string;
  leaseUntil: string;
  limit: number;
  iysCode?: number;
}

/** A claimed batch with its bound, still unsettled movements in `batch_index` order. */
export interface ClaimedBatch {
  batch: IysBatchRow;
  movements: (Movement & { batchIndex: number })[];
}

/** A settled or released item of a batch (fenced by the batch, not by a movement lease). */
export type BatchItemResult = Omit<MovementResult, 'leaseUntil'>;

/** What the batch becomes after an update. */
export type BatchNext =
  | {
      state: 'submitted';
      requestId: string;
      /** Set on the submit; kept on later polls. */
      submittedAt?: string;
      nextPollAt: string;
      /** The bound movements' lease, extended while the batch is polled. */
      movementLeaseUntil: string;
      /** True for a poll (counts it). */
      polled?: boolean;
      error?: { code: string; message: string };
    }
  | { state: 'done' }
  | { state: 'failed'; error: { code: string; message: string } };

/** One update of a claimed batch: results of some items, and its next state. */
export interface BatchUpdate {
  id: string;
  /** The lease the batch was opened or claimed with. */
  leaseUntil: string;
  /** The instant of the update (closed batches release leftovers due at it). */
  now: string;
  results: readonly BatchItemResult[];
  next: BatchNext;
}

/** The İYS batches. */
export interface BatchStore {
  /** Writes a `submitting` İYS batch and binds the claimed items whose lease holds; their ids. */
  openBatch(open: BatchOpen): Promise<string[]>;
  /** Fails stale submissions (their items back to pending), then claims batches due for a poll. */
  claimBatches(claim: BatchClaim): Promise<ClaimedBatch[]>;
  /** Applies a batch's item results and next state under its lease; undefined when fenced out. */
  updateBatch(update: BatchUpdate): Promise<string[] | undefined>;
  /** Recent İYS batches, newest first (default 100). */
  batches(limit?: number): Promise<IysBatchRow[]>;
}
