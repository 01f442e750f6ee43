import { Hono } from 'hono';
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { SimContext, SimEnv } from '../context.js';
import { readJson } from '../http.js';
import { tsaCertificatePem } from '../reconciliation/tsa.js';
import { ACCOUNT_STATES } from '../subscription.js';
import type { SimAccountState } from '../subscription.js';

function simError(c: Context<SimEnv>, status: ContentfulStatusCode, code: string, message: string) {
  return c.json({ error: { code, message } }, status);
}

/**
 * Account-level control under `/__sim`: each account's subscription state, the allowed-IP
 * policy, and the certificate of the simulator's time-stamping authority.
 */
export function adminAccountRoutes(ctx: SimContext): Hono<SimEnv> {
  const app = new Hono<SimEnv>();
  const listAccounts = () =>
    ctx.options.accounts.map((a) => ({
      username: a.username,
      iysCode: a.iysCode,
      state: ctx.accounts.get(a.iysCode),
    }));

  app.get('/accounts', (c) => c.json(listAccounts()));
  app.put('/accounts/:iysCode', async (c) => {
    const iysCode = Number(c.req.param('iysCode'));
    if (!ctx.options.accounts.some((a) => a.iysCode === iysCode)) {
      return simError(c, 404, 'accounts.unknown', 'no account has that iysCode');
    }
    const body = await readJson(c);
    const state = (body.ok ? (body.value as { state?: unknown } | null)?.state : undefined) as
      SimAccountState | undefined;
    if (state === undefined || !ACCOUNT_STATES.includes(state)) {
      return simError(
        c,
        400,
        'accounts.state',
        `expected { state: ${ACCOUNT_STATES.join(' | ')} }`,
      );
    }
    ctx.accounts.set(iysCode, state);
    return c.json(listAccounts().find((a) => a.iysCode === iysCode));
  });

  const whitelist = () => ({ ...ctx.whitelist, delisted: [...ctx.delisted] });
  app.get('/whitelist', (c) => c.json(whitelist()));
  app.put('/whitelist', async (c) => {
    const body = await readJson(c);
    const b = (body.ok ? body.value : null) as Record<string, unknown> | null;
    const ips = b?.allowedIps;
    const ipsOk =
      ips === undefined ||
      ips === null ||
      (Array.isArray(ips) && ips.every((ip) => typeof ip === 'string'));
    const delisted = b?.delisted;
    const delistedOk =
      delisted === undefined ||
      (Array.isArray(delisted) && delisted.every((ip) => typeof ip === 'string'));
    const enforce = b?.enforceDelisting;
    if (
      b === null ||
      typeof b !== 'object' ||
      !ipsOk ||
      !delistedOk ||
      !(enforce === undefined || typeof enforce === 'boolean')
    ) {
      return simError(
        c,
        400,
        'whitelist.invalid',
        'expected { allowedIps?: string[] | null, enforceDelisting?: boolean, delisted?: string[] }',
      );
    }
    if (ips !== undefined) ctx.whitelist.allowedIps = ips;
    if (enforce !== undefined) ctx.whitelist.enforceDelisting = enforce;
    if (delisted !== undefined) {
      ctx.delisted.clear();
      for (const ip of delisted) ctx.delisted.add(ip);
    }
    return c.json(whitelist());
  });

  app.get('/tsa.pem', async (c) =>
    c.body(await tsaCertificatePem(), 200, { 'content-type': 'application/x-pem-file' }),
  );
  return app;
}
