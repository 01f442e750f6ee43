import type { Context } from 'hono';
import type { SimContext, SimEnv } from '../context.js';
import type { ValidationContext } from '../consent-validation.js';

/** The validation context of a brand-scoped request at the current simulated time. */
export function validationContext(ctx: SimContext, c: Context<SimEnv>): ValidationContext {
  return {
    iysCode: c.get('iysCode'),
    brand: c.get('brand'),
    nowMs: ctx.clock.nowMs(),
    limits: ctx.options.limits,
    policy: ctx.options.policy,
    calendar: ctx.options.calendar,
  };
}
