import { Hono } from 'hono';
import { subscriptionAnswer } from '../account-state.js';
import type { SimContext, SimEnv } from '../context.js';
import { DOCUMENT_EXAMPLE_CODES } from '../document-codes.js';
import { iysErrors } from '../http.js';

/**
 * `GET /sps/{iysCode}/subscription` (ABONELİK YÖNETİMİ): the account's HS subscription. With no
 * subscription at all it answers 404 H437; the other refusals come from the account gate.
 */
export function subscriptionRoutes(ctx: SimContext): Hono<SimEnv> {
  const app = new Hono<SimEnv>();
  app.get('/:iysCode/subscription', (c) => {
    const account = c.get('account');
    const state = ctx.accounts.get(account.iysCode);
    if (state === 'no-subscription') {
      const { status, message } = DOCUMENT_EXAMPLE_CODES.H437;
      return iysErrors(c, [{ code: 'H437', message: message(account.iysCode) }], status);
    }
    return c.json(subscriptionAnswer(ctx.state, account, state, ctx.clock.nowMs()));
  });
  return app;
}
