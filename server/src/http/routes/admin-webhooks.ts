// The webhook side of the admin API: this tenant's deliveries by state (dead ones carry the last
// status and cause) and the retry of a dead delivery once the receiver is fixed.
import { Hono } from 'hono';
import { excerpt } from '@izinli/core';
import { WEBHOOK_DELIVERY_STATES } from '../../store/ports/webhook-store.js';
import type { WebhookDeliveryState } from '../../store/ports/webhook-store.js';
import { ApiError } from '../api-error.js';
import type { DepsWith } from '../app-deps.js';
import type { WebhookStore } from '../../store/ports/webhook-store.js';
import type { AdminEnv } from './admin-auth.js';
import { badQuery } from './bad-query.js';
import { wholeNumber } from './query-texts.js';

const isState = (value: string): value is WebhookDeliveryState =>
  (WEBHOOK_DELIVERY_STATES as readonly string[]).includes(value);

const LIST_PARAMETERS = new Set(['state', 'limit']);

/** Mounted at /v1/admin/webhooks, behind the admin auth. */
export function adminWebhookRoutes(deps: DepsWith<WebhookStore>) {
  const now = deps.now ?? (() => new Date());
  const outbox = deps.store.webhookOutbox;
  return new Hono<AdminEnv>()
    .get('/deliveries', async (c) => {
      // The list has no pages: a cursor (or any other parameter) would be silently ignored.
      const unknown = Object.keys(c.req.queries()).find((name) => !LIST_PARAMETERS.has(name));
      if (unknown !== undefined)
        throw badQuery(
          unknown,
          { en: 'only state and limit', tr: 'yalnızca state ve limit' },
          c.req.query(unknown),
        );
      const state = c.req.query('state');
      if (state !== undefined && !isState(state))
        throw badQuery(
          'state',
          {
            en: WEBHOOK_DELIVERY_STATES.join(', '),
            tr: `şunlardan biri: ${WEBHOOK_DELIVERY_STATES.join(', ')}`,
          },
          state,
        );
      const limitText = c.req.query('limit') ?? '100';
      const limit = Number(limitText);
      if (!Number.isInteger(limit) || limit < 1 || limit > 1000)
        throw badQuery('limit', wholeNumber(1000), limitText);
      const tenantId = c.get('tenant').id;
      return c.json({ items: await outbox.list({ tenantId, limit, ...(state ? { state } : {}) }) });
    })
    .post('/deliveries/:deliveryId/retry', async (c) => {
      const id = c.req.param('deliveryId');
      const tenantId = c.get('tenant').id;
      if (!(await outbox.retry(id, tenantId, now().toISOString()))) {
        throw new ApiError(
          404,
          'webhookDelivery.notDead',
          {
            en: 'This tenant has no dead webhook delivery with this id.',
            tr: 'Bu kiracının bu kimlikle ölü bir webhook gönderimi yok.',
          },
          {
            path: ['deliveryId'],
            expected: {
              en: 'the id of a dead webhook delivery of this tenant',
              tr: 'bu kiracıya ait ölü bir webhook gönderiminin kimliği',
            },
            received: excerpt(id, 60),
          },
        );
      }
      return c.json({ delivery: await outbox.get(id) });
    });
}
