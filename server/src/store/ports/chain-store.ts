// The chain port: a site's hash chain as stored, its head and its signed checkpoints
// (docs/architecture.md#record-and-proof); what proofs, exports and the checkpointer read.
import type { ChainHead, Checkpoint, StoredCapture } from '../types.js';

/** The sites' chains, their heads and checkpoints. */
export interface ChainStore {
  /** A site's chain in seq order from `fromSeq` (default 1), purged entries included. */
  chain(siteKey: string, fromSeq?: number): AsyncIterable<StoredCapture>;
  chainHead(siteKey: string): Promise<ChainHead>;
  /** Site keys that have at least one record. */
  sites(): Promise<string[]>;
  /** Stores a checkpoint; a second one of the same (siteKey, seq) is ignored, the first stays. */
  addCheckpoint(checkpoint: Checkpoint): Promise<void>;
  /** Checkpoints of a site, newest first (all sites when omitted); all of them without `limit`. */
  checkpoints(siteKey?: string, limit?: number): Promise<Checkpoint[]>;
}
