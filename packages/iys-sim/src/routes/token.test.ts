import { describe, it, expect } from 'vitest';
import { IysTokenResponse } from '@izinli/core';
import { DEMO_ACCOUNT } from '../options.js';
import { BASE, call, errorsOf, login, testSim } from '../sim.test-support.js';
import type { IysSim } from '../app.js';

const password = {
  grant_type: 'password',
  username: DEMO_ACCOUNT.username,
  password: DEMO_ACCOUNT.password,
};

/** A grant sent as a form body, as OAuth clients may send it. */
const formGrant = (sim: IysSim, raw: string) =>
  call(sim, 'POST', '/oauth2/token', {
    raw,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });

/** The token pair the demo account's password grant gets. */
const tokenPair = async (sim: IysSim) =>
  (await (await call(sim, 'POST', '/oauth2/token', { body: password })).json()) as IysTokenResponse;

describe('POST /oauth2/token', () => {
  it('issues a token pair for a JSON password grant with İYS lifetimes', async () => {
    const sim = testSim();
    const res = await call(sim, 'POST', '/oauth2/token', { body: password });
    expect(res.status).toBe(200);
    const body = IysTokenResponse.parse(await res.json());
    expect(body).toMatchObject({
      expires_in: 7200,
      refresh_expires_in: 14400,
      token_type: 'bearer',
    });
    expect(body.access_token.split('.')).toHaveLength(3);
  });

  it('accepts the same grant as a form body', async () => {
    const sim = testSim();
    const res = await formGrant(sim, new URLSearchParams(password).toString());
    expect(res.status).toBe(200);
  });

  it('rotates the refresh token: the new one works, the old one stops working', async () => {
    const sim = testSim();
    const first = await tokenPair(sim);
    const refreshed = await call(sim, 'POST', '/oauth2/token', {
      body: { grant_type: 'refresh_token', refresh_token: first.refresh_token },
    });
    expect(refreshed.status).toBe(200);
    const second = (await refreshed.json()) as IysTokenResponse;
    expect(second.refresh_token).not.toBe(first.refresh_token);
    const reused = await call(sim, 'POST', '/oauth2/token', {
      body: { grant_type: 'refresh_token', refresh_token: first.refresh_token },
    });
    expect(reused.status).toBe(400);
    expect(await reused.json()).toEqual({
      error: 'invalid_grant',
      error_description: 'Kullanıcı kimlik bilgileri geçersiz.',
    });
    const form = await formGrant(
      sim,
      `grant_type=refresh_token&refresh_token=${encodeURIComponent(second.refresh_token)}`,
    );
    expect(form.status).toBe(200);
  });

  it('lets the access token expire after 7200 s and the refresh token after 14400 s', async () => {
    const sim = testSim();
    const pair = await tokenPair(sim);
    sim.advance(7_199_000);
    expect(
      (await call(sim, 'GET', `/sps/${DEMO_ACCOUNT.iysCode}/brands`, { token: pair.access_token }))
        .status,
    ).toBe(200);
    sim.advance(1_000);
    const expired = await call(sim, 'GET', `/sps/${DEMO_ACCOUNT.iysCode}/brands`, {
      token: pair.access_token,
    });
    expect(expired.status).toBe(401);
    expect(await errorsOf(expired)).toEqual([
      { code: 'H351', message: 'Eksik veya geçersiz jeton!' },
    ]);
    sim.advance(7_200_000);
    const late = await call(sim, 'POST', '/oauth2/token', {
      body: { grant_type: 'refresh_token', refresh_token: pair.refresh_token },
    });
    expect(late.status).toBe(400);
  });

  it('answers wrong credentials with the documented OAuth error, 400 by default and 401 if configured', async () => {
    const sim = testSim();
    const bad = { ...password, password: 'yanlis' };
    const res = await call(sim, 'POST', '/oauth2/token', { body: bad });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      error: 'invalid_request',
      error_description: 'Kullanıcı kimlik bilgileri geçersiz.',
    });
    const strict = testSim({ policy: { badCredentialsStatus: 401 } });
    expect((await call(strict, 'POST', '/oauth2/token', { body: bad })).status).toBe(401);
  });

  it.each([
    [{}, 'invalid_request', 'Giriş yöntemi belirtilmemiş.'],
    [{ grant_type: '' }, 'invalid_grant', 'Giriş yöntemi boş olamaz.'],
    [{ grant_type: 'sifre' }, 'invalid_request', 'Bilinmeyen giriş yöntemi.'],
    [{ grant_type: 'client_credentials' }, 'invalid_grant', 'Desteklenmeyen giriş yöntemi.'],
    [{ grant_type: 'password', password: 'x' }, 'invalid_request', 'Kullanıcı adı verilmemiş.'],
    [
      { grant_type: 'password', username: null, password: 'x' },
      'invalid_request',
      'Kullanıcı adı null olamaz.',
    ],
    [
      { grant_type: 'password', username: 5, password: 'x' },
      'invalid_request',
      'Desteklenmeyen kullanıcı adı türü.',
    ],
    [
      { grant_type: 'password', username: '', password: 'x' },
      'invalid_grant',
      'Kullanıcı adı boş bırakılamaz.',
    ],
    [{ grant_type: 'password', username: 'u' }, 'invalid_request', 'Şifre verilmemiş.'],
    [
      { grant_type: 'password', username: 'u', password: '' },
      'invalid_grant',
      'Şifre boş bırakılamaz.',
    ],
    [{ grant_type: 'refresh_token' }, 'invalid_request', 'Yenileme jetonu verilmemiş.'],
    [
      { grant_type: 'refresh_token', refresh_token: 1 },
      'invalid_request',
      'Desteklenmeyen yenileme jetonu türü.',
    ],
    [
      { grant_type: 'refresh_token', refresh_token: '' },
      'invalid_grant',
      'Yenileme jetonu boş olamaz.',
    ],
  ])('refuses %j with %s: %s', async (body, error, description) => {
    const res = await call(testSim(), 'POST', '/oauth2/token', { body });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error, error_description: description });
  });

  it('allows 100 token requests per IP per hour, then answers 429 H084', async () => {
    const sim = testSim({ limits: { requestsPerSecond: 1000 } });
    for (let i = 0; i < 100; i++) await login(sim, '10.0.0.1');
    const res = await call(sim, 'POST', '/oauth2/token', { body: password, ip: '10.0.0.1' });
    expect(res.status).toBe(429);
    expect(await errorsOf(res)).toEqual([
      {
        code: 'H084',
        message:
          'Saatte kabul edilen kimlik doğrulama istek limitine ulaşıldı. Lütfen daha sonra tekrar deneyiniz.',
      },
    ]);
    expect(
      (await call(sim, 'POST', '/oauth2/token', { body: password, ip: '10.0.0.2' })).status,
    ).toBe(200);
  });

  it('restarts the hour when asked again before it ends', async () => {
    const sim = testSim({ limits: { tokensPerHour: 2 } });
    await login(sim);
    await login(sim);
    sim.advance(50 * 60_000);
    expect((await call(sim, 'POST', '/oauth2/token', { body: password })).status).toBe(429);
    sim.advance(59 * 60_000); // 109 minutes after the first token, 59 after the refusal
    expect((await call(sim, 'POST', '/oauth2/token', { body: password })).status).toBe(429);
    sim.advance(60 * 60_000);
    expect((await call(sim, 'POST', '/oauth2/token', { body: password })).status).toBe(200);
  });
});

describe('bearer authentication', () => {
  it('answers a missing or unknown token with 401 H351', async () => {
    const sim = testSim();
    for (const token of [undefined, 'not-a-token']) {
      const res = await call(sim, 'POST', `${BASE}/consents`, {
        body: {},
        ...(token ? { token } : {}),
      });
      expect(res.status).toBe(401);
      expect(await errorsOf(res)).toEqual([
        { code: 'H351', message: 'Eksik veya geçersiz jeton!' },
      ]);
    }
  });

  it('answers non-integer path codes with 422 H190 and H191', async () => {
    const sim = testSim();
    const token = await login(sim);
    const res = await call(sim, 'POST', '/sps/abc/brands/x1/consents', { body: {}, token });
    expect(res.status).toBe(422);
    expect(await errorsOf(res)).toEqual([
      {
        code: 'H190',
        message: 'iysCode integer bir değer olmalıdır.',
        location: ['iysCode'],
        value: 'abc',
      },
      {
        code: 'H191',
        message: 'brandCode integer bir değer olmalıdır.',
        location: ['brandCode'],
        value: 'x1',
      },
    ]);
  });

  it("answers another provider's iysCode or brandCode with 403 H353 naming the field", async () => {
    const sim = testSim();
    const token = await login(sim);
    const other = await call(sim, 'POST', `/sps/1/brands/${DEMO_ACCOUNT.iysCode}/consents`, {
      body: {},
      token,
    });
    expect(other.status).toBe(403);
    expect(await errorsOf(other)).toEqual([
      { code: 'H353', message: 'iysCode, kullanıcı izinleriyle eşleştirilemiyor' },
    ]);
    const brand = await call(sim, 'POST', `/sps/${DEMO_ACCOUNT.iysCode}/brands/1/consents`, {
      body: {},
      token,
    });
    expect((await errorsOf(brand))[0]!.message).toBe(
      'brandCode, kullanıcı izinleriyle eşleştirilemiyor',
    );
  });
});
