// Liveness, readiness and Prometheus metrics.
import { Hono } from 'hono';
import type { DepsWith } from '../app-deps.js';
import type { StoreAdmin } from '../../store/ports/store-admin.js';

/** /healthz (the process answers), /readyz (the database answers), /metrics. */
export function opsRoutes(deps: DepsWith<StoreAdmin>) {
  return new Hono()
    .get('/healthz', (c) => c.json({ status: 'ok', version: deps.version ?? '0.0.0' }))
    .get('/readyz', async (c) => {
      const database = await deps.store.ping().catch(() => false);
      return c.json(
        { status: database ? 'ready' : 'unavailable', store: deps.store.kind, database },
        database ? 200 : 503,
      );
    })
    .get('/metrics', async (c) => {
      c.header('Content-Type', deps.metrics.registry.contentType);
      return c.body(await deps.metrics.registry.metrics());
    });
}
