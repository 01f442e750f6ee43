// The mapping between the store's types and table rows, shared by both dialects: the same column
// names, the same values, so SQLite and PostgreSQL hold byte-identical data.
import { Movement, canonicalJson, isCaptureRecord, present } from '@izinli/core';
import type { ChainRecord } from '@izinli/core';
import type { Checkpoint, MirrorEntry, StoredCapture, WebhookEvent } from '../types.js';

/** A database row as a driver returns it. */
export type Row = Record<string, unknown>;

/** An integer column: `pg` returns BIGINT as a string, better-sqlite3 as a number. */
export function int(value: unknown): number {
  const n = typeof value === 'string' || typeof value === 'bigint' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isSafeInteger(n)) {
    throw new TypeError(`store: expected an integer column, got ${String(value)}`);
  }
  return n;
}

const text = (value: unknown): string => value as string;

/** A nullable text column: NULL (or no such column) as undefined. */
export const optional = (value: unknown): string | undefined =>
  value === null || value === undefined ? undefined : (value as string);

/** A nullable integer column, read as `int` reads one. */
export const optionalInt = (value: unknown): number | undefined =>
  value === null || value === undefined ? undefined : int(value);

/** Fixed-width UTC ISO text, so that text order is time order in both databases. */
export function isoInstant(value: string, what: string): string {
  const time = Date.parse(value);
  if (Number.isNaN(time)) throw new RangeError(`store: ${what} is not an ISO instant: ${value}`);
  return new Date(time).toISOString();
}

/** Epoch milliseconds of an ISO instant (the sortable twin of a stored `receivedAt`). */
export function epochMs(value: string, what: string): number {
  const time = Date.parse(value);
  if (Number.isNaN(time)) throw new RangeError(`store: ${what} is not an ISO instant: ${value}`);
  return time;
}

/** Columns read back for a StoredCapture, plus the two that order the admin list. */
export const CAPTURE_SELECT =
  'capture_id, site_key, seq, prev_hash, record_hash, body_hash, record, receipt, received_at, purged_at, received_ms, pos';

/** Columns written for a new capture, in the order of `captureValues`. */
export const CAPTURE_COLUMNS = [
  'capture_id',
  'site_key',
  'seq',
  'prev_hash',
  'record_hash',
  'body_hash',
  'kind',
  'record',
  'receipt',
  'received_at',
  'received_ms',
  'phone',
  'email',
  'confirms',
] as const;

/**
 * The row values of a new capture; the addresses are indexed for the admin timeline, and a
 * confirmation names the capture it confirms (retention purges them together).
 */
export function captureValues(
  capture: StoredCapture & { record: ChainRecord; receipt: string },
  recordJson: string = canonicalJson(capture.record),
): unknown[] {
  const { record } = capture;
  return [
    capture.captureId,
    capture.siteKey,
    capture.seq,
    capture.prevHash,
    capture.recordHash,
    capture.bodyHash,
    record.kind,
    recordJson,
    capture.receipt,
    capture.receivedAt,
    epochMs(capture.receivedAt, 'receivedAt'),
    isCaptureRecord(record) ? (record.person.phone ?? null) : null,
    isCaptureRecord(record) ? (record.person.email ?? null) : null,
    record.kind === 'confirmation' ? record.confirms.captureId : null,
  ];
}

/** A captures row as the StoredCapture it holds. */
export function toStoredCapture(row: Row): StoredCapture {
  const record = optional(row.record);
  const receipt = optional(row.receipt);
  const purgedAt = optional(row.purged_at);
  return {
    captureId: text(row.capture_id),
    siteKey: text(row.site_key),
    seq: int(row.seq),
    prevHash: text(row.prev_hash),
    recordHash: text(row.record_hash),
    bodyHash: text(row.body_hash),
    ...(record !== undefined ? { record: JSON.parse(record) as ChainRecord } : {}),
    ...(receipt !== undefined ? { receipt } : {}),
    receivedAt: text(row.received_at),
    ...(purgedAt !== undefined ? { purgedAt } : {}),
  };
}

/** The columns a movement and a mirror entry share, in the order of `consentValues`. */
const CONSENT_COLUMNS = [
  'iys_code',
  'brand_code',
  'recipient_type',
  'type',
  'recipient',
  'status',
  'consent_date',
  'source',
] as const;

/** The row values of one İYS consent's key fields and state, a movement's or a mirror entry's. */
function consentValues(
  c: Pick<MirrorEntry, 'iysCode' | 'brandCode' | 'recipientType' | 'type'> & {
    recipient: string;
    status: string;
    consentDate: string;
    source: string;
  },
): unknown[] {
  return [
    c.iysCode,
    c.brandCode,
    c.recipientType,
    c.type,
    c.recipient,
    c.status,
    c.consentDate,
    c.source,
  ];
}

/** Columns of the outbox, in the order of `movementValues`. */
export const MOVEMENT_COLUMNS = [
  'id',
  'capture_id',
  'movement_key',
  ...CONSENT_COLUMNS,
  'state',
  'attempts',
  'next_attempt_at',
  'deadline',
  'lease_until',
  'transaction_id',
  'creation_date',
  'last_error_code',
  'last_error_message',
] as const;

/** The row values of a movement, checked against the core schema first (a bad one is a bug). */
export function movementValues(movement: Movement, key: string): unknown[] {
  const parsed = Movement.safeParse(movement);
  if (!parsed.success) {
    const where = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new TypeError(`store: movement ${movement.id} is not a valid Movement (${where})`);
  }
  const m = parsed.data;
  return [
    m.id,
    m.captureId,
    key,
    ...consentValues(m),
    m.state,
    m.attempts,
    isoInstant(m.nextAttemptAt, 'nextAttemptAt'),
    isoInstant(m.deadline, 'deadline'),
    m.leaseUntil === undefined ? null : isoInstant(m.leaseUntil, 'leaseUntil'),
    m.transactionId ?? null,
    m.creationDate ?? null,
    m.lastError?.code ?? null,
    m.lastError?.message ?? null,
  ];
}

/** An outbox row as the Movement it holds. */
export function toMovement(row: Row): Movement {
  const errorCode = optional(row.last_error_code);
  return {
    id: text(row.id),
    captureId: text(row.capture_id),
    ...consentColumns(row),
    state: text(row.state) as Movement['state'],
    attempts: int(row.attempts),
    nextAttemptAt: text(row.next_attempt_at),
    deadline: text(row.deadline),
    ...present({
      leaseUntil: optional(row.lease_until),
      transactionId: optional(row.transaction_id),
      creationDate: optional(row.creation_date),
    }),
    ...(errorCode !== undefined
      ? { lastError: { code: errorCode, message: text(row.last_error_message ?? '') } }
      : {}),
  };
}

/** Columns of the consent mirror, in the order of `mirrorValues`. */
export const MIRROR_COLUMNS = ['consent_key', ...CONSENT_COLUMNS, 'updated_at'] as const;

/** The row values of a mirror entry. */
export function mirrorValues(entry: MirrorEntry): unknown[] {
  return [entry.key, ...consentValues(entry), isoInstant(entry.updatedAt, 'updatedAt')];
}

/** The columns a movement and a mirror entry share: one İYS consent's key fields and state. */
function consentColumns(row: Row) {
  return {
    iysCode: int(row.iys_code),
    brandCode: int(row.brand_code),
    recipientType: text(row.recipient_type) as Movement['recipientType'],
    type: text(row.type) as Movement['type'],
    recipient: text(row.recipient),
    status: text(row.status) as Movement['status'],
    consentDate: text(row.consent_date),
    source: text(row.source) as Movement['source'],
  };
}

/** A mirror row as its entry. */
export function toMirrorEntry(row: Row): MirrorEntry {
  return {
    key: text(row.consent_key),
    ...consentColumns(row),
    updatedAt: text(row.updated_at),
  };
}

/** Columns written for a new webhook event, in the order of `eventValues`. */
export const EVENT_COLUMNS = [
  'id',
  'site_key',
  'type',
  'payload',
  'created_at',
  'next_attempt_at',
] as const;

/**
 * The row values of a new webhook event: due at once. The payload is plain JSON: nothing signs or
 * hashes the stored text (a delivery serialises the parsed payload, webhook-request.ts).
 */
export function eventValues(event: WebhookEvent): unknown[] {
  const createdAt = isoInstant(event.createdAt, 'createdAt');
  return [event.id, event.siteKey, event.type, JSON.stringify(event.payload), createdAt, createdAt];
}

/** A webhook_events row as its event. */
export function toWebhookEvent(row: Row): WebhookEvent {
  return {
    id: text(row.id),
    siteKey: text(row.site_key),
    type: text(row.type),
    payload: JSON.parse(text(row.payload)) as unknown,
    createdAt: text(row.created_at),
  };
}

/** Columns of a checkpoint, in the order of `checkpointValues`. */
export const CHECKPOINT_COLUMNS = ['site_key', 'seq', 'hash', 'signed_at', 'jws'] as const;

/** The row values of a checkpoint. */
export function checkpointValues(c: Checkpoint): unknown[] {
  return [c.siteKey, c.seq, c.hash, c.signedAt, c.jws];
}

/** A checkpoints row as its checkpoint. */
export function toCheckpoint(row: Row): Checkpoint {
  return {
    siteKey: text(row.site_key),
    seq: int(row.seq),
    hash: text(row.hash),
    signedAt: text(row.signed_at),
    jws: text(row.jws),
  };
}

/** Keeps the last entry per key (a batch may name a key twice; the later one wins). */
export function lastPerKey<T>(items: readonly T[], keyOf: (item: T) => string): T[] {
  return [...new Map(items.map((item) => [keyOf(item), item])).values()];
}
