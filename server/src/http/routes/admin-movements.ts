// The delivery side of the admin API: outbox movements by state, dead letters with İYS's code and
// message, the retry of a dead letter after a fix, and delivery counts (near-deadline included).
import { Hono } from 'hono';
import { MovementState, excerpt } from '@izinli/core';
import type { Movement, TenantConfig } from '@izinli/core';
import { ApiError } from '../api-error.js';
import type { AppDeps } from '../app-deps.js';
import type { AdminEnv } from './admin-auth.js';

/** Movements pending within this long of their deadline are flagged (issue 6). */
export const NEAR_DEADLINE_MS = 24 * 3_600_000;

const brandsOf = (tenant: TenantConfig) =>
  new Set(tenant.sites.map((s) => `${s.brand.iysCode}:${s.brand.brandCode}`));
const mine = (tenant: TenantConfig) => {
  const brands = brandsOf(tenant);
  return (m: Movement) => brands.has(`${m.iysCode}:${m.brandCode}`);
};

function badQuery(path: string, expected: string, received: unknown): ApiError {
  return new ApiError(400, 'query.invalid', `The query parameter ${path} is not valid.`, [
    { code: 'query.invalid', path: [path], expected, received: excerpt(received) },
  ]);
}

/** Mounted at /v1/admin/movements, behind the admin auth. */
export function adminMovementRoutes(deps: AppDeps, now: () => Date = () => new Date()) {
  return new Hono<AdminEnv>()
    .get('/', async (c) => {
      const stateText = c.req.query('state');
      const state = stateText === undefined ? undefined : MovementState.safeParse(stateText);
      if (state !== undefined && !state.success)
        throw badQuery('state', MovementState.options.join(', '), stateText);
      const limitText = c.req.query('limit') ?? '100';
      const limit = Number(limitText);
      if (!Number.isInteger(limit) || limit < 1 || limit > 1000)
        throw badQuery('limit', 'a whole number from 1 to 1000', limitText);
      const found = await deps.store.movements({
        ...(state?.success ? { state: state.data } : {}),
        limit: 10_000,
      });
      return c.json({ items: found.filter(mine(c.get('tenant'))).slice(0, limit) });
    })
    .get('/stats', async (c) => {
      const bound = new Date(now().getTime() + NEAR_DEADLINE_MS).toISOString();
      return c.json(await deps.store.deliveryStats(bound));
    })
    .post('/:movementId/retry', async (c) => {
      const id = c.req.param('movementId');
      const dead = (await deps.store.movements({ state: 'dead', limit: 100_000 })).find(
        (m) => m.id === id && mine(c.get('tenant'))(m),
      );
      if (!dead || !(await deps.store.retryDeadMovement(id, now().toISOString()))) {
        throw new ApiError(
          404,
          'movement.notDead',
          'This tenant has no dead movement with this id.',
          [
            {
              code: 'movement.notDead',
              path: ['movementId'],
              expected: 'the id of a dead movement of this tenant',
              received: excerpt(id, 60),
            },
          ],
        );
      }
      const [movement] = (await deps.store.movements({ captureId: dead.captureId })).filter(
        (m) => m.id === id,
      );
      return c.json({ movement });
    });
}
