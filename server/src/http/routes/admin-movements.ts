// The delivery side of the admin API, scoped to the tenant's sites in the store query: outbox
// movements by state or at risk of their deadline, a cursor page at a time; dead letters with
// İYS's code and message; the retry of a dead letter after a fix (batch-sent ones too); and
// delivery counts of the tenant's movements (near-deadline included).
import { Hono } from 'hono';
import { MovementState, excerpt } from '@izinli/core';
import type { TenantConfig } from '@izinli/core';
import { NEAR_DEADLINE_MS } from '../../store/ports/movement-store.js';
import { isMovementCursor } from '../../store/sql/movement-query.js';
import { ApiError } from '../api-error.js';
import type { DepsWith } from '../app-deps.js';
import type { MovementStore } from '../../store/ports/movement-store.js';
import type { AdminEnv } from './admin-auth.js';
import { badQuery } from './bad-query.js';
import { NEXT_CURSOR, wholeNumber } from './query-texts.js';

export { NEAR_DEADLINE_MS } from '../../store/ports/movement-store.js';

/** The tenant's site keys: a movement is the tenant's when its capture is one of these sites'. */
const sitesOf = (tenant: TenantConfig) => tenant.sites.map((s) => s.siteKey);

/** Mounted at /v1/admin/movements, behind the admin auth. */
export function adminMovementRoutes(
  deps: DepsWith<MovementStore>,
  now: () => Date = () => new Date(),
) {
  return new Hono<AdminEnv>()
    .get('/', async (c) => {
      const stateText = c.req.query('state');
      const state = stateText === undefined ? undefined : MovementState.safeParse(stateText);
      if (state !== undefined && !state.success)
        throw badQuery(
          'state',
          {
            en: MovementState.options.join(', '),
            tr: `şunlardan biri: ${MovementState.options.join(', ')}`,
          },
          stateText,
        );
      const limitText = c.req.query('limit') ?? '100';
      const limit = Number(limitText);
      if (!Number.isInteger(limit) || limit < 1 || limit > 1000)
        throw badQuery('limit', wholeNumber(1000), limitText);
      const atRisk = c.req.query('atRisk');
      if (atRisk !== undefined && atRisk !== 'true' && atRisk !== 'false')
        throw badQuery('atRisk', { en: 'true or false', tr: 'true ya da false' }, atRisk);
      const cursor = c.req.query('cursor');
      if (cursor !== undefined && !isMovementCursor(cursor))
        throw badQuery('cursor', NEXT_CURSOR, cursor);
      const page = await deps.store.movementPage({
        siteKeys: sitesOf(c.get('tenant')),
        ...(state?.success ? { state: state.data } : {}),
        ...(atRisk === 'true'
          ? { deadlineBefore: new Date(now().getTime() + NEAR_DEADLINE_MS).toISOString() }
          : {}),
        ...(cursor !== undefined ? { cursor } : {}),
        limit,
      });
      return c.json(page);
    })
    .get('/stats', async (c) => {
      const bound = new Date(now().getTime() + NEAR_DEADLINE_MS).toISOString();
      return c.json(await deps.store.deliveryStats(bound, sitesOf(c.get('tenant'))));
    })
    .post('/:movementId/retry', async (c) => {
      const id = c.req.param('movementId');
      const siteKeys = sitesOf(c.get('tenant'));
      const [dead] = (await deps.store.movementPage({ siteKeys, id, state: 'dead' })).items;
      if (!dead || !(await deps.store.retryDeadMovement(id, now().toISOString()))) {
        throw new ApiError(
          404,
          'movement.notDead',
          {
            en: 'This tenant has no dead movement with this id.',
            tr: 'Bu kiracının bu kimlikle ölü bir hareketi yok.',
          },
          {
            path: ['movementId'],
            expected: {
              en: 'the id of a dead movement of this tenant',
              tr: 'bu kiracıya ait ölü bir hareketin kimliği',
            },
            received: excerpt(id, 60),
          },
        );
      }
      const [movement] = (await deps.store.movementPage({ siteKeys, id })).items;
      return c.json({ movement });
    });
}
