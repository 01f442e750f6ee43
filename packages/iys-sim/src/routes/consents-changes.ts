import { IysChangesSource, iysError } from '@izinli/core';
import { Hono } from 'hono';
import type { SimContext, SimEnv } from '../context.js';
import { iysErrors } from '../http.js';
import { isIysSource } from '../state.js';
import type { Movement } from '../state.js';
import { movementAnswer } from './consents-history.js';

const DAY_MS = 86_400_000;

/** İYS's cursor: the last listed movement's creation time (Unix seconds) and transactionId. */
export function cursorOf(m: Movement): string {
  return `${Math.floor(m.creationMs / 1000)}_${m.transactionId}`;
}

/**
 * Pull (`GET …/consents/changes?source=IYS|HS&limit&after`): the brand's movements of the last 7
 * days minus the most recent hour, oldest first; `source=HS` lists the provider's own (`HS_*`),
 * `IYS` (the default) citizens' (`IYS_*`). 204 with no body when nothing is left.
 */
export function changesRoutes(ctx: SimContext): Hono<SimEnv> {
  const app = new Hono<SimEnv>();
  app.get('/:iysCode/brands/:brandCode/consents/changes', (c) => {
    const rawSource = c.req.query('source') ?? 'IYS';
    const source = IysChangesSource.safeParse(rawSource);
    if (!source.success) {
      return iysErrors(c, [iysError('H506', { location: ['source'], value: rawSource })]);
    }
    const rawLimit = c.req.query('limit');
    const max = ctx.options.limits.pullLimit;
    let limit = max;
    if (rawLimit !== undefined) {
      if (!/^\d+$/.test(rawLimit)) {
        return iysErrors(c, [iysError('H183', { location: ['limit'], value: rawLimit })]);
      }
      limit = Number(rawLimit);
      if (limit === 0) {
        return iysErrors(c, [iysError('H187', { location: ['limit'], value: rawLimit })]);
      }
      if (limit > max) {
        return iysErrors(c, [iysError('H507', { location: ['limit'], value: rawLimit })]);
      }
    }
    const after = c.req.query('after');
    const cursor = after === undefined ? undefined : /^(\d+)_([0-9a-f]*)$/.exec(after);
    if (after !== undefined && !cursor) {
      // Undocumented; the simulator refuses a cursor it never issued with the pull request code.
      return iysErrors(c, [iysError('H098')]);
    }

    const nowMs = ctx.clock.nowMs();
    const from = nowMs - ctx.options.limits.pullWindowDays * DAY_MS;
    const to = nowMs - ctx.options.limits.pullLagSeconds * 1000;
    const brandCode = c.get('brand').brandCode;
    const wantIys = source.data === 'IYS';
    const visible = ctx.state.movements.filter(
      (m) =>
        m.iysCode === c.get('iysCode') &&
        m.brandCode === brandCode &&
        isIysSource(m.source) === wantIys &&
        m.creationMs >= from &&
        m.creationMs <= to,
    );
    let start = 0;
    if (cursor) {
      const seconds = Number(cursor[1]) * 1000;
      const txid = cursor[2];
      // Resume after the last movement with that second and id; else after that second.
      let last = -1;
      visible.forEach((m, i) => {
        if (m.creationMs === seconds && m.transactionId === txid) last = i;
      });
      start = last >= 0 ? last + 1 : visible.findIndex((m) => m.creationMs > seconds);
      if (start < 0) start = visible.length;
    }
    const page = visible.slice(start, start + limit);
    if (page.length === 0) return c.body(null, 204);
    return c.json({
      after: cursorOf(page[page.length - 1]!),
      list: page.map((m) => ({
        ...movementAnswer(m),
        ...(m.citizenName === undefined ? {} : { citizenName: m.citizenName }),
      })),
    });
  });
  return app;
}
