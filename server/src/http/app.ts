// createApp(deps): the server's Hono app from injected parts (STYLE §Server). main.ts serves it;
// tests call app.request() with no port.
import { Hono } from 'hono';
import type { Context } from 'hono';
import { cors } from 'hono/cors';
import { HTTPException } from 'hono/http-exception';
import { ApiError, apiErrorResponse } from './api-error.js';
import { DEFAULT_LIMITS } from './app-deps.js';
import type { AppDeps } from './app-deps.js';
import { openApiDocument } from './openapi.js';
import { adminRoutes } from './routes/admin.js';
import { adminConsoleRoutes } from './routes/admin-console.js';
import { captureRoutes } from './routes/captures.js';
import { checkRoutes } from './routes/check.js';
import { iysPushRoutes } from './routes/iys-push.js';
import { checkpointRoutes, jwksRoutes } from './routes/proof.js';
import { opsRoutes } from './routes/ops.js';
import { widgetRoutes } from './routes/widget.js';
import { withdrawRoutes } from './routes/withdraw.js';
import { securityHeaders } from './security-headers.js';

/** The peer address of a request served by @hono/node-server. */
function socketIp(c: Context): string | undefined {
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)
    ?.incoming;
  return incoming?.socket?.remoteAddress;
}

/** Builds the server's HTTP app. */
export function createApp(deps: AppDeps) {
  const limits = { ...DEFAULT_LIMITS, ...deps.limits };
  const clientIp = deps.clientIp ?? socketIp;
  const origins = new Set(
    [...deps.config.sites.values()].flatMap(({ site }) => site.allowedOrigins),
  );
  const publicCors = cors({
    origin: (origin) => (origins.has(origin) ? origin : null),
    allowMethods: ['GET', 'POST'],
    allowHeaders: ['Content-Type'],
    exposeHeaders: ['ETag', 'Retry-After'],
    maxAge: 600,
  });
  const openapi = JSON.stringify(openApiDocument(deps.version));

  const app = new Hono();
  app.use(async function countRequests(c, next) {
    await next();
    const route = c.req.routePath || 'unmatched';
    deps.metrics.requests.inc({ method: c.req.method, route, status: String(c.res.status) });
  });
  app.use(securityHeaders());
  app.use('/v1/captures', publicCors);
  app.use('/v1/sites/*', publicCors);
  app.route('/v1/captures', captureRoutes(deps, limits, clientIp));
  app.route('/v1/sites', widgetRoutes(deps));
  app.route('/.well-known', jwksRoutes(deps));
  app.route('/v1/checkpoints', checkpointRoutes(deps));
  app.route('/v1/admin', adminRoutes(deps));
  app.route('/', adminConsoleRoutes(deps.consoleDir));
  app.route('/v1/check', checkRoutes(deps));
  app.route('/v1/withdraw', withdrawRoutes(deps, clientIp));
  app.route('/v1/iys/push', iysPushRoutes(deps));
  app.route('/', opsRoutes(deps));
  app.get('/openapi.json', (c) =>
    c.body(openapi, 200, { 'Content-Type': 'application/json; charset=utf-8' }),
  );

  app.notFound(
    async (c) =>
      (await deps.fallback?.(c.req.raw)) ??
      apiErrorResponse(
        c,
        new ApiError(404, 'route.unknown', {
          en: `No route ${c.req.method} ${c.req.path}; see /openapi.json for the routes.`,
          tr: `${c.req.method} ${c.req.path} diye bir yol yok; yollar için /openapi.json’a bakın.`,
        }),
      ),
  );
  app.onError((error, c) => {
    if (error instanceof ApiError) return apiErrorResponse(c, error);
    if (error instanceof HTTPException && error.status < 500) {
      // Hono's own wording is English only: Turkish gets the status alone.
      const text = {
        en: `The request was refused (HTTP ${error.status}): ${error.message}`,
        tr: `İstek reddedildi (HTTP ${error.status}): sunucu onu bu biçimde kabul etmiyor.`,
      };
      return apiErrorResponse(c, new ApiError(error.status, 'request.invalid', text));
    }
    // No personal data in logs: the error and the route, never the body.
    deps.logger.error(
      { err: error, route: c.req.routePath, method: c.req.method },
      'request failed',
    );
    return apiErrorResponse(
      c,
      new ApiError(
        503,
        'server.unavailable',
        {
          en: 'The server could not complete the request; retry later.',
          tr: 'Sunucu isteği tamamlayamadı; daha sonra yeniden deneyin.',
        },
        [],
        {
          'Retry-After': '5',
        },
      ),
    );
  });
  return app;
}
