// Public proof: the keys receipts verify with, and the signed chain heads.
import { Hono } from 'hono';
import { SiteKey, excerpt } from '@izinli/core';
import { ApiError } from '../api-error.js';
import type { AppDeps, DepsWith } from '../app-deps.js';
import type { ChainStore } from '../../store/ports/chain-store.js';
import { wholeNumber } from './query-texts.js';

/** GET /.well-known/jwks.json */
export function jwksRoutes(deps: AppDeps) {
  return new Hono().get('/jwks.json', (c) => {
    c.header('Cache-Control', 'public, max-age=300');
    return c.json(deps.jwks());
  });
}

/** GET /v1/checkpoints?siteKey=…&limit=… — newest first. */
export function checkpointRoutes(deps: DepsWith<ChainStore>) {
  return new Hono().get('/', async (c) => {
    const siteKey = c.req.query('siteKey');
    if (siteKey !== undefined && !SiteKey.safeParse(siteKey).success) {
      const text = { en: 'siteKey is not a site key.', tr: 'siteKey bir site anahtarı değil.' };
      throw new ApiError(400, 'query.invalid', text, {
        path: ['siteKey'],
        expected: { en: 'a site key', tr: 'bir site anahtarı' },
        received: excerpt(siteKey),
      });
    }
    const limitText = c.req.query('limit') ?? '100';
    const limit = Number(limitText);
    if (!Number.isInteger(limit) || limit < 1 || limit > 1000) {
      const text = {
        en: 'limit must be a whole number from 1 to 1000.',
        tr: 'limit 1 ile 1000 arasında bir tam sayı olmalıdır.',
      };
      throw new ApiError(400, 'query.invalid', text, {
        path: ['limit'],
        expected: wholeNumber(1000),
        received: excerpt(limitText),
      });
    }
    return c.json({ checkpoints: await deps.store.checkpoints(siteKey, limit) });
  });
}
