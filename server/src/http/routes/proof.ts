// Public proof: the keys receipts verify with, and the signed chain heads.
import { Hono } from 'hono';
import { SiteKey, excerpt } from '@izinli/core';
import { ApiError } from '../api-error.js';
import type { AppDeps } from '../app-deps.js';

/** GET /.well-known/jwks.json */
export function jwksRoutes(deps: AppDeps) {
  return new Hono().get('/jwks.json', (c) => {
    c.header('Cache-Control', 'public, max-age=300');
    return c.json(deps.jwks());
  });
}

/** GET /v1/checkpoints?siteKey=…&limit=… — newest first. */
export function checkpointRoutes(deps: AppDeps) {
  return new Hono().get('/', async (c) => {
    const siteKey = c.req.query('siteKey');
    if (siteKey !== undefined && !SiteKey.safeParse(siteKey).success) {
      throw new ApiError(400, 'query.invalid', 'siteKey is not a site key.', [
        {
          code: 'query.invalid',
          path: ['siteKey'],
          expected: 'a site key',
          received: excerpt(siteKey),
        },
      ]);
    }
    const limitText = c.req.query('limit') ?? '100';
    const limit = Number(limitText);
    if (!Number.isInteger(limit) || limit < 1 || limit > 1000) {
      throw new ApiError(400, 'query.invalid', 'limit must be a whole number from 1 to 1000.', [
        {
          code: 'query.invalid',
          path: ['limit'],
          expected: 'a whole number from 1 to 1000',
          received: excerpt(limitText),
        },
      ]);
    }
    return c.json({ checkpoints: await deps.store.checkpoints(siteKey, limit) });
  });
}
