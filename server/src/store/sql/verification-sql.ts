// The rows of the verifications table both dialects share (ports/verification-store.ts declares
// the port; sqlite/verifications.ts and postgres/verifications.ts run it): the columns, the values
// a Verification writes, and the Verification a row reads back as.
import { present } from '@izinli/core';
import type { Channel, HeldMethod, SupportedLocale } from '@izinli/core';
import type { CaptureWrite } from '../ports/capture-store.js';
import type { Verification, VerificationState } from '../ports/verification-store.js';
import { int, isoInstant, optional } from './store-rows.js';
import type { Row } from './store-rows.js';

/** Columns of a verification, in the order of `verificationValues`. */
export const VERIFICATION_COLUMNS = [
  'id',
  'site_key',
  'method',
  'address_kind',
  'destination',
  'destination_sha256',
  'locale',
  'secret_hash',
  'created_at',
  'sent_at',
  'sends',
  'expires_at',
  'hold_until',
  'attempts',
  'state',
  'capture_id',
  'channels',
  'confirmed_at',
  'ip',
  'user_agent',
  'released_at',
] as const;

/** The columns read back, comma-separated. */
export const VERIFICATION_SELECT = VERIFICATION_COLUMNS.join(', ');

/**
 * A verification that may still release held channels: pending, locked (a new code reopens it),
 * or confirmed and not yet released. `v` is the table's alias.
 */
export const OPEN = "v.state IN ('pending', 'locked', 'confirmed') AND v.released_at IS NULL";

const instant = (value: string | undefined, what: string) =>
  value === undefined ? null : isoInstant(value, what);

/** The row values of a verification; instants as fixed-width UTC text, channels as JSON. */
export function verificationValues(v: Verification): unknown[] {
  return [
    v.id,
    v.siteKey,
    v.method,
    v.addressKind,
    v.destination ?? null,
    v.destinationSha256,
    v.locale,
    v.secretHash ?? null,
    isoInstant(v.createdAt, 'createdAt'),
    instant(v.sentAt, 'sentAt'),
    v.sends,
    instant(v.expiresAt, 'expiresAt'),
    isoInstant(v.holdUntil, 'holdUntil'),
    v.attempts,
    v.state,
    v.captureId ?? null,
    JSON.stringify(v.channels),
    instant(v.confirmedAt, 'confirmedAt'),
    v.ip ?? null,
    v.userAgent ?? null,
    instant(v.releasedAt, 'releasedAt'),
  ];
}

/** A verifications row as its Verification (absent columns as absent fields). */
export function toVerification(row: Row): Verification {
  return {
    id: row.id as string,
    siteKey: row.site_key as string,
    method: row.method as HeldMethod,
    addressKind: row.address_kind as Verification['addressKind'],
    destinationSha256: row.destination_sha256 as string,
    locale: row.locale as SupportedLocale,
    createdAt: row.created_at as string,
    sends: int(row.sends),
    holdUntil: row.hold_until as string,
    attempts: int(row.attempts),
    state: row.state as VerificationState,
    channels: JSON.parse(row.channels as string) as Channel[],
    ...present({
      destination: optional(row.destination),
      secretHash: optional(row.secret_hash),
      sentAt: optional(row.sent_at),
      expiresAt: optional(row.expires_at),
      captureId: optional(row.capture_id),
      confirmedAt: optional(row.confirmed_at),
      ip: optional(row.ip),
      userAgent: optional(row.user_agent),
      releasedAt: optional(row.released_at),
    }),
  };
}

/** Verifications in the order the port promises (oldest first); RETURNING gives none. */
export function byPosition(rows: readonly Row[]): Verification[] {
  return [...rows].sort((a, b) => int(a.pos) - int(b.pos)).map(toVerification);
}

/**
 * The verifications a batch of writes inserts, in order; one that a later write of the same batch
 * supersedes is inserted superseded already (one statement cannot see the rows it inserts).
 */
export function batchVerifications(writes: readonly CaptureWrite[]): Verification[] {
  return writes.flatMap((write, i) =>
    (write.verifications ?? []).map((v) => {
      const later = writes
        .slice(i + 1)
        .some(
          (w) =>
            w.capture.siteKey === v.siteKey &&
            (w.supersedes ?? []).some(
              (s) =>
                s.destinationSha256 === v.destinationSha256 &&
                s.channels.some((c) => v.channels.includes(c)),
            ),
        );
      if (!later) return v;
      const { destination: _dropped, ...rest } = v;
      return { ...rest, state: 'superseded' as const };
    }),
  );
}

/** The supersede keys of some writes, as the rows `supersedeMany` reads. */
export function supersedeRows(writes: readonly CaptureWrite[]): string {
  return JSON.stringify(
    writes.flatMap((w) =>
      (w.supersedes ?? [])
        .filter((s) => s.channels.length > 0)
        .map((s) => ({
          site_key: w.capture.siteKey,
          destination_sha256: s.destinationSha256,
          channels: s.channels,
          capture_id: w.capture.captureId,
        })),
    ),
  );
}
