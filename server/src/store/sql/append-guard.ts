// The checks both stores make before appending a capture: the store is the last line that keeps a
// site's chain unbroken (A13), so a capture that does not continue the locked head is refused
// (and the whole transaction rolled back) instead of being stored.
import { GENESIS_HASH } from '@izinli/core';
import type { CaptureWrite } from '../ports/capture-store.js';
import type { ChainHead } from '../types.js';

/** The head of a site with no records. */
export const emptyHead = (siteKey: string): ChainHead => ({ siteKey, seq: 0, hash: GENESIS_HASH });

/** Thrown when a write would break a chain or touch a site it did not lock; always a bug. */
export class StoreWriteError extends Error {
  override name = 'StoreWriteError';
}

/** The locked head of `siteKey`, or a StoreWriteError when the transaction did not lock it. */
export function lockedHead(heads: ReadonlyMap<string, ChainHead>, siteKey: string): ChainHead {
  const head = heads.get(siteKey);
  if (!head) {
    throw new StoreWriteError(`site ${siteKey} is not locked by this write; name it in write()`);
  }
  return head;
}

/** Refuses a capture that is not the next link of `head` or disagrees with its own record. */
export function checkAppend(head: ChainHead, write: CaptureWrite): void {
  const { capture, movements } = write;
  const { record } = capture;
  const fail = (why: string) => {
    throw new StoreWriteError(`capture ${capture.captureId}: ${why}`);
  };
  if (capture.seq !== head.seq + 1) fail(`seq ${capture.seq} does not follow head ${head.seq}`);
  if (capture.prevHash !== head.hash) fail(`prevHash is not the head's hash ${head.hash}`);
  const mismatched = (
    ['captureId', 'siteKey', 'seq', 'prevHash', 'recordHash', 'receivedAt'] as const
  ).filter((field) => record[field] !== capture[field]);
  if (mismatched.length > 0) fail(`record disagrees on ${mismatched.join(', ')}`);
  const foreign = movements.find((m) => m.captureId !== capture.captureId);
  if (foreign) fail(`movement ${foreign.id} belongs to capture ${foreign.captureId}`);
}

/** Throws once a transaction has ended: a WriteTx kept past its `work` must not write. */
export function assertOpen(open: boolean): void {
  if (!open) throw new StoreWriteError('this write transaction has already ended');
}
