// How İYS's answer to one add ends the attempt (docs/architecture.md#delivery): delivered, settled as
// already current (H174), dead with İYS's code and message, or retried later with backoff.
import type { IysAddConsentResponse, Movement, Result } from '@izinli/core';
import { backoffDelay } from '@izinli/iys';
import type { IysError } from '@izinli/iys';
import type { IysAccountCause } from '../store/ports/account-store.js';
import type { MovementOutcome } from '../store/ports/movement-store.js';
import type { MirrorEntry } from '../store/store.js';
import { mirrorEntryOf } from './pre-validate.js';

/** Retry pacing: full-jitter exponential backoff, injected randomness. */
export interface RetryPolicy {
  baseMs: number;
  maxMs: number;
  random: () => number;
}

/** The default pacing: from up to 1 s, doubling, at most 5 minutes. */
export const DEFAULT_RETRY: Omit<RetryPolicy, 'random'> = { baseMs: 1000, maxMs: 300_000 };

/** An attempt's end plus the mirror entry to apply with it. */
export interface AttemptEnd {
  outcome: MovementOutcome;
  mirror?: MirrorEntry;
  /**
   * Set when İYS refused the whole account, not this consent (a closed subscription, a gateway, a
   * token cap): the movement waits, never dead, and the worker pauses the account.
   */
  account?: IysAccountCause;
}

/** The account-level cause of a failure, when it is one (`category: 'account'`). */
export function accountCause(error: IysError): IysAccountCause | undefined {
  if (error.category !== 'account') return undefined;
  return {
    code: error.code ?? error.kind,
    message: error.message.slice(0, 2000),
    status: error.status,
  };
}

/** When a movement held back by an account failure may go again: now, or after İYS's lock. */
export function afterAccountFailure(error: IysError, now: Date): string {
  const floor = Math.max(error.retryAfterMs ?? 0, (error.retryAt ?? 0) - now.getTime(), 0);
  return new Date(now.getTime() + floor).toISOString();
}

/** When a failed attempt may run again: backoff, never before İYS's Retry-After or token lock. */
export function retryAt(m: Movement, error: IysError, policy: RetryPolicy, now: Date): string {
  const base = policy.baseMs * (error.kind === 'auth' ? 30 : 1);
  const delay = backoffDelay(m.attempts, { ...policy, baseMs: base });
  const floor = Math.max(error.retryAfterMs ?? 0, (error.retryAt ?? 0) - now.getTime(), 0);
  return new Date(now.getTime() + Math.max(delay, floor)).toISOString();
}

/** Attempts a 4xx without an İYS code gets before its movement is dead-lettered. */
export const UNNAMED_REJECTION_ATTEMPTS = 5;

const unnamed = (error: IysError) => error.sent && error.status >= 400 && error.codes.length === 0;

/** The end of an attempt that sent `m` and got `answer`. */
export function sendOutcome(
  m: Movement,
  answer: Result<IysAddConsentResponse, IysError>,
  policy: RetryPolicy,
  now: Date,
): AttemptEnd {
  if (answer.ok) {
    const { transactionId, creationDate } = answer.value;
    return {
      outcome: { state: 'delivered', transactionId, creationDate },
      mirror: mirrorEntryOf(m, now),
    };
  }
  const error = answer.error;
  const code = error.code ?? error.problems[0]?.code ?? error.kind;
  const reason = { code, message: error.message.slice(0, 2000) };
  const account = accountCause(error);
  if (account) {
    return {
      outcome: { state: 'pending', nextAttemptAt: afterAccountFailure(error, now), error: reason },
      account,
    };
  }
  switch (error.category) {
    case 'already':
      return { outcome: { state: 'already-current', reason }, mirror: mirrorEntryOf(m, now) };
    case 'rejected':
      // A 4xx naming no İYS code is not İYS's verdict (a gateway in front of it, or a garbled
      // body): sent again a few times before it is a dead letter, since İYS may well accept it.
      if (unnamed(error) && m.attempts + 1 < UNNAMED_REJECTION_ATTEMPTS) {
        return {
          outcome: {
            state: 'pending',
            nextAttemptAt: retryAt(m, error, policy, now),
            error: reason,
          },
        };
      }
      return { outcome: { state: 'dead', error: reason } };
    default:
      // retryable and invalid-response (which may hide a success): v2 answers an identical replay
      // with the same transactionId, so sending again is safe.
      return {
        outcome: { state: 'pending', nextAttemptAt: retryAt(m, error, policy, now), error: reason },
      };
  }
}
