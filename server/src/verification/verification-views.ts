// What the console and the evidence bundle show of a capture's verifications
// (docs/verification.md#in-the-console-and-the-evidence-bundle): each verification without its
// address or secret, each held channel's state, and the chained confirmation records that released
// them. A confirmation record's id derives from its verification's (`confirmationId`), so each
// released verification names its record.
import { isCaptureRecord } from '@izinli/core';
import type { Channel, ConfirmationRecord, HeldMethod } from '@izinli/core';
import { confirmationId } from '../capture/seal-confirmation.js';
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

type Confirmation = StoredCapture & { record: ConfirmationRecord };

/** The confirmation records chained for `capture` by its released verifications. */
export async function confirmationsOf(
  store: Pick<CaptureStore, 'getCapture'>,
  capture: Pick<StoredCapture, 'captureId'>,
  verifications: readonly Verification[],
): Promise<Confirmation[]> {
  const found: Confirmation[] = [];
  for (const v of verifications) {
    if (v.releasedAt === undefined) continue;
    const stored = await store.getCapture(confirmationId(v.id));
    if (
      stored?.record?.kind === 'confirmation' &&
      stored.record.confirms.captureId === capture.captureId
    )
      found.push(stored as Confirmation);
  }
  return found.sort((a, b) => a.seq - b.seq);
}

/** `verification` without its address or secret, with its confirmation record's id once released. */
export function verificationView(verification: Verification): VerificationView {
  const v = verification;
  // Released means chained: the record was stored before the release was marked.
  const confirmed = v.releasedAt !== undefined ? confirmationId(v.id) : undefined;
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
    ...(confirmed !== undefined ? { confirmationId: confirmed } : {}),
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
  store: Pick<CaptureStore, 'getCapture'> & Pick<VerificationStore, 'verificationsOf'>,
  capture: StoredCapture,
): Promise<{ verifications: VerificationView[]; confirmations: Confirmation[] }> {
  if (!holdsChannels(capture.record)) return { verifications: [], confirmations: [] };
  const rows = await store.verificationsOf(capture.captureId);
  const confirmations = await confirmationsOf(store, capture, rows);
  return { verifications: rows.map((v) => verificationView(v)), confirmations };
}
