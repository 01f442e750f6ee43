// Sealing a reconciled İYS day into a site's chain, as a pure function: the record (chain fields
// and hash) from a draft and the head it continues. Unlike a capture it moves no consent and
// tells no webhook: it is proof, written through the same group commit so the chain has one writer.
import { IysDayRecord, canonicalJson, captureRecordHashWith, problemsFromZod } from '@izinli/core';
import type { ChainRecord } from '@izinli/core';
import type { CaptureWrite } from '../store/ports/capture-store.js';
import type { ChainHead, StoredCapture } from '../store/store.js';
import { RecordInvalid } from './seal-capture.js';

/** A reconciled day for one site's chain, before the chain places it. */
export interface IysDayDraft {
  /** Derived from the site, brand and day (`iysDayRecordId`), so a retry replays it. */
  captureId: string;
  siteKey: string;
  /** SHA-256 of the canonical record draft: the idempotency fingerprint. */
  bodyHash: string;
  record: Omit<IysDayRecord, 'seq' | 'prevHash' | 'recordHash'>;
}

/** Whether a draft the group commit took is an İYS day (else a capture or withdrawal). */
export const isIysDayDraft = (draft: { record: { kind: string } }): draft is IysDayDraft =>
  draft.record.kind === 'iys-day';

/** The sealed day: its record, canonical text and the head once appended. */
export interface SealedIysDay {
  record: IysDayRecord;
  recordJson: string;
  head: ChainHead;
}

/** Seals `draft` on top of `head`; throws `RecordInvalid` when the record fails its schema. */
export function sealIysDay(
  draft: IysDayDraft,
  head: ChainHead,
  sha256: (text: string) => string,
): SealedIysDay {
  const unsealed = { ...draft.record, seq: head.seq + 1, prevHash: head.hash };
  const sealed = { ...unsealed, recordHash: captureRecordHashWith(unsealed, sha256) };
  const parsed = IysDayRecord.safeParse(sealed);
  if (!parsed.success) throw new RecordInvalid(problemsFromZod(parsed.error, sealed));
  return {
    record: sealed,
    recordJson: canonicalJson(sealed),
    head: { siteKey: sealed.siteKey, seq: sealed.seq, hash: sealed.recordHash },
  };
}

/** The sealed day as the rows the group commit writes (no movement, no event) and the new head. */
export function iysDayWrite(
  draft: IysDayDraft,
  head: ChainHead,
  sha256: (text: string) => string,
): { write: CaptureWrite & { recordJson: string }; head: ChainHead } {
  const { record, recordJson, head: after } = sealIysDay(draft, head, sha256);
  const capture = unsignedCapture(record, draft.bodyHash);
  return { write: { capture, movements: [], events: [], recordJson }, head: after };
}

/** A sealed record's row before the batch is signed: its receipt is filled in just before insert. */
export function unsignedCapture<R extends ChainRecord>(
  record: R,
  bodyHash: string,
): StoredCapture & { record: R; receipt: string } {
  return {
    captureId: record.captureId,
    siteKey: record.siteKey,
    seq: record.seq,
    prevHash: record.prevHash,
    recordHash: record.recordHash,
    bodyHash,
    record,
    receipt: '',
    receivedAt: record.receivedAt,
  };
}
