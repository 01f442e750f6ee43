// The verification port (docs/verification.md): one row per code or link sent to confirm that the
// owner of an address agreed. The address itself is kept only while the verification is open (to
// send and resend); its hash stays, and the confirmation record carries that hash into the chain.
import type { Channel, HeldMethod, SupportedLocale } from '@izinli/core';
import type { WebhookEvent } from '../types.js';

/**
 * `pending`: sent (or about to be), not confirmed; `confirmed`: the code or link was confirmed;
 * `expired`: not confirmed within the hold (nothing goes to İYS); `locked`: too many wrong codes;
 * `superseded`: a newer capture of the same site, channel and address replaced it.
 */
export type VerificationState = 'pending' | 'confirmed' | 'expired' | 'locked' | 'superseded';

export interface Verification {
  id: string;
  siteKey: string;
  method: HeldMethod;
  addressKind: 'phone' | 'email';
  /** The normalised address (E.164 or İYS e-mail); removed once the verification is settled. */
  destination?: string;
  /** SHA-256 (hex) of the normalised address. */
  destinationSha256: string;
  locale: SupportedLocale;
  /** SHA-256 (hex) of the current code or link token; absent until the first send makes one. */
  secretHash?: string;
  createdAt: string;
  /** When the current code or link was sent; absent while a send is due. */
  sentAt?: string;
  /** Codes or links made so far (the first included). */
  sends: number;
  /** When the current code or link stops working. */
  expiresAt?: string;
  /** When the whole verification expires unconfirmed (the site's `holdHours`). */
  holdUntil: string;
  /** Wrong codes typed for the current code (a new code starts again at 0). */
  attempts: number;
  state: VerificationState;
  /** The capture whose held channels this releases, once known. */
  captureId?: string;
  /** The held channels it releases (those of `captureId` with this address). */
  channels: Channel[];
  confirmedAt?: string;
  /** The confirming request's, under the site's IP policy (B10). */
  ip?: string;
  userAgent?: string;
  /** When the confirmation record was chained (its movements queued). */
  releasedAt?: string;
}

/**
 * An address and channels a new record decides anew: open verifications of its site for them,
 * tied to older captures, are superseded in the record's own write (`CaptureWrite.supersedes`).
 */
export interface VerificationSupersede {
  destinationSha256: string;
  channels: Channel[];
}

/** What confirming records about the request. */
export interface ConfirmFacts {
  at: string;
  ip?: string;
  userAgent?: string;
}

/** Verifications: created by the widget (code) or with a capture (link), sent, tried, settled. */
export interface VerificationStore {
  insertVerification(verification: Verification): Promise<void>;
  verification(id: string): Promise<Verification | undefined>;
  /** The verifications that release `captureId`'s held channels. */
  verificationsOf(captureId: string): Promise<Verification[]>;
  /**
   * Ties an open or confirmed code verification to the capture that names it, with the held
   * channels it releases; undefined (and nothing changed) when it is not of `siteKey` or already
   * tied to another capture.
   */
  attachCapture(
    id: string,
    siteKey: string,
    captureId: string,
    channels: readonly Channel[],
  ): Promise<Verification | undefined>;
  /**
   * A new code or link: its hash and end; counts a send and clears `sentAt` until it goes out.
   * Each code gets its own tries: `attempts` starts again at 0, and a locked verification is
   * pending again. Undefined when it is neither pending nor locked.
   */
  renewSecret(id: string, secretHash: string, expiresAt: string): Promise<Verification | undefined>;
  markSent(id: string, at: string): Promise<void>;
  /** Pending verifications with a send due (no `sentAt`), oldest first. */
  dueSends(limit: number): Promise<Verification[]>;
  /** One wrong code, atomically; the verification locks when `attempts` reaches `maxAttempts`. */
  recordWrongCode(id: string, maxAttempts: number): Promise<Verification | undefined>;
  /** Pending → confirmed, once; undefined when it was not pending. */
  confirmVerification(id: string, facts: ConfirmFacts): Promise<Verification | undefined>;
  /** Confirmed, tied to a capture, and not yet released: the confirmation records to chain. */
  dueReleases(limit: number): Promise<Verification[]>;
  /** The confirmation record was chained; the address is dropped. */
  markReleased(id: string, at: string): Promise<void>;
  /**
   * Pending past `holdUntil` → expired, address dropped; returns those it expired. A confirmed code
   * that no capture named within the hold expires too: nothing will ever release it. `event`,
   * when given, makes each expired verification's webhook event (`verification.expired`), written
   * in the same transaction.
   */
  expireDue(
    now: string,
    limit: number,
    event?: (verification: Verification) => WebhookEvent,
  ): Promise<Verification[]>;
  /**
   * Open verifications (pending, locked, or confirmed and not released) of the same site and
   * address for any of `channels`, tied to a capture other than `captureId`, become `superseded`
   * with their address dropped (a newer capture decides); returns them. A verification tied to no
   * capture yet is left alone: the capture that names it may be this very one.
   */
  supersede(
    siteKey: string,
    destinationSha256: string,
    channels: readonly Channel[],
    captureId: string,
  ): Promise<Verification[]>;
}
