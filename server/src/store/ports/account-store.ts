// The İYS account port: whether each İYS account is paused (a closed subscription, a gateway that
// refuses us, a token cap) and the account's shared token, so every worker and every instance on
// the database sees the same pause and asks İYS for one token, not one each.
import type { StoredToken } from '@izinli/iys';
import type { WebhookEvent } from '../types.js';

/** Why an account is paused: İYS's code (or the failure's kind), its message and HTTP status. */
export interface IysAccountCause {
  code: string;
  message: string;
  status: number;
}

/** One İYS account's delivery state; an account never paused has no row and is active. */
export interface IysAccountRow {
  iysCode: number;
  state: 'active' | 'paused';
  /** The failure that paused it (kept after a resume, for the record). */
  cause?: IysAccountCause;
  pausedAt?: string;
  /** While paused: when the next probe may ask İYS again. */
  nextProbeAt?: string;
  /** Probes that failed since the pause (sizes the probe's backoff). */
  probes: number;
  updatedAt: string;
}

/** What `pauseIysAccount` writes. */
export interface AccountPause {
  iysCode: number;
  cause: IysAccountCause;
  at: string;
  nextProbeAt: string;
  /** Written only when this call pauses an active account (`iys.account_paused`, per site). */
  events: readonly WebhookEvent[];
}

/** What `resumeIysAccount` writes. */
export interface AccountResume {
  iysCode: number;
  at: string;
  /** Written only when this call resumes a paused account (`iys.account_resumed`, per site). */
  events: readonly WebhookEvent[];
}

/** A token request to count against an account's budget (`reserveIysTokenGrant`). */
export interface TokenGrantRequest {
  iysCode: number;
  /** When it would be sent, epoch ms. */
  atMs: number;
  /** Most requests in any `windowMs` (İYS: per hour). */
  budget: number;
  windowMs: number;
}

/** Whether the request was counted; the requests in the window ending at `atMs`, it included. */
export type TokenGrantReservation =
  | { granted: true; count: number }
  /** Refused: `freeAt` (epoch ms) is when enough counted requests have left the window. */
  | { granted: false; count: number; freeAt: number };

/** İYS accounts' delivery state and tokens. */
export interface AccountStore {
  /** Every account with a row, by iysCode. */
  iysAccounts(): Promise<IysAccountRow[]>;
  /**
   * Pauses an account, or (already paused) records the failed probe: its cause, the probe count
   * plus one and the next probe. True when this call paused it; its events are written then only.
   */
  pauseIysAccount(pause: AccountPause): Promise<boolean>;
  /** Resumes a paused account; true when this call resumed it (its events are written then). */
  resumeIysAccount(resume: AccountResume): Promise<boolean>;
  /** The account's stored İYS token (and H084 lock), if any. */
  iysToken(iysCode: number): Promise<StoredToken | undefined>;
  setIysToken(iysCode: number, token: StoredToken, at: string): Promise<void>;
  /**
   * Counts a token request unless `budget` requests of the account are already counted in the
   * window ending at `atMs`; atomic across instances, so together they never exceed it. Requests
   * older than the window are forgotten.
   */
  reserveIysTokenGrant(request: TokenGrantRequest): Promise<TokenGrantReservation>;
  /** How many token requests of the account are counted after `sinceMs` (the metric). */
  iysTokenGrants(iysCode: number, sinceMs: number): Promise<number>;
}
