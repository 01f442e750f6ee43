// Liveness, readiness and Prometheus metrics. The metrics say how busy each site is and how
// İYS delivery goes: not for the public, so they can sit behind a token or on a port of their own.
import { createHash, timingSafeEqual } from 'node:crypto';
import { Hono } from 'hono';
import type { Context } from 'hono';
import { ApiError, apiErrorResponse } from '../api-error.js';
import type { DepsWith } from '../app-deps.js';
import type { StoreAdmin } from '../../store/ports/store-admin.js';
import type { ServerMetrics } from '../metrics.js';
import { packageVersion } from '../../package-version.js';

// Declared beside the app's dependencies, which name it, so the two files do not import each other.
export type { MetricsAccess } from '../app-deps.js';

const digest = (text: string) => createHash('sha256').update(text).digest();

/** The Prometheus text of `metrics`. */
export async function metricsResponse(c: Context, metrics: ServerMetrics): Promise<Response> {
  c.header('Content-Type', metrics.registry.contentType);
  return c.body(await metrics.registry.metrics());
}

function refuseMetrics(c: Context, sent: boolean): Response {
  return apiErrorResponse(
    c,
    new ApiError(
      401,
      'metrics.unauthorized',
      {
        en: 'The metrics need the token set in METRICS_TOKEN: Authorization: Bearer <token>.',
        tr: 'Ölçümler METRICS_TOKEN ile belirlenen belirteci ister: Authorization: Bearer <belirteç>.',
      },
      [
        {
          code: 'metrics.unauthorized',
          path: [],
          expected: {
            en: 'Authorization: Bearer <the METRICS_TOKEN>',
            tr: 'Authorization: Bearer <METRICS_TOKEN değeri>',
          },
          received: sent ? 'a different token' : 'no Authorization header',
          receivedText: sent
            ? { en: 'a different token', tr: 'başka bir belirteç' }
            : { en: 'no Authorization header', tr: 'Authorization başlığı yok' },
        },
      ],
      { 'WWW-Authenticate': 'Bearer realm="izinli-metrics"' },
    ),
  );
}

/** /healthz (the process answers), /readyz (the database answers), /metrics (per its access). */
export function opsRoutes(deps: DepsWith<StoreAdmin>) {
  const access = deps.metricsAccess ?? { kind: 'open' };
  const routes = new Hono()
    .get('/healthz', (c) => c.json({ status: 'ok', version: deps.version ?? packageVersion() }))
    .get('/readyz', async (c) => {
      const database = await deps.store.ping().catch(() => false);
      return c.json(
        { status: database ? 'ready' : 'unavailable', store: deps.store.kind, database },
        database ? 200 : 503,
      );
    });
  if (access.kind === 'elsewhere') return routes;
  const expected = access.kind === 'token' ? digest(access.token) : undefined;
  return routes.get('/metrics', (c) => {
    if (expected) {
      const header = c.req.header('Authorization') ?? '';
      const sent = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
      if (sent === undefined || !timingSafeEqual(digest(sent), expected)) {
        return refuseMetrics(c, header !== '');
      }
    }
    return metricsResponse(c, deps.metrics);
  });
}
