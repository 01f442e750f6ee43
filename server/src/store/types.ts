// The rows the store reads and writes (captures, checkpoints, the İYS mirror, webhook events,
// pages): the types several ports (ports/*.ts) and both implementations name, kept at the bottom
// so that no port needs another to describe its rows.
import type { ChainRecord, Channel, ConsentStatus, RecipientType, Source } from '@izinli/core';

/** The head of one site's hash chain: the last `seq` and its `recordHash` (0 and 64 zeros when empty). */
export interface ChainHead {
  siteKey: string;
  seq: number;
  hash: string;
}

/** One stored capture or withdrawal: the sealed record, its receipt and what idempotency needs. */
export interface StoredCapture {
  captureId: string;
  siteKey: string;
  seq: number;
  prevHash: string;
  recordHash: string;
  /** SHA-256 (hex) of the canonical request body: the same id with another body is a conflict. */
  bodyHash: string;
  /** The record as signed; absent once its personal data was purged (A14, B10). */
  record?: ChainRecord;
  /** The compact JWS receipt; absent once purged (it carries the same personal data). */
  receipt?: string;
  receivedAt: string;
  /** Set when retention purged the personal data; the digests stay so the chain still verifies. */
  purgedAt?: string;
}

/** A signed checkpoint of one site's chain head (docs/architecture.md#record-and-proof). */
export interface Checkpoint {
  siteKey: string;
  seq: number;
  hash: string;
  signedAt: string;
  /** Compact JWS over the canonical `{ siteKey, seq, hash, signedAt }`. */
  jws: string;
}

/** A refusal recorded here and not yet confirmed by İYS (see `MirrorStore.pendingRefusals`). */
export interface PendingRefusal {
  source: Source;
  consentDate: string;
}

/** The state our mirror holds for one İYS consent key (İYS's view as last confirmed). */
export interface MirrorEntry {
  key: string;
  iysCode: number;
  brandCode: number;
  recipientType: RecipientType;
  type: Channel;
  recipient: string;
  status: ConsentStatus;
  consentDate: string;
  source: Source;
  updatedAt: string;
}

/** A webhook event waiting in (or done with) its outbox; the webhook worker delivers it. */
export interface WebhookEvent {
  id: string;
  siteKey: string;
  type: string;
  payload: unknown;
  createdAt: string;
}

/** One page of a list; `nextCursor` is present when more items follow. */
export interface Page<T> {
  items: T[];
  /** Present when more items follow. */
  nextCursor?: string;
}

/** `submitting`: written before the POST; `submitted`: İYS took it; `done`/`failed`: closed. */
export type BatchState = 'submitting' | 'submitted' | 'done' | 'failed';
