import { iysError } from '@izinli/core';
import type { IysOAuthError } from '@izinli/core';
import type { Context, MiddlewareHandler } from 'hono';
import type { SimContext, SimEnv } from './context.js';
import { NO_FAULTS } from './fault-settings.js';
import type { FaultKind } from './fault-settings.js';
import { GATEWAY_FORBIDDEN_HTML } from './whitelist-policy.js';

/** Requests the fault layer dropped while running in-process; `sim.fetch` turns them into network errors. */
export const droppedRequests = new WeakSet<Request>();

/**
 * Injects the configured faults. Every random draw comes from the simulator's random source, so a
 * seeded source replays the same faults.
 */
export function faults(ctx: SimContext): MiddlewareHandler<SimEnv> {
  return async function faults(c, next) {
    const settings = ctx.faults;
    const nowMs = ctx.clock.nowMs();
    if (settings.latencyMs > 0) await ctx.options.sleep(settings.latencyMs);
    if (
      settings.outage &&
      nowMs >= Date.parse(settings.outage.from) &&
      nowMs < Date.parse(settings.outage.to)
    ) {
      return c.text('Service Unavailable', 503);
    }
    if (settings.dropRate > 0 && ctx.options.random() < settings.dropRate) {
      ctx.counters.dropped++;
      const socket = c.env?.incoming?.socket;
      if (socket) socket.destroy();
      else droppedRequests.add(c.req.raw);
      return c.body(null, 503);
    }
    const tokenPath = c.req.path === '/oauth2/token';
    if (
      tokenPath &&
      settings.tokenFailureRate > 0 &&
      ctx.options.random() < settings.tokenFailureRate
    ) {
      return c.json({ errors: [{ message: 'Beklenmedik bir hata oluştu!', code: 'H015' }] }, 500);
    }
    if (settings.errorRate > 0 && ctx.options.random() < settings.errorRate) {
      const kinds = settings.errorKinds.length ? settings.errorKinds : NO_FAULTS.errorKinds;
      const kind = kinds[Math.floor(ctx.options.random() * kinds.length)] ?? '500';
      ctx.counters.injectedErrors++;
      return injected(c, kind, tokenPath, ctx);
    }
    await next();
  };
}

const BAD_CREDENTIALS = ['invalid_request', 'Kullanıcı kimlik bilgileri geçersiz.'] as const;

/** The answer of one injected error kind. */
function injected(c: Context<SimEnv>, kind: FaultKind, tokenPath: boolean, ctx: SimContext) {
  switch (kind) {
    case '500':
      return c.json({ errors: [iysError('H015')] }, 500);
    case '503':
      return c.json({ errors: [iysError('H192')] }, 503);
    case 'H123':
      return c.json({ errors: [iysError('H123')] }, 400);
    case 'H524': {
      const iysCode = /^\/(?:v2\/)?sps\/(\d+)/.exec(c.req.path)?.[1] ?? '';
      const message = `${iysCode} için ait abonelik kaydı bulunamadı`;
      return c.json({ errors: [iysError('H524', { message })] }, 403);
    }
    case 'H521':
    case 'H586':
      return c.json({ errors: [iysError(kind)] }, 403);
    case 'H525':
      return c.json({ errors: [iysError('H525')] }, 422);
    case 'gateway-403':
      return c.html(GATEWAY_FORBIDDEN_HTML, 403);
    case 'bad-credentials': {
      // The same answer the token endpoint gives a wrong password (README: decisions).
      const [error, description] = BAD_CREDENTIALS;
      const body: IysOAuthError = { error, error_description: description };
      return tokenPath
        ? c.json(body, ctx.options.policy.badCredentialsStatus)
        : c.json({ errors: [iysError('H351')] }, 401);
    }
  }
}
