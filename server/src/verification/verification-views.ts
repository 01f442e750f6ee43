// What the console and the evidence bundle show of a capture's verifications
// (docs/verification.md#in-the-console-and-the-evidence-bundle): each verification without its
// address or secret, each held channel's state, and the chained confirmation records that released
// them. A confirmation record names its capture, not its verification: it is found among the
// site's confirmations chained between the confirmation and the release, and matched by method,
// address hash and confirmation time.
import { isCaptureRecord } from '@izinli/core';
import type { Channel, ConfirmationRecord, HeldMethod } from '@izinli/core';
import type { CaptureStore } from '../store/ports/capture-store.js';
import type { Verification, VerificationStore } from '../store/ports/verification-store.js';
import type { StoredCapture } from '../store/types.js';

/** A verification as the admin API shows it: never its address, code or link. */
export interface VerificationView {
  id: string;
  method: HeldMethod;
  addressKind: 'phone' | 'email';
  state: Verification['state'];
  channels: Channel[];
  sentAt?: string;
  sends: number;
  attempts: number;
  expiresAt?: string;
  holdUntil: string;
  confirmedAt?: string;
  releasedAt?: string;
  /** The chained confirmation record's id, once released. */
  confirmationId?: string;
}

/**
 * Where one held channel stands: `held` (nothing sent or tied yet), `sent` (a code or link is out),
 * `confirmed`, `locked` (too many wrong codes), `expired` (not confirmed in time: nothing went to
 * İYS), `superseded` (a newer capture of the address decided).
 */
export type HeldState = 'held' | 'sent' | 'confirmed' | 'locked' | 'expired' | 'superseded';

export interface HeldChannelView {
  channel: Channel;
  method: HeldMethod;
  state: HeldState;
  /** When it was confirmed (`confirmed`), or when the hold ended or ends (the others). */
  at?: string;
  verificationId?: string;
  confirmationId?: string;
}

/** A confirmed capture may sit a while before release; clocks of several processes may differ. */
const SLACK_MS = 5 * 60_000;

const shift = (iso: string, ms: number) => new Date(Date.parse(iso) + ms).toISOString();

/** The confirmation record of `capture` that `verification` released, among `confirmations`. */
function confirmationOf(
  verification: Verification,
  confirmations: readonly (StoredCapture & { record: ConfirmationRecord })[],
): string | undefined {
  return confirmations.find(
    ({ record }) =>
      record.method === verification.method &&
      record.destinationSha256 === verification.destinationSha256 &&
      record.confirmedAt === verification.confirmedAt,
  )?.captureId;
}

/** The confirmation records chained for `capture` (those in the bundle and the console). */
export async function confirmationsOf(
  store: Pick<CaptureStore, 'listCaptures'>,
  capture: Pick<StoredCapture, 'captureId' | 'siteKey' | 'receivedAt'>,
  verifications: readonly Verification[],
): Promise<(StoredCapture & { record: ConfirmationRecord })[]> {
  const released = verifications.filter((v) => v.releasedAt !== undefined);
  if (released.length === 0) return [];
  // Chained after both the capture and the confirmation, before the release was marked.
  const starts = released.map((v) =>
    [capture.receivedAt, v.confirmedAt ?? capture.receivedAt].sort().at(-1)!,
  );
  const from = shift(starts.sort()[0]!, -SLACK_MS);
  const to = shift(
    released
      .map((v) => v.releasedAt!)
      .sort()
      .at(-1)!,
    SLACK_MS,
  );
  const found: (StoredCapture & { record: ConfirmationRecord })[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.listCaptures({
      siteKeys: [capture.siteKey],
      kind: 'confirmation',
      from,
      to,
      limit: 500,
      ...(cursor ? { cursor } : {}),
    });
    for (const c of page.items) {
      if (c.record?.kind === 'confirmation' && c.record.confirms.captureId === capture.captureId)
        found.push(c as StoredCapture & { record: ConfirmationRecord });
    }
    cursor = page.nextCursor;
  } while (cursor);
  return found.sort((a, b) => a.seq - b.seq);
}

/** `verification` without its address or secret, with its confirmation record's id. */
export function verificationView(
  verification: Verification,
  confirmations: readonly (StoredCapture & { record: ConfirmationRecord })[] = [],
): VerificationView {
  const v = verification;
  const confirmationId = confirmationOf(v, confirmations);
  return {
    id: v.id,
    method: v.method,
    addressKind: v.addressKind,
    state: v.state,
    channels: v.channels,
    ...(v.sentAt !== undefined ? { sentAt: v.sentAt } : {}),
    sends: v.sends,
    attempts: v.attempts,
    ...(v.expiresAt !== undefined ? { expiresAt: v.expiresAt } : {}),
    holdUntil: v.holdUntil,
    ...(v.confirmedAt !== undefined ? { confirmedAt: v.confirmedAt } : {}),
    ...(v.releasedAt !== undefined ? { releasedAt: v.releasedAt } : {}),
    ...(confirmationId !== undefined ? { confirmationId } : {}),
  };
}

// The verification that speaks for a channel when several did (a link resent, a code retried).
const RANK: Record<Verification['state'], number> = {
  confirmed: 0,
  pending: 1,
  locked: 2,
  expired: 3,
  superseded: 4,
};

/** Each held channel of `record` with where its confirmation stands. */
export function heldChannelViews(
  record: StoredCapture['record'],
  verifications: readonly VerificationView[],
): HeldChannelView[] {
  if (!record || !isCaptureRecord(record)) return [];
  return record.channels.flatMap((c): HeldChannelView[] => {
    if (!c.verify) return [];
    const [v] = verifications
      .filter((v) => v.channels.includes(c.type))
      .sort((a, b) => RANK[a.state] - RANK[b.state]);
    if (!v) return [{ channel: c.type, method: c.verify, state: 'held' }];
    const state: HeldState =
      v.state === 'pending' ? (v.sentAt !== undefined ? 'sent' : 'held') : v.state;
    const at = v.state === 'confirmed' ? v.confirmedAt : v.holdUntil;
    return [
      {
        channel: c.type,
        method: v.method,
        state,
        ...(at !== undefined ? { at } : {}),
        verificationId: v.id,
        ...(v.confirmationId !== undefined ? { confirmationId: v.confirmationId } : {}),
      },
    ];
  });
}

/** Whether `record` holds any channel for confirmation (only then has it verifications). */
export const holdsChannels = (record: StoredCapture['record']): boolean =>
  record !== undefined && isCaptureRecord(record) && record.channels.some((c) => c.verify);

/** A capture's verifications as views, with their confirmation records (none when it holds none). */
export async function captureVerifications(
  store: Pick<CaptureStore, 'listCaptures'> & Pick<VerificationStore, 'verificationsOf'>,
  capture: StoredCapture,
): Promise<{
  verifications: VerificationView[];
  confirmations: (StoredCapture & { record: ConfirmationRecord })[];
}> {
  if (!holdsChannels(capture.record)) return { verifications: [], confirmations: [] };
  const rows = await store.verificationsOf(capture.captureId);
  const confirmations = await confirmationsOf(store, capture, rows);
  return { verifications: rows.map((v) => verificationView(v, confirmations)), confirmations };
}
