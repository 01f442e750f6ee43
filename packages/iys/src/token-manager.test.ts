// Long because: the token's whole life: login, refresh, single flight, the H084 halt, errors.
import { describe, it, expect } from 'vitest';
import {
  deferred,
  errorOf,
  fakeFetch,
  iysErrors,
  json,
  tokenAnswer,
} from './fake-fetch.test-support.js';
import type { RecordedRequest } from './fake-fetch.test-support.js';
import { createMemoryTokenStore, type TokenStore } from './token-store.js';
import { testTokenManager } from './token-manager.test-support.js';

const HOUR = 3_600_000;
const MINUTE = 60_000;

function setup(
  handler: (req: RecordedRequest, i: number) => Response | Promise<Response>,
  options: { store?: TokenStore; start?: number; refreshMarginMs?: number } = {},
) {
  const clock = { t: options.start ?? 1_000_000 };
  const { fetch, calls } = fakeFetch(handler);
  const store = options.store ?? createMemoryTokenStore();
  const manager = testTokenManager(fetch, {
    store,
    now: () => clock.t,
    ...(options.refreshMarginMs !== undefined ? { refreshMarginMs: options.refreshMarginMs } : {}),
  });
  const grants = () =>
    calls.map((c) => {
      const body = c.body as Record<string, string>;
      return body.grant_type === 'password' ? 'password' : `refresh:${body.refresh_token}`;
    });
  return { clock, calls, store, manager, grants };
}

/** Answers every token request with the next numbered token. */
const issuing =
  (expiresIn = 7200, refreshExpiresIn = 14400) =>
  (_req: RecordedRequest, i: number) =>
    tokenAnswer(i + 1, expiresIn, refreshExpiresIn);

describe('createTokenManager', () => {
  it('asks for a token with the password grant on first use and caches it', async () => {
    const { manager, calls, clock } = setup(issuing());
    expect(await manager.getAccessToken()).toEqual({ ok: true, value: 'A1' });
    clock.t += HOUR;
    expect(await manager.getAccessToken()).toEqual({ ok: true, value: 'A1' });
    expect(calls).toHaveLength(1);
    expect(calls[0]!.path).toBe('/oauth2/token');
    expect(calls[0]!.method).toBe('POST');
    expect(calls[0]!.body).toEqual({
      grant_type: 'password',
      username: 'user@example.com',
      password: 'secret',
    });
  });

  it('refreshes early, with the refresh grant, once five minutes or less of life are left', async () => {
    const { manager, clock, grants } = setup(issuing());
    await manager.getAccessToken();
    clock.t += 7200_000 - 5 * MINUTE - 1; // 5 min + 1 ms left: still cached
    expect(await manager.getAccessToken()).toEqual({ ok: true, value: 'A1' });
    clock.t += 1; // exactly 5 min left
    expect(await manager.getAccessToken()).toEqual({ ok: true, value: 'A2' });
    expect(grants()).toEqual(['password', 'refresh:R1']);
  });

  it('does not renew a token with six minutes left, as the old ten-minute margin did', async () => {
    const { manager, clock, grants } = setup(issuing());
    await manager.getAccessToken();
    clock.t += 7200_000 - 6 * MINUTE;
    expect(await manager.getAccessToken()).toEqual({ ok: true, value: 'A1' });
    expect(grants()).toEqual(['password']);
  });

  it('takes the margin from refreshMarginMs when given', async () => {
    const { manager, clock, grants } = setup(issuing(), { refreshMarginMs: MINUTE });
    await manager.getAccessToken();
    clock.t += 7200_000 - MINUTE - 1;
    expect(await manager.getAccessToken()).toEqual({ ok: true, value: 'A1' });
    clock.t += 1;
    expect(await manager.getAccessToken()).toEqual({ ok: true, value: 'A2' });
    expect(grants()).toEqual(['password', 'refresh:R1']);
  });

  it('keeps half the life of a token shorter than twice the margin instead of renewing it on every call', async () => {
    const { manager, clock, grants } = setup(issuing(240, 480)); // 4 min: less than the 5 min margin
    await manager.getAccessToken();
    expect(await manager.getAccessToken()).toEqual({ ok: true, value: 'A1' });
    clock.t += 120_000 - 1; // 2 min + 1 ms left: more than half
    expect(await manager.getAccessToken()).toEqual({ ok: true, value: 'A1' });
    clock.t += 1; // half left
    expect(await manager.getAccessToken()).toEqual({ ok: true, value: 'A2' });
    expect(grants()).toEqual(['password', 'refresh:R1']);
  });

  it('rotates refresh tokens: each refresh sends the newest one and never an old one again', async () => {
    const { manager, clock, grants, store } = setup(issuing());
    for (let i = 0; i < 4; i++) {
      await manager.getAccessToken();
      clock.t += 7200_000 - 5 * MINUTE;
    }
    expect(grants()).toEqual(['password', 'refresh:R1', 'refresh:R2', 'refresh:R3']);
    expect((await store.get())?.refreshToken).toBe('R4');
  });

  it('falls back to the password grant when İYS refuses the refresh token', async () => {
    const { manager, clock, grants } = setup((req, i) =>
      (req.body as { grant_type: string }).grant_type === 'refresh_token'
        ? json(400, { error: 'invalid_grant', error_description: 'Yenileme jetonu geçersiz.' })
        : tokenAnswer(i + 1),
    );
    await manager.getAccessToken();
    clock.t += 7200_000 - MINUTE;
    expect(await manager.getAccessToken()).toEqual({ ok: true, value: 'A3' });
    expect(grants()).toEqual(['password', 'refresh:R1', 'password']);
  });

  it('never sends a refused refresh token again, even when the password grant fails too', async () => {
    const { manager, clock, grants } = setup((req, i) => {
      if (i === 0) return tokenAnswer(1);
      return (req.body as { grant_type: string }).grant_type === 'refresh_token'
        ? json(400, { error: 'invalid_grant', error_description: 'geçersiz' })
        : iysErrors(503, 'H015');
    });
    await manager.getAccessToken();
    clock.t += 7200_000 + 1; // expired
    expect((await manager.getAccessToken()).ok).toBe(false);
    expect((await manager.getAccessToken()).ok).toBe(false);
    expect(grants()).toEqual(['password', 'refresh:R1', 'password', 'password']);
  });

  it('uses the password grant directly once the refresh token has expired', async () => {
    const { manager, clock, grants } = setup(issuing());
    await manager.getAccessToken();
    clock.t += 5 * HOUR;
    expect(await manager.getAccessToken()).toEqual({ ok: true, value: 'A2' });
    expect(grants()).toEqual(['password', 'password']);
  });

  it('keeps the still-valid token when an early refresh fails for a transient reason', async () => {
    const { manager, clock, grants } = setup((_req, i) =>
      i === 0 ? tokenAnswer(1) : iysErrors(500, 'H015'),
    );
    await manager.getAccessToken();
    clock.t += 7200_000 - MINUTE;
    expect(await manager.getAccessToken()).toEqual({ ok: true, value: 'A1' });
    // No password grant after a 5xx: it would fail the same way and spend the hourly budget.
    expect(grants()).toEqual(['password', 'refresh:R1']);
  });

  it('returns the transient error when there is no valid token to fall back on', async () => {
    const { manager } = setup(() => iysErrors(503, 'H015'));
    const error = errorOf(await manager.getAccessToken());
    expect(error).toMatchObject({ kind: 'server', status: 503, retryable: true });
  });

  it('shares one token request among concurrent callers (single flight)', async () => {
    const gate = deferred<void>();
    const { manager, calls } = setup(async (_req, i) => {
      await gate.promise;
      return tokenAnswer(i + 1);
    });
    const pending = Array.from({ length: 20 }, () => manager.getAccessToken());
    gate.resolve();
    const results = await Promise.all(pending);
    expect(results.every((r) => r.ok && r.value === 'A1')).toBe(true);
    expect(calls).toHaveLength(1);
  });

  it('shares one refresh among concurrent callers when the token is due', async () => {
    const gate = deferred<void>();
    const { manager, clock, grants } = setup(async (_req, i) => {
      if (i > 0) await gate.promise;
      return tokenAnswer(i + 1);
    });
    await manager.getAccessToken();
    clock.t += 7200_000 - MINUTE;
    const pending = Array.from({ length: 10 }, () => manager.getAccessToken());
    gate.resolve();
    const results = await Promise.all(pending);
    expect(results.every((r) => r.ok && r.value === 'A2')).toBe(true);
    expect(grants()).toEqual(['password', 'refresh:R1']);
  });

  it('after H084 asks for no token for one hour, failing fast with retryAt', async () => {
    const { manager, clock, calls } = setup((_req, i) =>
      i === 0 ? iysErrors(429, 'H084') : tokenAnswer(i + 1),
    );
    const start = clock.t;
    const first = await manager.getAccessToken();
    expect(first.ok).toBe(false);
    if (first.ok) return;
    expect(first.error).toMatchObject({
      kind: 'token-locked',
      code: 'H084',
      status: 429,
      // The account's token cap: an account-level failure, due again at retryAt.
      category: 'account',
      retryable: false,
      retryAt: start + HOUR,
      retryAfterMs: HOUR,
    });

    clock.t = start + HOUR - 1;
    const during = await manager.getAccessToken();
    expect(during.ok).toBe(false);
    if (during.ok) return;
    expect(during.error).toMatchObject({
      kind: 'token-locked',
      retryAt: start + HOUR,
      sent: false,
    });
    expect(during.error.retryAfterMs).toBe(1);
    expect(calls).toHaveLength(1);

    clock.t = start + HOUR;
    expect(await manager.getAccessToken()).toEqual({ ok: true, value: 'A2' });
    expect(calls).toHaveLength(2);
  });

  it('honours a Retry-After longer than the hour on H084', async () => {
    const { manager, clock } = setup(() =>
      json(429, { errors: [{ code: 'H084', message: '…' }] }, { 'retry-after': '7200' }),
    );
    const result = await manager.getAccessToken();
    expect(!result.ok && result.error.retryAt).toBe(clock.t + 2 * HOUR);
  });

  it('treats a 429 on the token endpoint without a code as H084, to be safe', async () => {
    const { manager, clock, calls } = setup(() => new Response(null, { status: 429 }));
    const result = await manager.getAccessToken();
    expect(!result.ok && result.error).toMatchObject({
      kind: 'token-locked',
      retryAt: clock.t + HOUR,
    });
    await manager.getAccessToken();
    expect(calls).toHaveLength(1);
  });

  it('does not halt for an hour on the per-second limit (H124) of the token endpoint', async () => {
    const { manager, calls } = setup((_req, i) =>
      i === 0 ? iysErrors(429, 'H124') : tokenAnswer(2),
    );
    const first = await manager.getAccessToken();
    expect(!first.ok && first.error).toMatchObject({ kind: 'rate-limited', retryable: true });
    expect(await manager.getAccessToken()).toEqual({ ok: true, value: 'A2' });
    expect(calls).toHaveLength(2);
  });

  it('keeps the H084 lock in the shared store, so another instance does not ask either', async () => {
    const store = createMemoryTokenStore();
    const a = setup(() => iysErrors(429, 'H084'), { store });
    await a.manager.getAccessToken();
    const b = setup(issuing(), { store, start: a.clock.t + 10 * MINUTE });
    const result = await b.manager.getAccessToken();
    expect(result.ok).toBe(false);
    expect(b.calls).toHaveLength(0);
  });

  it('keeps serving a still-valid token while token requests are halted', async () => {
    const { manager, clock, calls } = setup((_req, i) =>
      i === 0 ? tokenAnswer(1) : iysErrors(429, 'H084'),
    );
    await manager.getAccessToken();
    clock.t += 7200_000 - 5 * MINUTE; // due for an early refresh, which hits H084
    expect(await manager.getAccessToken()).toEqual({ ok: true, value: 'A1' });
    clock.t += MINUTE;
    expect(await manager.getAccessToken()).toEqual({ ok: true, value: 'A1' });
    expect(calls).toHaveLength(2);
    clock.t += 5 * MINUTE; // expired, still locked
    const result = await manager.getAccessToken();
    expect(!result.ok && result.error.kind).toBe('token-locked');
    expect(calls).toHaveLength(2);
  });

  it('renews a token İYS rejected, unless another caller already replaced it', async () => {
    const { manager, grants } = setup(issuing());
    await manager.getAccessToken();
    expect(await manager.getAccessToken({ rejected: 'A1' })).toEqual({ ok: true, value: 'A2' });
    // A second caller that saw A1 rejected too gets A2 without another request.
    expect(await manager.getAccessToken({ rejected: 'A1' })).toEqual({ ok: true, value: 'A2' });
    expect(grants()).toEqual(['password', 'refresh:R1']);
  });

  it('reports refused credentials as an auth error that retrying will not fix', async () => {
    const { manager } = setup(() =>
      json(400, {
        error: 'invalid_request',
        error_description: 'Kullanıcı kimlik bilgileri geçersiz.',
      }),
    );
    const error = errorOf(await manager.getAccessToken());
    expect(error).toMatchObject({
      kind: 'auth',
      status: 400,
      code: 'invalid_request',
      retryable: false,
    });
    expect(error.message).not.toContain('secret');
  });

  it('turns a malformed token answer into an invalid-response error without echoing tokens', async () => {
    const { manager } = setup(() => json(200, { access_token: 'LEAKY', expires_in: 'soon' }));
    const error = errorOf(await manager.getAccessToken());
    expect(error.kind).toBe('invalid-response');
    expect(error.problems.length).toBeGreaterThan(0);
    expect(JSON.stringify(error.problems)).not.toContain('LEAKY');
    expect(error.message).not.toContain('LEAKY');
  });

  it('turns a token answer that is not JSON into an invalid-response error', async () => {
    const { manager } = setup(() => new Response('<html>proxy</html>', { status: 200 }));
    const result = await manager.getAccessToken();
    expect(!result.ok && result.error.kind).toBe('invalid-response');
  });

  it('reports a network failure on the token request as a retryable network error', async () => {
    const { manager } = setup(() => {
      throw new TypeError('fetch failed');
    });
    const error = errorOf(await manager.getAccessToken());
    expect(error).toMatchObject({ kind: 'network', status: 0, retryable: true });
  });
});
