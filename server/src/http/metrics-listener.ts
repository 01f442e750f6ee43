// /metrics on a port of its own (env METRICS_PORT), for a Prometheus inside the network while the
// app's port faces the world; nothing else is served there.
import { serve } from '@hono/node-server';
import type { Server } from 'node:http';
import { Hono } from 'hono';
import type { ServerMetrics } from './metrics.js';
import { metricsResponse } from './routes/ops.js';
import type { MetricsAccess } from './routes/ops.js';

/** Who may read /metrics on the app's port, from the environment. */
export function metricsAccessOf(env: {
  METRICS_PORT?: number | undefined;
  METRICS_TOKEN?: string | undefined;
}): MetricsAccess {
  if (env.METRICS_PORT !== undefined) return { kind: 'elsewhere' };
  return env.METRICS_TOKEN ? { kind: 'token', token: env.METRICS_TOKEN } : { kind: 'open' };
}

/** A listener serving only `GET /metrics`; resolves once it listens. */
export async function serveMetrics(options: {
  metrics: ServerMetrics;
  port: number;
  host: string;
}): Promise<{ url: string; close(): Promise<void> }> {
  const app = new Hono().get('/metrics', (c) => metricsResponse(c, options.metrics));
  let server!: Server;
  const port = await new Promise<number>((resolve, reject) => {
    server = serve({ fetch: app.fetch, port: options.port, hostname: options.host }, (info) =>
      resolve(info.port),
    ) as Server;
    server.once('error', reject);
  });
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    url: `http://${host}:${port}/metrics`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  };
}
