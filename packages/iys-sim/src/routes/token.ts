import { iysError } from '@izinli/core';
import type { IysOAuthError } from '@izinli/core';
import { Hono } from 'hono';
import type { Context } from 'hono';
import type { SimContext, SimEnv } from '../context.js';
import { iysErrors } from '../http.js';

/** OAuth errors of `POST /oauth2/token`, worded as the document's 400 examples and table. */
const OAUTH = {
  grantMissing: ['invalid_request', 'Giriş yöntemi belirtilmemiş.'],
  grantUnknown: ['invalid_request', 'Bilinmeyen giriş yöntemi.'],
  grantEmpty: ['invalid_grant', 'Giriş yöntemi boş olamaz.'],
  grantUnsupported: ['invalid_grant', 'Desteklenmeyen giriş yöntemi.'],
  refreshMissing: ['invalid_request', 'Yenileme jetonu verilmemiş.'],
  refreshType: ['invalid_request', 'Desteklenmeyen yenileme jetonu türü.'],
  refreshEmpty: ['invalid_grant', 'Yenileme jetonu boş olamaz.'],
  passwordMissing: ['invalid_request', 'Şifre verilmemiş.'],
  passwordNull: ['invalid_request', 'Şifre null olamaz.'],
  passwordType: ['invalid_request', 'Desteklenmeyen şifre türü.'],
  passwordEmpty: ['invalid_grant', 'Şifre boş bırakılamaz.'],
  usernameMissing: ['invalid_request', 'Kullanıcı adı verilmemiş.'],
  usernameNull: ['invalid_request', 'Kullanıcı adı null olamaz.'],
  usernameType: ['invalid_request', 'Desteklenmeyen kullanıcı adı türü.'],
  usernameEmpty: ['invalid_grant', 'Kullanıcı adı boş bırakılamaz.'],
  badCredentials: ['invalid_request', 'Kullanıcı kimlik bilgileri geçersiz.'],
  // Not in the document: a used, expired or unknown refresh token. İYS answers 400 (release
  // note 1.0.5); the simulator reuses the documented credentials sentence with invalid_grant.
  badRefresh: ['invalid_grant', 'Kullanıcı kimlik bilgileri geçersiz.'],
} as const satisfies Record<string, readonly [string, string]>;

type OAuthProblem = keyof typeof OAUTH;

/** Grant types OAuth defines but İYS does not support ("Desteklenmeyen"), as opposed to unknown ones. */
const OTHER_OAUTH_GRANTS = new Set([
  'client_credentials',
  'authorization_code',
  'implicit',
  'urn:ietf:params:oauth:grant-type:device_code',
  'urn:ietf:params:oauth:grant-type:jwt-bearer',
  'urn:ietf:params:oauth:grant-type:token-exchange',
]);

function oauthError(c: Context<SimEnv>, problem: OAuthProblem, status: 400 | 401 = 400) {
  const [error, description] = OAUTH[problem];
  const body: IysOAuthError = { error, error_description: description };
  return c.json(body, status);
}

/** Reads a token body: JSON or form, as İYS's token endpoint accepts both. */
async function readTokenBody(c: Context<SimEnv>): Promise<Record<string, unknown> | null> {
  const text = await c.req.text();
  const type = c.req.header('content-type') ?? '';
  if (
    type.includes('application/x-www-form-urlencoded') ||
    (!type.includes('json') && !text.trimStart().startsWith('{'))
  ) {
    return Object.fromEntries(new URLSearchParams(text));
  }
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

/** The problem with a string credential field, if any. */
function fieldProblem(
  value: unknown,
  names: { missing: OAuthProblem; null?: OAuthProblem; type: OAuthProblem; empty: OAuthProblem },
): OAuthProblem | null {
  if (value === undefined) return names.missing;
  if (value === null) return names.null ?? names.missing;
  if (typeof value !== 'string') return names.type;
  if (value === '') return names.empty;
  return null;
}

/**
 * `POST /oauth2/token`: password and refresh_token grants, JSON or form. At most
 * `tokensPerHour` requests per IP per hour (429 H084); asking again inside the hour restarts it.
 */
export function tokenRoutes(ctx: SimContext): Hono<SimEnv> {
  const app = new Hono<SimEnv>();
  app.post('/token', async (c) => {
    const nowMs = ctx.clock.nowMs();
    if (!ctx.limiters.tokens.take(c.get('ip'), nowMs)) {
      return iysErrors(c, [iysError('H084')]);
    }
    const body = await readTokenBody(c);
    if (!body) return oauthError(c, 'grantMissing');
    const grant = body.grant_type;
    if (grant === undefined || grant === null) return oauthError(c, 'grantMissing');
    if (grant === '') return oauthError(c, 'grantEmpty');
    if (typeof grant !== 'string') return oauthError(c, 'grantUnsupported');

    if (grant === 'password') {
      const problem =
        fieldProblem(body.username, {
          missing: 'usernameMissing',
          null: 'usernameNull',
          type: 'usernameType',
          empty: 'usernameEmpty',
        }) ??
        fieldProblem(body.password, {
          missing: 'passwordMissing',
          null: 'passwordNull',
          type: 'passwordType',
          empty: 'passwordEmpty',
        });
      if (problem) return oauthError(c, problem);
      const account = ctx.options.accounts.find(
        (a) => a.username === body.username && a.password === body.password,
      );
      if (!account) return oauthError(c, 'badCredentials', ctx.options.policy.badCredentialsStatus);
      return c.json(ctx.tokens.issue(account, nowMs));
    }

    if (grant === 'refresh_token') {
      const problem = fieldProblem(body.refresh_token, {
        missing: 'refreshMissing',
        type: 'refreshType',
        empty: 'refreshEmpty',
      });
      if (problem) return oauthError(c, problem);
      const pair = ctx.tokens.refresh(body.refresh_token as string, nowMs);
      if (!pair) return oauthError(c, 'badRefresh');
      return c.json(pair);
    }

    return oauthError(c, OTHER_OAUTH_GRANTS.has(grant) ? 'grantUnsupported' : 'grantUnknown');
  });
  return app;
}
