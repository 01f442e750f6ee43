// The reconciliation tables' rows (migration 6) as the port's types, and the statements both
// databases share: the same columns and values, so SQLite and PostgreSQL hold identical data.
import { canonicalJson, present } from '@izinli/core';
import type {
  IysChangeRecord,
  LedgerRow,
  ReconciliationDay,
  ReconciliationDifference,
  StoredFile,
  SubscriptionCheck,
} from '../ports/reconciliation-store.js';
import { int, optional, optionalInt } from './store-rows.js';
import type { Row } from './store-rows.js';

export const IYS_CHANGE_COLUMNS = [
  'iys_code',
  'brand_code',
  'transaction_id',
  'creation_date',
  'recipient',
  'recipient_type',
  'type',
  'status',
  'consent_date',
  'source',
  'via',
  'received_at',
] as const;

export function iysChangeValues(r: IysChangeRecord): unknown[] {
  return [
    r.iysCode,
    r.brandCode,
    r.transactionId,
    r.creationDate,
    r.recipient,
    r.recipientType,
    r.type,
    r.status,
    r.consentDate,
    r.source,
    r.via,
    r.receivedAt,
  ];
}

/**
 * izinli's copy of a day, with placeholders `{iysCode}`, `{brandCode}`, `{from}` and `{to}`
 * (the day and the next, as text: İYS's fixed-width dates sort as text). A movement is in the
 * day once delivered with İYS's transactionId; a change once recorded.
 */
export function ledgerSql(p: { iysCode: string; brandCode: string; from: string; to: string }) {
  const day = `iys_code = ${p.iysCode} AND brand_code = ${p.brandCode}
    AND creation_date >= ${p.from} AND creation_date < ${p.to}`;
  return `SELECT creation_date, transaction_id, recipient, recipient_type, type, status,
      consent_date, source, 'delivered' AS origin
    FROM movements WHERE ${day} AND state = 'delivered' AND transaction_id IS NOT NULL
  UNION ALL
  SELECT creation_date, transaction_id, recipient, recipient_type, type, status, consent_date,
      source, via AS origin
    FROM iys_changes WHERE ${day}
  ORDER BY creation_date, transaction_id`;
}

const str = (v: unknown): string => v as string;

export function toLedgerRow(row: Row): LedgerRow {
  return {
    creationDate: str(row.creation_date),
    transactionId: str(row.transaction_id),
    recipient: str(row.recipient),
    recipientType: str(row.recipient_type),
    type: str(row.type),
    status: str(row.status),
    consentDate: str(row.consent_date),
    source: str(row.source),
    origin: str(row.origin) as LedgerRow['origin'],
  };
}

/** The day after a `YYYY-MM-DD` day. */
export function nextDay(day: string): string {
  const ms = Date.parse(`${day}T00:00:00Z`) + 86_400_000;
  return new Date(ms).toISOString().slice(0, 10);
}

export const DAY_COLUMNS = [
  'iys_code',
  'brand_code',
  'day',
  'state',
  'checked_at',
  'iys_rows',
  'izinli_rows',
  'hash',
  'file_sha256',
  'timestamp_sha256',
  'agreed_at',
  'reason',
  'difference_count',
  'differences',
] as const;

export function dayValues(d: ReconciliationDay): unknown[] {
  return [
    d.iysCode,
    d.brandCode,
    d.day,
    d.state,
    d.checkedAt,
    d.iysRows ?? null,
    d.izinliRows ?? null,
    d.hash ?? null,
    d.fileSha256 ?? null,
    d.timestampSha256 ?? null,
    d.agreedAt ?? null,
    d.reason ?? null,
    d.differenceCount,
    canonicalJson(d.differences),
  ];
}

/** `ON CONFLICT` clause replacing every column of a day but its key. */
export const DAY_UPSERT = `ON CONFLICT (iys_code, brand_code, day) DO UPDATE SET ${DAY_COLUMNS.slice(
  3,
)
  .map((c) => `${c} = excluded.${c}`)
  .join(', ')}`;

export function toReconciliationDay(row: Row): ReconciliationDay {
  return {
    iysCode: int(row.iys_code),
    brandCode: int(row.brand_code),
    day: str(row.day),
    state: str(row.state) as ReconciliationDay['state'],
    checkedAt: str(row.checked_at),
    ...present({
      iysRows: optionalInt(row.iys_rows),
      izinliRows: optionalInt(row.izinli_rows),
      hash: optional(row.hash),
      fileSha256: optional(row.file_sha256),
      timestampSha256: optional(row.timestamp_sha256),
      agreedAt: optional(row.agreed_at),
      reason: optional(row.reason),
    }),
    differenceCount: int(row.difference_count),
    differences: JSON.parse(str(row.differences)) as ReconciliationDifference[],
  };
}

export const FILE_COLUMNS = ['sha256', 'media_type', 'size', 'content', 'stored_at'] as const;

export function fileValues(f: StoredFile, at: string): unknown[] {
  return [f.sha256, f.mediaType, f.content.byteLength, Buffer.from(f.content), at];
}

export function toStoredFile(row: Row): StoredFile {
  const content = row.content as Uint8Array;
  return {
    sha256: str(row.sha256),
    mediaType: str(row.media_type),
    content: new Uint8Array(content.buffer, content.byteOffset, content.byteLength),
  };
}

export const SUBSCRIPTION_COLUMNS = [
  'iys_code',
  'checked_at',
  'status',
  'expiration_date',
  'days_left',
  'package_name',
  'warning',
  'error',
] as const;

export const SUBSCRIPTION_UPSERT = `ON CONFLICT (iys_code) DO UPDATE SET ${SUBSCRIPTION_COLUMNS.slice(
  1,
)
  .map((c) => `${c} = excluded.${c}`)
  .join(', ')}`;

export function subscriptionValues(s: SubscriptionCheck): unknown[] {
  return [
    s.iysCode,
    s.checkedAt,
    s.status ?? null,
    s.expirationDate ?? null,
    s.daysLeft ?? null,
    s.packageName ?? null,
    s.warning ?? null,
    s.error ? canonicalJson(s.error) : null,
  ];
}

export function toSubscriptionCheck(row: Row): SubscriptionCheck {
  return {
    iysCode: int(row.iys_code),
    checkedAt: str(row.checked_at),
    ...present({
      status: optional(row.status),
      expirationDate: optional(row.expiration_date),
      daysLeft: optionalInt(row.days_left),
      packageName: optional(row.package_name),
      warning: optional(row.warning) as SubscriptionCheck['warning'],
      error: row.error ? (JSON.parse(str(row.error)) as SubscriptionCheck['error']) : undefined,
    }),
  };
}
