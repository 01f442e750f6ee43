import { iysError } from '@izinli/core';
import type { IysErrorEntry } from '@izinli/core';
import { Hono } from 'hono';
import type { SimContext, SimEnv } from '../context.js';
import { inKeyOrder, iysErrors, readJson } from '../http.js';
import type { Movement } from '../state.js';
import { checkQueryBody } from './query-body.js';

/** A movement as history, pull and push list it, in İYS's key order. */
export function movementAnswer(m: Movement): Record<string, unknown> {
  return inKeyOrder(m, [
    'consentDate',
    'source',
    'recipient',
    'recipientType',
    'status',
    'type',
    'creationDate',
    'transactionId',
  ]);
}

/** Parses a non-negative integer query parameter; undefined when absent, NaN when malformed. */
function intParam(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  return /^-?\d+$/.test(raw) ? Number(raw) : NaN;
}

/**
 * History (`POST …/consents/history?limit&offset`): one key's movements, newest consentDate
 * first, `limit` ≤ 100 (H186; 0 is H187, malformed H183), `offset` ≥ 0 (H182). 100 calls per hour
 * per IP (429 H089).
 */
export function historyRoutes(ctx: SimContext): Hono<SimEnv> {
  const app = new Hono<SimEnv>();
  app.post('/:iysCode/brands/:brandCode/consents/history', async (c) => {
    if (!ctx.limiters.history.take(c.get('ip'), ctx.clock.nowMs())) {
      return iysErrors(c, [iysError('H089')]);
    }
    const pageSize = ctx.options.limits.historyPageSize;
    const limit = intParam(c.req.query('limit')) ?? pageSize;
    const offset = intParam(c.req.query('offset')) ?? 0;
    const queryErrors: IysErrorEntry[] = [];
    const limitAt = { location: ['limit'], value: c.req.query('limit') };
    if (Number.isNaN(limit) || limit < 0) queryErrors.push(iysError('H183', limitAt));
    else if (limit === 0) queryErrors.push(iysError('H187', limitAt));
    else if (limit > pageSize) queryErrors.push(iysError('H186', limitAt));
    if (Number.isNaN(offset) || offset < 0) {
      queryErrors.push(iysError('H182', { location: ['offset'], value: c.req.query('offset') }));
    }
    if (queryErrors.length) return iysErrors(c, queryErrors);

    const body = await readJson(c);
    if (!body.ok) return iysErrors(c, [iysError('H014')]);
    const query = checkQueryBody(body.value, ctx.options.limits, ctx.options.policy);
    if (!query.ok) return iysErrors(c, query.errors);
    const brandCode = c.get('brand').brandCode;
    const all = ctx.state.movements
      .filter(
        (m) =>
          m.iysCode === c.get('iysCode') &&
          m.brandCode === brandCode &&
          m.recipientType === query.recipientType &&
          m.type === query.type &&
          m.recipient === query.recipient,
      )
      .sort(
        (a, b) =>
          (b.consentDateMs ?? b.creationMs) - (a.consentDateMs ?? a.creationMs) || b.seq - a.seq,
      );
    const page = all.slice(offset, offset + limit).map(movementAnswer);
    return c.json({
      list: page,
      pagination: { totalCount: all.length, pageSize: page.length, offset },
    });
  });
  return app;
}
