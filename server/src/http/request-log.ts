// Every request gets an id (a sane incoming X-Request-Id, else a new one), echoed in the answer,
// in its access-log line and in its error body, so a site owner's support ticket can be matched
// to the server's log. The access line names the route template, never the path or query: those
// carry recipients (`/v1/check?recipient=…`) and ids that are personal data (B10).
import { randomUUID } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type {} from 'hono/request-id';
import { matchedRoutes, routePath } from 'hono/route';
import type { Logger } from 'pino';
import type { ServerMetrics } from './metrics.js';
import { requestHeader } from './request-header.js';

/** Longest incoming request id kept; a longer (or odd-charactered) one is replaced by a UUID. */
export const REQUEST_ID_MAX = 128;

/**
 * Takes or makes the request id and echoes it as `X-Request-Id` (as `hono/request-id` does, with
 * the incoming header read from Node's parsed request: see request-header.ts).
 */
export function requestIds(): MiddlewareHandler {
  return async function requestIds(c, next) {
    let id = requestHeader(c, 'x-request-id');
    if (!id || id.length > REQUEST_ID_MAX || /[^\w\-=]/.test(id)) id = randomUUID();
    c.set('requestId', id);
    c.header('X-Request-Id', id);
    await next();
  };
}

/** Counts and times every request by method, route template and status; logs one line each. */
export function requestLog(options: {
  metrics: ServerMetrics;
  logger: Logger;
  /** One info line per request (env `ACCESS_LOG`, on by default). */
  accessLog: boolean;
}): MiddlewareHandler {
  const { metrics, logger, accessLog } = options;
  return async function logRequest(c, next) {
    const started = performance.now();
    await next();
    const seconds = (performance.now() - started) / 1000;
    // Only middleware (method ALL) matched: no route answered, whatever path the last one had.
    const routed = matchedRoutes(c).some((r) => r.method !== 'ALL');
    const labels = {
      method: c.req.method,
      route: routed ? routePath(c) : 'unmatched',
      status: String(c.res.status),
    };
    metrics.requests.inc(labels);
    metrics.requestSeconds.observe(labels, seconds);
    if (accessLog) {
      logger.info(
        {
          reqId: c.get('requestId'),
          method: labels.method,
          route: labels.route,
          status: c.res.status,
          ms: Math.round(seconds * 10_000) / 10,
        },
        'request',
      );
    }
  };
}
