import type { IysErrorEntry, Problem } from '@izinli/core';

/** What went wrong with an İYS call, in the terms a delivery worker acts on. */
export type IysErrorKind =
  | 'network'
  | 'timeout'
  | 'rate-limited'
  | 'busy'
  | 'server'
  | 'auth'
  | 'token-locked'
  /** İYS (or our local twin check) refused the request: validation or a business rule; see `code`. */
  | 'rejected'
  /** `H174`: the record already has this status; the consent is current, nothing to send. */
  | 'already'
  /**
   * The account, not the consent: subscription paused, expired, closed or missing (H520, H521,
   * H524), no API package (H586), address quota used up (H525), a 403 naming no consent field.
   */
  | 'account'
  /** A non-JSON 4xx from a gateway in front of İYS, e.g. an HTML 403 for an IP off its whitelist. */
  | 'gateway'
  | 'invalid-response';

/**
 * The delivery worker's classes: `retryable` (transient: retry later), `account` (the account
 * cannot send anything now: credentials, the token cap, subscription, quota, whitelist — pause the
 * account's whole queue, alert an operator, and retry only after `retryAt` or a fix; never settle
 * a consent on it), `rejected` (this consent: settle as rejected), `already` (settle as already
 * current), plus `invalid-response`: an answer off İYS's contract, which may hide a success, so it
 * is neither retried nor settled blindly.
 */
export type IysErrorCategory =
  'retryable' | 'account' | 'rejected' | 'already' | 'invalid-response';

/** Everything an `IysError` is built from; `retryable` and `message` are derived. */
export interface IysErrorInit {
  kind: IysErrorKind;
  /** HTTP status; 0 when no answer came (network, timeout, token lock, or rejected before sending). */
  status: number;
  code?: string;
  /** İYS's `errors` entries; `value` may hold personal data (a recipient), so never log it. */
  errors?: IysErrorEntry[];
  retryAfterMs?: number;
  /** Epoch ms before which asking again is pointless (set with `token-locked`). */
  retryAt?: number;
  /** Why a request was refused before sending, or why an answer did not match its schema. */
  problems?: Problem[];
  /** The client call that failed, e.g. `addConsent`; never holds personal data. */
  operation?: string;
  /** Whether a request reached the wire (false for local checks and the token lock). */
  sent?: boolean;
  /** A short description when İYS gave none (e.g. the network error's text). */
  detail?: string;
  cause?: unknown;
}

const CATEGORY: Record<IysErrorKind, IysErrorCategory> = {
  network: 'retryable',
  timeout: 'retryable',
  'rate-limited': 'retryable',
  busy: 'retryable',
  server: 'retryable',
  // The account's token cap: nothing of the account goes before `retryAt` (İYS restarts its hour).
  'token-locked': 'account',
  // Credentials İYS refuses (or a token refused twice) stop every call of the account alike.
  auth: 'account',
  account: 'account',
  gateway: 'account',
  rejected: 'rejected',
  // Sending it again would get H174 again: the worker settles it as already current.
  already: 'already',
  // A malformed answer is a contract mismatch: retrying hides it instead of surfacing it.
  'invalid-response': 'invalid-response',
};

/** The delivery worker's class of a failure kind. */
export function categoryOf(kind: IysErrorKind): IysErrorCategory {
  return CATEGORY[kind];
}

/**
 * A failed İYS call, classified. `message` names the operation, status and İYS codes and messages,
 * never the recipient or any `value` İYS echoes back.
 */
export class IysError extends Error {
  override readonly name = 'IysError';
  readonly kind: IysErrorKind;
  readonly status: number;
  readonly code: string | undefined;
  readonly errors: IysErrorEntry[];
  /** What the delivery worker does with it; `retryable` is `category === 'retryable'`. */
  readonly category: IysErrorCategory;
  readonly retryable: boolean;
  readonly retryAfterMs: number | undefined;
  readonly retryAt: number | undefined;
  readonly problems: Problem[];
  readonly operation: string | undefined;
  readonly sent: boolean;

  constructor(init: IysErrorInit) {
    super(describe(init), init.cause === undefined ? undefined : { cause: init.cause });
    this.kind = init.kind;
    this.status = init.status;
    this.errors = init.errors ?? [];
    this.code = init.code ?? (this.errors.find((e) => e.code !== '')?.code || undefined);
    this.category = CATEGORY[init.kind];
    this.retryable = this.category === 'retryable';
    this.retryAfterMs = init.retryAfterMs;
    this.retryAt = init.retryAt;
    this.problems = init.problems ?? [];
    this.operation = init.operation;
    this.sent = init.sent ?? init.status !== 0;
  }

  /** Every İYS code in the answer, in order, e.g. `['H160', 'H121']`. */
  get codes(): string[] {
    return this.errors.flatMap((e) => (e.code === '' ? [] : [e.code]));
  }
}

function describe(init: IysErrorInit): string {
  const head = `${init.operation ?? 'İYS'}: ${init.kind}${init.status ? ` (HTTP ${init.status})` : ''}`;
  const entries = (init.errors ?? []).map((e) => {
    const at = e.index === undefined ? '' : `[${e.index}] `;
    return `${at}${e.code || '?'} ${redact(e.message)}`.trim();
  });
  if (entries.length === 0 && init.code) entries.push(init.code);
  for (const p of init.problems ?? [])
    entries.push(`${p.code} at ${p.path.join('.') || '(input)'}`);
  if (init.detail) entries.push(redact(init.detail));
  return entries.length ? `${head}: ${entries.join('; ')}` : head;
}

const EMAIL = /[^\s@"'<>]+@[^\s@"'<>]+\.[^\s@"'<>]+/g;
const PHONE = /\+?\d[\d ]{8,}\d/g;

/** İYS's messages hold no recipients today; this keeps it so if one ever echoes an address. */
export function redact(text: string): string {
  return text.replace(EMAIL, '<e-posta>').replace(PHONE, '<telefon>');
}
