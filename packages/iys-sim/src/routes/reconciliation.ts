import { RecipientType, iysError } from '@izinli/core';
import type { IysErrorEntry } from '@izinli/core';
import { Hono } from 'hono';
import type { Context } from 'hono';
import type { SimContext, SimEnv } from '../context.js';
import { DOCUMENT_EXAMPLE_CODES, documentError } from '../document-codes.js';
import { iysErrors, readJson } from '../http.js';
import {
  dailyCsv,
  dailyFileHash,
  dailyMovements,
  dailySummary,
  daysBefore,
  turkeyDayStart,
} from '../reconciliation/daily-file.js';
import { timeStampResponse } from '../reconciliation/tsa.js';
import { sha256Hex } from '../ids.js';

/** How far back a day may be reconciled ("en fazla 7 gün öncesine kadar"). */
const WINDOW_DAYS = 7;
const DAY_MS = 86_400_000;

type Day = { ok: true; day: string; past: boolean } | { ok: false; errors: IysErrorEntry[] };

/**
 * Checks `{reportDate}`: `YYYY-MM-DD` (422 H501) and at most 7 days back (422 H502). `past` is
 * false for today and later: İYS builds a day's file at its end, so there is nothing yet.
 */
function reportDay(c: Context<SimEnv>, nowMs: number): Day {
  const raw = c.req.param('reportDate') ?? '';
  if (Number.isNaN(turkeyDayStart(raw))) {
    return { ok: false, errors: [documentError('H501', 'reportDate', raw)] };
  }
  const back = daysBefore(raw, nowMs);
  if (back > WINDOW_DAYS) return { ok: false, errors: [documentError('H502', 'reportDate', raw)] };
  return { ok: true, day: raw, past: back >= 1 };
}

const fail = (c: Context<SimEnv>, errors: IysErrorEntry[]) => iysErrors(c, errors, 422);

/**
 * Reconciliation (MUTABAKAT YÖNETİMİ) of a brand's completed Turkey days, at most 7 back: the
 * summary, the daily movement file (CSV), its SHA-384 with the agreement state, recording the
 * agreement, and the RFC 3161 time stamp of the file. A day with no movements, today and later
 * days answer 204.
 */
export function reconciliationRoutes(ctx: SimContext): Hono<SimEnv> {
  const app = new Hono<SimEnv>();
  const base = '/:iysCode/brands/:brandCode';

  /** The day's file, or the answer to give instead. */
  function file(
    c: Context<SimEnv>,
  ): { answer: Response } | { day: string; csv: string; key: string } {
    const day = reportDay(c, ctx.clock.nowMs());
    if (!day.ok) return { answer: fail(c, day.errors) };
    const iysCode = c.get('iysCode');
    const brandCode = c.get('brand').brandCode;
    const movements = day.past ? dailyMovements(ctx.state, iysCode, brandCode, day.day) : [];
    if (movements.length === 0) return { answer: c.body(null, 204) };
    const csv = dailyCsv(movements);
    return { day: day.day, csv, key: `${iysCode}/${brandCode}/${day.day}` };
  }

  app.get(`${base}/changes/:reportDate/recipients/:recipientType`, (c) => {
    const errors: IysErrorEntry[] = [];
    const day = reportDay(c, ctx.clock.nowMs());
    if (!day.ok) errors.push(...day.errors);
    const rawType = c.req.param('recipientType');
    const recipientType = RecipientType.safeParse(rawType);
    if (!recipientType.success) {
      errors.push(iysError('H116', { location: ['recipientType'], value: rawType }));
    }
    if (!day.ok || !recipientType.success) return fail(c, errors);
    const summary = dailySummary(
      ctx.state,
      c.get('iysCode'),
      c.get('brand').brandCode,
      day.day,
      recipientType.data,
    );
    return c.json(summary);
  });

  app.get(`${base}/changes/:reportDate/file`, (c) => {
    const f = file(c);
    if ('answer' in f) return f.answer;
    return c.body(f.csv, 200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${f.day}.csv"`,
    });
  });

  app.get(`${base}/agreements/:reportDate`, (c) => {
    const f = file(c);
    if ('answer' in f) return f.answer;
    return c.json({
      processStatus: 'completed',
      hashValue: dailyFileHash(f.csv),
      hashMethod: 'SHA-384',
      agreementStatus: ctx.state.agreements.has(f.key),
    });
  });

  app.put(`${base}/agreements/:reportDate`, async (c) => {
    const f = file(c);
    if ('answer' in f) return f.answer;
    const body = await readJson(c);
    if (!body.ok) return iysErrors(c, [iysError('H014')]);
    const status = (body.value as { agreementStatus?: unknown } | null)?.agreementStatus;
    if (status !== true) {
      const shown = status === undefined ? 'null' : JSON.stringify(status);
      const message = DOCUMENT_EXAMPLE_CODES.H512.message(shown);
      return fail(c, [{ code: 'H512', location: ['agreementStatus'], message }]);
    }
    ctx.state.agreements.add(f.key);
    return c.json({ agreementCaptured: true });
  });

  app.get(`${base}/agreements/:reportDate/timestamp`, async (c) => {
    const f = file(c);
    if ('answer' in f) return f.answer;
    // Stamped at the end of the day, like İYS's end-of-day run; the serial names the file.
    const genTime = new Date(turkeyDayStart(f.day) + DAY_MS);
    const serial = Buffer.from(sha256Hex(f.key).slice(0, 16), 'hex');
    const tsr = await timeStampResponse(new TextEncoder().encode(f.csv), genTime, serial);
    return c.body(tsr.slice().buffer, 200, {
      'content-type': 'application/timestamp-reply',
      'content-disposition': `attachment; filename="${f.day}.tsr"`,
    });
  });

  return app;
}
