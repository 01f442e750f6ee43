import { normalizeIysCode, type IysErrorEntry } from '@izinli/core';
import { IysError, type IysErrorKind } from './iys-error.js';
import { parseRetryAfter } from './retry-after.js';

/** An HTTP answer as the transport read it: `body` is the parsed JSON, or undefined. */
export interface IysAnswer {
  status: number;
  headers: Headers;
  /** Parsed JSON body; `undefined` when the body was empty or not JSON. */
  body: unknown;
  /** True when a non-empty body failed to parse as JSON. */
  malformed: boolean;
  /** The raw body of a 2xx answer read as bytes (`read: 'bytes'`). */
  bytes?: Uint8Array;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The `errors` entries of an İYS error body, or the OAuth `{error, error_description}` pair. Read
 * leniently, field by field (a missing code or message becomes `''`): an error body off İYS's
 * documented shape must still become a classified IysError, never a confusing "invalid response".
 */
export function errorEntries(body: unknown): IysErrorEntry[] {
  if (!isRecord(body)) return [];
  if (Array.isArray(body.errors)) {
    return body.errors.filter(isRecord).map((raw) => {
      // İYS's own examples misspell the key as "code:"; keep the code rather than lose it.
      const code = raw.code ?? raw['code:'];
      const out: IysErrorEntry = {
        // Some documented examples send the code as a number (`48`): read it as `H048`.
        code:
          typeof code === 'string' ||
          (typeof code === 'number' && Number.isSafeInteger(code) && code >= 0)
            ? normalizeIysCode(code)
            : '',
        message: typeof raw.message === 'string' ? raw.message : '',
      };
      if (Array.isArray(raw.location)) {
        out.location = raw.location.filter(
          (p): p is string | number => typeof p === 'string' || typeof p === 'number',
        );
      }
      if (raw.value !== undefined) out.value = raw.value;
      if (typeof raw.index === 'number' && Number.isInteger(raw.index)) out.index = raw.index;
      return out;
    });
  }
  if (typeof body.error === 'string') {
    const message = typeof body.error_description === 'string' ? body.error_description : '';
    return [{ code: body.error, message }];
  }
  return [];
}

/** Per-second limits (H124, older H083) and the hourly ones of status (H086) and history (H089). */
const RATE_LIMIT_CODES = new Set(['H124', 'H083', 'H086', 'H089']);

/**
 * The account's standing, not one consent (docs/iys.md#account-failures): subscription paused or
 * expired (H520), closed (H521), missing (H524, and the query's H437), no API package (H586), the
 * package's address quota used up (H525), wrong credentials (H251).
 */
export const ACCOUNT_CODES: ReadonlySet<string> = new Set([
  'H520',
  'H521',
  'H524',
  'H437',
  'H586',
  'H525',
  'H251',
]);

/** 403 codes about one consent's content (a retailer code), not the account. */
const CONSENT_FORBIDDEN_CODES = new Set(['H180']);

/** The kind of failure an HTTP status and first İYS code mean (docs/iys.md#limits, docs/iys.md#rules). */
export function kindOf(status: number, code: string | undefined): IysErrorKind {
  if (code === 'H084') return 'token-locked';
  if (code !== undefined && ACCOUNT_CODES.has(code)) return 'account';
  if (status === 429 || (code !== undefined && RATE_LIMIT_CODES.has(code))) return 'rate-limited';
  if (code === 'H123') return 'busy';
  if (code === 'H174' && status < 500) return 'already';
  if (status === 408) return 'timeout';
  if (status >= 500) return 'server';
  if (status === 401) return 'auth';
  // A 403 not about one consent (H353: iysCode or brandCode not this account's; a bare 403).
  if (status === 403 && !(code !== undefined && CONSENT_FORBIDDEN_CODES.has(code)))
    return 'account';
  if (status >= 400) return 'rejected';
  return 'invalid-response';
}

/** Turns a non-success answer into a classified `IysError`. */
export function iysErrorFromAnswer(
  answer: IysAnswer,
  context: { now: number; operation: string },
): IysError {
  const errors = errorEntries(answer.body);
  const code = errors.find((e) => e.code !== '')?.code;
  const retryAfterMs = parseRetryAfter(answer.headers.get('retry-after'), context.now);
  let kind = kindOf(answer.status, code);
  // "Already current" only when H174 is all İYS objects to; any other code is a real rejection.
  if (kind === 'already' && errors.some((e) => e.code !== '' && e.code !== 'H174')) {
    kind = 'rejected';
  }
  // A 4xx that is not JSON never came from İYS: a gateway in front of it (an IP off the whitelist).
  if (answer.status >= 400 && answer.status < 500 && errors.length === 0 && answer.malformed) {
    if (kind === 'rejected' || kind === 'account' || kind === 'auth') kind = 'gateway';
  }
  return new IysError({
    kind,
    status: answer.status,
    errors,
    ...(code !== undefined ? { code } : {}),
    ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
    operation: context.operation,
    sent: true,
    ...(errors.length === 0 && answer.malformed
      ? {
          detail: `the error body is not JSON (${answer.headers.get('content-type') ?? 'no type'})`,
        }
      : {}),
  });
}
