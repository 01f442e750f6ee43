import type { MiddlewareHandler } from 'hono';
import type { SimContext, SimEnv } from './context.js';
import { GATEWAY_FORBIDDEN_HTML } from './whitelist-policy.js';

/**
 * Enforces the allowed-IP policy in front of İYS's routes. An IP delisted under the 70 % rule
 * stays delisted (İYS restores it only on request) until `/__sim/whitelist` or a reset clears it.
 */
export function whitelistGate(ctx: SimContext): MiddlewareHandler<SimEnv> {
  return async function whitelistGate(c, next) {
    const ip = c.get('ip');
    const policy = ctx.whitelist;
    const delisted = ctx.delisted;
    if (policy.enforceDelisting && !delisted.has(ip)) {
      const delistAt = ctx.health.report(ctx.clock.nowMs()).find((h) => h.ip === ip)?.delistAt;
      if (delistAt !== undefined && Date.parse(delistAt) <= ctx.clock.nowMs()) delisted.add(ip);
    }
    if ((policy.allowedIps !== null && !policy.allowedIps.includes(ip)) || delisted.has(ip)) {
      return c.html(GATEWAY_FORBIDDEN_HTML, 403);
    }
    await next();
  };
}
