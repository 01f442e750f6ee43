// Step two of a capture: the group commit. Captures that arrive while a transaction is being
// written wait and go together in the next one, so one fsync serves many captures
// (docs/architecture.md#record-and-proof: durability without losing throughput).
import type { ChainRecord, ConsentStatus, Problem } from '@izinli/core';
import type { CaptureStore, CaptureWrite, WriteTx } from '../store/ports/capture-store.js';
import type { ChainHead, StoredCapture } from '../store/types.js';
import { sha256HexSync } from '../proof/node-sha256.js';
import type { CaptureDraft } from './prepare-capture.js';
import { consentKeys, sealCapture } from './seal-capture.js';
import {
  BatchRefused,
  DraftFailure,
  attributed,
  isDataFault,
  problemsOf,
} from './commit-failures.js';
import { isIysDayDraft, iysDayWrite, unsignedCapture } from './seal-iys-day.js';
import type { IysDayDraft } from './seal-iys-day.js';
import { confirmationKeys, isConfirmationDraft, sealConfirmation } from './seal-confirmation.js';
import type { ConfirmationDraft } from './seal-confirmation.js';

/**
 * What the group commit takes: a capture or withdrawal, a reconciled İYS day, or a confirmation
 * of held channels.
 */
export type CommitDraft = CaptureDraft | IysDayDraft | ConfirmationDraft;

/** The consent keys whose current status sealing `draft` reads or moves. */
function keysOf(draft: CommitDraft): string[] {
  if (isIysDayDraft(draft)) return [];
  return isConfirmationDraft(draft) ? confirmationKeys(draft) : consentKeys(draft);
}

/** What became of a submitted capture. */
export type CommitOutcome =
  | { kind: 'created'; capture: StoredCapture }
  /** Same id, same body: the stored capture, untouched. */
  | { kind: 'replayed'; capture: StoredCapture }
  /** Same id, another body: refused; the stored capture is untouched. */
  | { kind: 'conflict'; capture: StoredCapture }
  /**
   * This capture alone could not be written (its record failed inside the transaction): nothing
   * of it was stored, and the captures batched with it were committed without it.
   */
  | { kind: 'unstorable'; problems: Problem[] };

export interface GroupCommitOptions {
  store: CaptureStore;
  /** Signs the sealed record (a compact JWS receipt); `canonical` is `canonicalJson(record)`. */
  signReceipt(record: ChainRecord, canonical: string): Promise<string>;
  /** Ids for movements and events. */
  newId(): string;
  /** Our İYS deadline for a consent (A8), on the server's calendar (calendar/server-calendar.ts). */
  deadlineFor(consentDate: Date): Date;
  /** Most captures in one transaction. */
  maxBatch?: number;
  /** Told after each transaction commits (metrics). */
  onCommit?(batchSize: number, seconds: number): void;
  /** Told when one capture is taken out of its batch (a bug or an unforeseen input: log it). */
  onUnstorable?(captureId: string, error: unknown): void;
}

interface Pending {
  draft: CommitDraft;
  resolve(outcome: CommitOutcome): void;
  reject(error: unknown): void;
}

/** Queues captures and writes them in shared transactions, one transaction at a time. */
export class GroupCommitter {
  readonly #options: Required<Omit<GroupCommitOptions, 'onCommit' | 'onUnstorable'>> &
    Pick<GroupCommitOptions, 'onCommit' | 'onUnstorable'>;
  #queue: Pending[] = [];
  #running: Promise<void> | undefined;

  constructor(options: GroupCommitOptions) {
    this.#options = { maxBatch: 256, ...options };
  }

  /** Resolves once the capture is committed (or found already stored). */
  submit(draft: CommitDraft): Promise<CommitOutcome> {
    return new Promise<CommitOutcome>((resolve, reject) => {
      this.#queue.push({ draft, resolve, reject });
      this.#running ??= this.#drainQueue();
    });
  }

  /** Waits until every submitted capture is committed or failed (graceful shutdown). */
  async idle(): Promise<void> {
    while (this.#running) await this.#running;
  }

  /** Captures waiting for a transaction. */
  get queued(): number {
    return this.#queue.length;
  }

  async #drainQueue(): Promise<void> {
    // Let the requests already read by the event loop join the first transaction: a macrotask,
    // not a microtask, or a fully synchronous commit path would write one capture per fsync.
    try {
      await new Promise((resolve) => setImmediate(resolve));
      while (this.#queue.length > 0) {
        if (this.#queue.length < this.#options.maxBatch) {
          // Between transactions too: requests that arrived while the last COMMIT's fsync held the
          // event loop are read and join this one, so under load each fsync carries more captures
          // (the figures: docs/performance.md).
          await new Promise((resolve) => setImmediate(resolve));
        }
        await this.#commitIsolating(this.#queue.splice(0, this.#options.maxBatch));
      }
    } finally {
      // In the same step as the empty-queue check above: a capture submitted after it starts a
      // new drain. (Cleared a microtask later, a submit in between would wait forever.)
      this.#running = undefined;
    }
  }

  /**
   * Commits a batch so that no capture can fail another: a capture whose own record
   * fails inside the transaction (its seal, or a store refusing its data) is taken out and
   * answered `unstorable`, and the transaction is run again without it. A failure that belongs to
   * no one capture (the store is down, a read timed out, the signer broke) fails the batch.
   */
  async #commitIsolating(batch: Pending[]): Promise<void> {
    let members = batch;
    // The batch's rows go to the store together; only when the store refuses them (a value one
    // capture carries that the database cannot hold) is it run again capture by capture, so the
    // store's refusal names the capture to take out.
    let oneByOne = false;
    while (members.length > 0) {
      const started = performance.now();
      try {
        const outcomes = await this.#commit(
          members.map((p) => p.draft),
          oneByOne,
        );
        this.#options.onCommit?.(members.length, (performance.now() - started) / 1000);
        members.forEach((p, i) => p.resolve(outcomes[i]!));
        return;
      } catch (error) {
        if (error instanceof BatchRefused) {
          oneByOne = true;
          continue;
        }
        if (!(error instanceof DraftFailure)) {
          for (const p of members) p.reject(error);
          return;
        }
        const culprit = members[error.index]!;
        this.#options.onUnstorable?.(culprit.draft.captureId, error.cause);
        culprit.resolve({ kind: 'unstorable', problems: problemsOf(error.cause) });
        members = members.filter((_, i) => i !== error.index);
      }
    }
  }

  #commit(drafts: CommitDraft[], oneByOne: boolean): Promise<CommitOutcome[]> {
    const siteKeys = [...new Set(drafts.map((d) => d.siteKey))];
    return this.#options.store.write(siteKeys, async (tx) => {
      const stored = await tx.findCaptures(drafts.map((d) => d.captureId));
      // Every new capture's consent states in one read: nothing is written before all are sealed,
      // so what the batch sealed earlier is layered on top as the seals go.
      const fresh = drafts.filter((d) => !stored.has(d.captureId));
      const known = await tx.currentStatuses([...new Set(fresh.flatMap(keysOf))]);
      const batch: BatchState = { heads: new Map(), statuses: known };
      const outcomes: CommitOutcome[] = [];
      /** The sealed writes, each with its draft's place in the batch (to blame it alone). */
      const sealed: { write: SealedWrite; index: number }[] = [];
      for (const [index, draft] of drafts.entries()) {
        const existing = stored.get(draft.captureId);
        if (existing) {
          outcomes.push({
            kind: existing.bodyHash === draft.bodyHash ? 'replayed' : 'conflict',
            capture: existing,
          });
          continue;
        }
        const next = await this.#seal(tx, index, draft, batch);
        sealed.push({ write: next, index });
        stored.set(draft.captureId, next.capture);
        outcomes.push({ kind: 'created', capture: next.capture });
      }
      // The receipt is not part of the chain, so the batch's records are signed together (the
      // signer is asynchronous), then inserted in chain order. A signer that fails does so for
      // every record alike (its key, its runtime): that fails the batch, never one capture.
      const receipts = await Promise.all(
        sealed.map(({ write }) =>
          this.#options.signReceipt(write.capture.record, write.recordJson),
        ),
      );
      for (const [i, { write }] of sealed.entries()) write.capture.receipt = receipts[i]!;
      if (oneByOne) {
        for (const { write, index } of sealed) {
          await attributed(index, () => tx.insertCapture(write), isDataFault);
        }
      } else {
        try {
          await tx.insertCaptures(sealed.map(({ write }) => write));
        } catch (error) {
          throw isDataFault(error) ? new BatchRefused(error) : error;
        }
      }
      return outcomes;
    });
  }

  /**
   * Seals a draft on top of what the transaction holds and what the batch has sealed before it
   * (its chain heads and consent states); nothing is written yet.
   */
  async #seal(
    tx: WriteTx,
    index: number,
    draft: CommitDraft,
    batch: BatchState,
  ): Promise<SealedWrite> {
    if (isIysDayDraft(draft)) {
      const head = batch.heads.get(draft.siteKey) ?? (await tx.chainHead(draft.siteKey));
      const sealed = await attributed(index, () => iysDayWrite(draft, head, sha256HexSync));
      batch.heads.set(draft.siteKey, sealed.head);
      return sealed.write;
    }
    if (isConfirmationDraft(draft)) {
      const head = batch.heads.get(draft.siteKey) ?? (await tx.chainHead(draft.siteKey));
      const sealed = await attributed(index, () =>
        sealConfirmation({
          draft,
          head,
          deadlineFor: (consentDate) => this.#options.deadlineFor(consentDate),
          newId: () => this.#options.newId(),
          sha256: sha256HexSync,
        }),
      );
      const { record, recordJson, movements, events } = sealed;
      batch.heads.set(record.siteKey, sealed.head);
      for (const [key, status] of sealed.statusesAfter) batch.statuses.set(key, status);
      return { capture: unsignedCapture(record, draft.bodyHash), movements, events, recordJson };
    }
    const statuses = new Map<string, ConsentStatus>();
    for (const key of consentKeys(draft)) {
      const status = batch.statuses.get(key);
      if (status) statuses.set(key, status);
    }
    // The store's reads fail for the batch (a lost connection, a timeout), never for one capture;
    // only the pure seal below is this capture's own.
    const head = batch.heads.get(draft.siteKey) ?? (await tx.chainHead(draft.siteKey));
    const sealed = await attributed(index, () =>
      sealCapture({
        draft,
        head,
        statuses,
        deadlineFor: (consentDate) => this.#options.deadlineFor(consentDate),
        newId: () => this.#options.newId(),
        sha256: sha256HexSync,
      }),
    );
    const { record, recordJson, movements, events, verifications, supersedes } = sealed;
    batch.heads.set(record.siteKey, sealed.head);
    for (const [key, status] of sealed.statusesAfter) batch.statuses.set(key, status);
    const capture = unsignedCapture(record, draft.bodyHash);
    return { capture, movements, events, recordJson, verifications, supersedes };
  }
}

/** A sealed capture's rows, with its record's canonical text (signed and stored as is). */
type SealedWrite = CaptureWrite & { recordJson: string };

/** What the batch has sealed so far: each site's head, and each consent key's newest status
 * (the store's, then each seal's). */
interface BatchState {
  heads: Map<string, ChainHead>;
  statuses: Map<string, ConsentStatus>;
}
