import { Channel, IYS_MESSAGE_VARIANTS, RecipientType, iysError } from '@izinli/core';
import type { IysErrorEntry, IysStatusResponse } from '@izinli/core';
import { Hono } from 'hono';
import type { SimContext, SimEnv } from '../context.js';
import { inKeyOrder, iysErrors, readJson } from '../http.js';
import { randomUuid } from '../ids.js';
import { checkRecipient } from '../recipient.js';
import { consentKey } from '../state.js';
import type { ConsentRecord } from '../state.js';
import { checkQueryBody } from './query-body.js';

/** A stored record in the single-status answer's shape and key order. */
export function statusAnswer(record: ConsentRecord): IysStatusResponse {
  const answer = {
    ...record,
    // The document's example names the retailer; accounts know retailers by code only.
    retailerTitle: record.retailerCode === undefined ? undefined : `Bayi ${record.retailerCode}`,
    retailerAccessCount: record.retailerAccess?.length,
  };
  return inKeyOrder(answer, [
    'consentDate',
    'source',
    'recipientType',
    'status',
    'type',
    'recipient',
    'retailerCode',
    'creationDate',
    'retailerTitle',
    'retailerAccessCount',
    'transactionId',
  ]) as IysStatusResponse;
}

/**
 * Single status (`POST …/consents/status`, 1000 per hour per IP → 429 H086) and multi status
 * (`POST …/consents/{recipientType}/status/{type}`, only the ONAY recipients come back).
 */
export function statusRoutes(ctx: SimContext): Hono<SimEnv> {
  const app = new Hono<SimEnv>();

  app.post('/:iysCode/brands/:brandCode/consents/status', async (c) => {
    if (!ctx.limiters.status.take(c.get('ip'), ctx.clock.nowMs())) {
      return iysErrors(c, [iysError('H086')]);
    }
    const body = await readJson(c);
    if (!body.ok) return iysErrors(c, [iysError('H014')]);
    const query = checkQueryBody(body.value, ctx.options.limits, ctx.options.policy);
    if (!query.ok) return iysErrors(c, query.errors);
    const record = ctx.state.consents.get(
      consentKey({ iysCode: c.get('iysCode'), brandCode: c.get('brand').brandCode, ...query }),
    );
    // İYS does not document "no record"; the simulator answers 404 with İYS's own sentence.
    if (!record) return iysErrors(c, [iysError('H1084')], 404);
    return c.json(statusAnswer(record));
  });

  app.post('/:iysCode/brands/:brandCode/consents/:recipientType/status/:type', async (c) => {
    const rawRecipientType = c.req.param('recipientType');
    const rawType = c.req.param('type');
    const recipientType = RecipientType.safeParse(rawRecipientType);
    const type = Channel.safeParse(rawType);
    const pathErrors: IysErrorEntry[] = [];
    if (!recipientType.success) {
      pathErrors.push(iysError('H116', { location: ['recipientType'], value: rawRecipientType }));
    }
    if (!type.success) pathErrors.push(iysError('H117', { location: ['type'], value: rawType }));
    if (!recipientType.success || !type.success) return iysErrors(c, pathErrors);

    const body = await readJson(c);
    if (!body.ok) return iysErrors(c, [iysError('H014')]);
    const b = body.value as { recipients?: unknown } | null;
    const recipients =
      b !== null && typeof b === 'object' && !Array.isArray(b) ? b.recipients : undefined;
    const at = { location: ['recipients'] };
    if (recipients === undefined || recipients === null)
      return iysErrors(c, [iysError('H168', at)]);
    if (!Array.isArray(recipients)) {
      return iysErrors(c, [iysError('H478', { ...at, value: recipients })]);
    }
    if (recipients.length === 0) return iysErrors(c, [iysError('H164', { ...at, value: [] })]);
    if (recipients.length > ctx.options.limits.multiStatusSize) {
      return iysErrors(c, [iysError('H127', at)]);
    }

    const errors: IysErrorEntry[] = [];
    const normalized: string[] = [];
    const seen = new Set<string>();
    recipients.forEach((raw: unknown, i) => {
      const checked =
        typeof raw === 'string'
          ? checkRecipient(raw, type.data, ctx.options.limits, ctx.options.policy)
          : undefined;
      if (!checked?.ok) {
        errors.push(
          iysError('H464', {
            message: IYS_MESSAGE_VARIANTS.recipientFormatForType(type.data),
            location: ['recipient'],
            value: raw,
          }),
        );
        return;
      }
      if (seen.has(checked.recipient)) {
        errors.push(
          iysError('H193', {
            message: IYS_MESSAGE_VARIANTS.recipientRepeated,
            location: ['recipients', i],
            value: raw,
          }),
        );
        return;
      }
      seen.add(checked.recipient);
      normalized.push(checked.recipient);
    });
    if (errors.length) return iysErrors(c, errors);

    const base = { iysCode: c.get('iysCode'), brandCode: c.get('brand').brandCode };
    const list = normalized.filter(
      (recipient) =>
        ctx.state.consents.get(
          consentKey({ ...base, recipientType: recipientType.data, type: type.data, recipient }),
        )?.status === 'ONAY',
    );
    return c.json({ requestId: randomUuid(ctx.options.random), list });
  });

  return app;
}
