import { formatIysDate, iysError } from '@izinli/core';
import type { IysErrorEntry } from '@izinli/core';
import { Hono } from 'hono';
import { quotaRefusal } from '../account-state.js';
import type { SimContext, SimEnv } from '../context.js';
import { validateConsent } from '../consent-validation.js';
import { iysErrors, readJson } from '../http.js';
import { randomUuid } from '../ids.js';
import { consentKey } from '../state.js';
import type { Batch, NormalizedConsent } from '../state.js';
import { validationContext } from './validation-context.js';

const DAY_MS = 86_400_000;

/**
 * Batch add (`POST …/consents/request`) and its status (`GET …/consents/request/{requestId}`), v1
 * and v2. Format errors reject the whole list at once (422, per-item `index`); the rest is judged
 * when the batch is processed, 300 simulated seconds after submission.
 */
export function batchRoutes(ctx: SimContext, version: 'v1' | 'v2'): Hono<SimEnv> {
  const app = new Hono<SimEnv>();

  app.post('/:iysCode/brands/:brandCode/consents/request', async (c) => {
    const body = await readJson(c);
    if (!body.ok) return iysErrors(c, [iysError('H014')]);
    const list = body.value;
    if (!Array.isArray(list) || list.length === 0) return iysErrors(c, [iysError('H092')]);
    const { limits, policy } = ctx.options;
    if (list.length > limits.batchSize) return iysErrors(c, [iysError(policy.batchTooLargeCode)]);

    const vctx = validationContext(ctx, c);
    const errors: IysErrorEntry[] = [];
    const consents: NormalizedConsent[] = [];
    const seen = new Set<string>();
    list.forEach((item, index) => {
      const checked = validateConsent(item, vctx, index);
      if (!checked.ok) {
        errors.push(...checked.errors);
        return;
      }
      const key = consentKey(checked.consent);
      if (seen.has(key)) errors.push(iysError('H194', { index }));
      seen.add(key);
      consents.push(checked.consent);
    });
    if (errors.length) return iysErrors(c, errors);
    // A package already full refuses the whole batch at once (the batch's own 422 example); one
    // that fills up while the batch waits refuses the rest item by item when it is processed.
    const account = c.get('account');
    const accountState = ctx.accounts.get(account.iysCode);
    const full = consents.map((consent) => quotaRefusal(ctx.state, account, accountState, consent));
    if (full.some((e) => e !== null)) return iysErrors(c, [iysError('H525')]);

    const nowMs = ctx.clock.nowMs();
    const creationDate = formatIysDate(new Date(nowMs));
    const batch: Batch = {
      requestId: randomUuid(ctx.options.random),
      version,
      iysCode: vctx.iysCode,
      brandCode: vctx.brand.brandCode,
      submittedMs: nowMs,
      dueMs: nowMs + limits.batchFirstPollSeconds * 1000 + ctx.faults.batchDelayMs,
      items: consents.map((consent) => ({ consent, subRequestId: randomUuid(ctx.options.random) })),
    };
    ctx.state.batches.set(batch.requestId, batch);
    const subRequests = batch.items.map(({ consent, subRequestId }) => ({
      type: consent.type,
      ...(consent.source === undefined ? {} : { source: consent.source }),
      recipient: consent.recipient,
      status: consent.status,
      ...(consent.consentDate === undefined ? {} : { consentDate: consent.consentDate }),
      recipientType: consent.recipientType,
      subRequestId,
      creationDate,
    }));
    return c.json({ requestId: batch.requestId, subRequests }, 202);
  });

  app.get('/:iysCode/brands/:brandCode/consents/request/:requestId', (c) => {
    const requestId = c.req.param('requestId');
    const bad = (code: 'H198' | 'H199' | 'H400') =>
      iysErrors(c, [iysError(code, { location: ['requestId'], value: requestId })]);
    if (requestId.length > 36) return bad('H198');
    if (/^[A-Za-z]+$/.test(requestId)) return bad('H199');
    if (/^\d+$/.test(requestId)) return bad('H400');

    const nowMs = ctx.clock.nowMs();
    const batch = ctx.state.batches.get(requestId);
    const { limits } = ctx.options;
    if (
      !batch ||
      batch.iysCode !== c.get('iysCode') ||
      batch.brandCode !== c.get('brand').brandCode ||
      nowMs - batch.submittedMs > limits.batchRetentionDays * DAY_MS ||
      nowMs - batch.submittedMs < limits.batchFirstPollSeconds * 1000
    ) {
      return c.json([]);
    }
    if (!batch.results) {
      // İYS's example spells the key `subrequestId` on queued items.
      return c.json(
        batch.items.map((item, index) => ({
          index,
          status: 'enqueue',
          subrequestId: item.subRequestId,
        })),
      );
    }
    return c.json(
      batch.results.map((r) => {
        if (r.status === 'failure') {
          return {
            subRequestId: r.subRequestId,
            index: r.index,
            status: r.status,
            error: { code: r.error!.code, message: r.error!.message },
          };
        }
        return {
          requestId: batch.requestId,
          subRequestId: r.subRequestId,
          index: r.index,
          transactionId: r.transactionId,
          status: r.status,
          creationDate: r.creationDate,
          ...(version === 'v2' && r.original
            ? {
                isAddConsentV2Service: r.original.viaSingleV2,
                ...(r.original.requestId
                  ? {
                      originalRequestInformation: {
                        requestId: r.original.requestId,
                        subRequestId: r.original.subRequestId,
                      },
                    }
                  : {}),
              }
            : {}),
        };
      }),
    );
  });

  return app;
}
