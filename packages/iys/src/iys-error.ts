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
  | 'client'
  | 'invalid-response';

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

const RETRYABLE: Record<IysErrorKind, boolean> = {
  network: true,
  timeout: true,
  'rate-limited': true,
  busy: true,
  server: true,
  'token-locked': true,
  // A rejected credential or request is not fixed by sending it again.
  auth: false,
  client: false,
  // A malformed answer is a contract mismatch: retrying hides it instead of surfacing it.
  'invalid-response': false,
};

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
    this.retryable = RETRYABLE[init.kind];
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
