import { IYS_MESSAGE_VARIANTS, iysError } from '@izinli/core';
import type { IysErrorEntry } from '@izinli/core';
import type { MiddlewareHandler } from 'hono';
import { accountRefusal } from './account-state.js';
import type { SimContext, SimEnv } from './context.js';
import { iysErrors } from './http.js';

/** Bearer authentication on every İYS call but the token endpoint: missing, unknown or expired → 401 H351. */
export function bearerAuth(ctx: SimContext): MiddlewareHandler<SimEnv> {
  return async function bearerAuth(c, next) {
    const header = c.req.header('authorization') ?? '';
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    const account = match?.[1] ? ctx.tokens.verify(match[1], ctx.clock.nowMs()) : undefined;
    if (!account) return iysErrors(c, [iysError('H351')]);
    c.set('account', account);
    await next();
  };
}

const INTEGER = /^\d{1,15}$/;

/**
 * Checks `{iysCode}` (and `{brandCode}` when the path has one): integers (422 H190/H191), then
 * owned by the token's account (403 H353 naming the field). Sets `iysCode` and `brand`.
 */
export function brandScope(): MiddlewareHandler<SimEnv> {
  return async function brandScope(c, next) {
    const rawIys = c.req.param('iysCode') ?? '';
    const rawBrand = c.req.param('brandCode');
    const errors: IysErrorEntry[] = [];
    if (!INTEGER.test(rawIys))
      errors.push(iysError('H190', { location: ['iysCode'], value: rawIys }));
    if (rawBrand !== undefined && !INTEGER.test(rawBrand)) {
      errors.push(iysError('H191', { location: ['brandCode'], value: rawBrand }));
    }
    if (errors.length) return iysErrors(c, errors);
    const account = c.get('account');
    const iysCode = Number(rawIys);
    if (iysCode !== account.iysCode) {
      return iysErrors(c, [
        iysError('H353', { message: IYS_MESSAGE_VARIANTS.fieldNotMatched('iysCode') }),
      ]);
    }
    c.set('iysCode', iysCode);
    if (rawBrand !== undefined) {
      const brand = account.brands.find((b) => b.brandCode === Number(rawBrand));
      if (!brand) {
        return iysErrors(c, [
          iysError('H353', { message: IYS_MESSAGE_VARIANTS.fieldNotMatched('brandCode') }),
        ]);
      }
      c.set('brand', brand);
    }
    await next();
  };
}

const SUBSCRIPTION_QUERY = /^\/sps\/[^/]+\/subscription\/?$/;

/**
 * The account's standing, after authentication and scope: a closed subscription answers H521, a
 * paused or expired one H520 (but to the subscription query), none H524, one without the API
 * package H586 (ABONELİK YÖNETİMİ; the quota, H525, is checked where consents are added).
 */
export function accountGate(ctx: SimContext): MiddlewareHandler<SimEnv> {
  return async function accountGate(c, next) {
    const account = c.get('account');
    const query = c.req.method === 'GET' && SUBSCRIPTION_QUERY.test(c.req.path);
    const refusal = accountRefusal(ctx.accounts.get(account.iysCode), account.iysCode, query);
    if (refusal) return iysErrors(c, [refusal]);
    await next();
  };
}
