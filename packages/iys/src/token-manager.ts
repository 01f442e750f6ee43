import {
  IYS_LIMITS,
  IysTokenResponse,
  err,
  iysPaths,
  ok,
  present,
  problemsFromZod,
  type Result,
} from '@izinli/core';
import { iysErrorFromAnswer } from './classify-response.js';
import { IysError } from './iys-error.js';
import type { StoredToken, TokenStore } from './token-store.js';
import type { Transport } from './transport.js';

/** Options of `createTokenManager`. */
export interface TokenManagerOptions {
  transport: Transport;
  username: string;
  password: string;
  store: TokenStore;
  now: () => number;
  /**
   * Renew once this little life is left (default: 5 minutes, well before İYS's 2-hour expiry). For a token living
   * less than twice this, half its life is used instead, so it is not renewed on every call.
   */
  refreshMarginMs?: number;
  /** How long to ask for no token after `H084` (default: one hour, İYS's rule). */
  lockMs?: number;
}

/** Hands out İYS access tokens: cached, renewed early, single-flight, halted after `H084`. */
export interface TokenManager {
  /**
   * A usable access token. Pass `rejected` with a token İYS just refused (401 `H351`) to force a
   * renewal unless another caller already replaced it.
   */
  getAccessToken(options?: { rejected?: string }): Promise<Result<string, IysError>>;
}

const FIVE_MINUTES = 5 * 60_000;
const ONE_HOUR = 60 * 60_000;
const OPERATION = 'token';

type Grant =
  | { grant_type: 'password'; username: string; password: string }
  | { grant_type: 'refresh_token'; refresh_token: string };

/** Creates the token lifecycle of one İYS account (docs/iys.md#identity). */
export function createTokenManager(options: TokenManagerOptions): TokenManager {
  const { transport, store, now } = options;
  const margin = options.refreshMarginMs ?? FIVE_MINUTES;
  const lockMs = options.lockMs ?? ONE_HOUR;
  let inflight: Promise<Result<string, IysError>> | undefined;

  // A margin as long as the token's life would renew it on every call, and many token requests
  // trip İYS's hour-long H084 lock: so a short-lived token keeps at least half its life.
  const marginOf = (token: StoredToken): number =>
    token.issuedAt === undefined
      ? margin
      : Math.min(margin, (token.expiresAt - token.issuedAt) / 2);

  /** The stored access token if it may still be sent at all (the margin aside). */
  const stillValid = (token: StoredToken | undefined, rejected: string | undefined, t: number) =>
    token !== undefined &&
    token.accessToken !== '' &&
    token.accessToken !== rejected &&
    token.expiresAt > t
      ? token.accessToken
      : undefined;

  async function request(grant: Grant): Promise<Result<StoredToken, IysError>> {
    const sentAt = now();
    // The account's budget of token requests per hour, counted for every instance: a request it
    // refuses is never sent, so İYS's hour is never started over.
    const reservation = await store.reserveGrant?.(sentAt);
    if (reservation?.granted === false) {
      const detail = `the account's hourly token budget is spent: token requests halted until ${new Date(reservation.freeAt).toISOString()}`;
      return err(lockedError(0, reservation.freeAt, sentAt, undefined, detail));
    }
    const answer = await transport.send({
      method: 'POST',
      path: iysPaths.token(),
      body: grant,
      operation: OPERATION,
    });
    if (!answer.ok) return answer;
    const { status, body } = answer.value;
    if (status !== 200) {
      const error = iysErrorFromAnswer(answer.value, { now: now(), operation: OPERATION });
      // İYS answers bad credentials with 400 and the OAuth shape (401 is treated the same): a
      // credential problem, not a malformed request of ours.
      if (error.kind === 'rejected' && (status === 400 || status === 401)) {
        return err(new IysError({ ...initOf(error), kind: 'auth' }));
      }
      // A 429 here is H084 unless it names the per-second limit: when unsure, halt, because
      // asking again inside İYS's hour restarts it.
      if (status === 429 && error.code !== 'H124' && error.code !== 'H083') {
        return err(new IysError({ ...initOf(error), kind: 'token-locked' }));
      }
      return err(error);
    }
    const parsed = IysTokenResponse.safeParse(body);
    if (!parsed.success) {
      return err(
        new IysError({
          kind: 'invalid-response',
          status,
          operation: OPERATION,
          problems: problemsFromZod(parsed.error, body).map((p) => ({ ...p, received: '…' })),
        }),
      );
    }
    const t = parsed.data;
    return ok({
      accessToken: t.access_token,
      refreshToken: t.refresh_token,
      issuedAt: sentAt,
      // Counted from when we asked, not when the answer came: the token can only be younger.
      expiresAt: sentAt + t.expires_in * 1000,
      refreshExpiresAt: sentAt + (t.refresh_expires_in ?? IYS_LIMITS.refreshTokenSeconds) * 1000,
    });
  }

  async function lock(
    previous: StoredToken | undefined,
    error: IysError,
  ): Promise<Result<never, IysError>> {
    const t = now();
    const lockedUntil = t + Math.max(lockMs, error.retryAfterMs ?? 0);
    await store.set({
      ...(previous ?? { accessToken: '', refreshToken: '', expiresAt: 0, refreshExpiresAt: 0 }),
      lockedUntil,
    });
    return err(lockedError(error.status || 429, lockedUntil, t, error));
  }

  async function renew(rejected: string | undefined): Promise<Result<string, IysError>> {
    let current = await store.get();
    const t = now();
    const fallback = stillValid(current, rejected, t);
    if (current?.lockedUntil !== undefined && t < current.lockedUntil) {
      // İYS restarts its hour if asked inside it: send no token request at all until it ends.
      return fallback !== undefined ? ok(fallback) : err(lockedError(0, current.lockedUntil, t));
    }
    if (current && current.refreshToken !== '' && current.refreshExpiresAt > t) {
      const refreshed = await request({
        grant_type: 'refresh_token',
        refresh_token: current.refreshToken,
      });
      if (refreshed.ok) return save(refreshed.value);
      const failure = refreshed.error;
      if (failure.kind === 'token-locked') {
        // Unsent (the budget is spent): nothing to lock, the budget frees itself.
        if (!failure.sent) return orFallback(err(failure), fallback);
        return orFallback(await lock(current, failure), fallback);
      }
      // A transient failure would fail the password grant too: keep the old token if it lives.
      if (failure.retryable) return orFallback(err(failure), fallback);
      // Refused: forget it, so it is never sent again even if the password grant fails too.
      current = { ...current, refreshToken: '', refreshExpiresAt: 0 };
      await store.set(current);
    }
    // No refresh token, an expired one, or one İYS refused: log in again.
    const fresh = await request({
      grant_type: 'password',
      username: options.username,
      password: options.password,
    });
    if (fresh.ok) return save(fresh.value);
    if (fresh.error.kind === 'token-locked' && fresh.error.sent) {
      return orFallback(await lock(current, fresh.error), fallback);
    }
    return orFallback(err(fresh.error), fallback);
  }

  async function save(token: StoredToken): Promise<Result<string, IysError>> {
    // The new refresh token replaces the old one (rotation); any lock is over.
    await store.set(token);
    return ok(token.accessToken);
  }

  return {
    async getAccessToken({ rejected } = {}) {
      if (inflight) return inflight;
      const current = await store.get();
      const t = now();
      if (
        current !== undefined &&
        stillValid(current, rejected, t) !== undefined &&
        current.expiresAt - t > marginOf(current)
      ) {
        return ok(current.accessToken);
      }
      // Another caller may have started a renewal while we read the store.
      if (!inflight) {
        inflight = renew(rejected).finally(() => {
          inflight = undefined;
        });
      }
      return inflight;
    },
  };
}

function orFallback(
  result: Result<never, IysError>,
  fallback: string | undefined,
): Result<string, IysError> {
  return fallback !== undefined ? ok(fallback) : result;
}

function lockedError(
  status: number,
  lockedUntil: number,
  t: number,
  cause?: IysError,
  detail = `token requests halted until ${new Date(lockedUntil).toISOString()}`,
): IysError {
  return new IysError({
    kind: 'token-locked',
    status,
    code: 'H084',
    ...(cause ? { errors: cause.errors } : {}),
    retryAt: lockedUntil,
    retryAfterMs: Math.max(0, lockedUntil - t),
    operation: OPERATION,
    sent: cause !== undefined,
    ...(cause === undefined ? { detail } : {}),
  });
}

/** What makes a new error like `error` (all but its retryAt and cause), to derive one from it. */
export function initOf(error: IysError) {
  return {
    kind: error.kind,
    status: error.status,
    errors: error.errors,
    ...present({ code: error.code, retryAfterMs: error.retryAfterMs, operation: error.operation }),
    problems: error.problems,
    sent: error.sent,
  };
}
