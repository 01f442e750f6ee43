// createApp(deps): the server's Hono app from injected parts (docs/architecture.md#conventions). main.ts serves it;
// tests call app.request() with no port.
import { Hono } from 'hono';
import { cors } from 'hono/cors';
import { HTTPException } from 'hono/http-exception';
import { routePath } from 'hono/route';
import { ApiError, apiErrorResponse } from './api-error.js';
import { clientIpResolver, NO_PROXY } from './client-ip.js';
import { DEFAULT_LIMITS } from './app-deps.js';
import type { AppDeps } from './app-deps.js';
import { openApiDocument } from './openapi.js';
import { packageVersion } from '../package-version.js';
import { adminRoutes } from './routes/admin.js';
import { adminConsoleRoutes } from './routes/admin-console.js';
import { captureRoutes } from './routes/captures.js';
import { checkRoutes } from './routes/check.js';
import { iysPushRoutes } from './routes/iys-push.js';
import { checkpointRoutes, jwksRoutes } from './routes/proof.js';
import { opsRoutes } from './routes/ops.js';
import { widgetRoutes } from './routes/widget.js';
import { withdrawRoutes } from './routes/withdraw.js';
import { verificationRoutes } from './routes/verifications.js';
import { widgetBundleRoutes } from './routes/widget-bundle.js';
import { defaultWidgetBundle } from '../widget/bundle.js';
import { refuseUnstorableUrl } from './request-text.js';
import { OriginRefusals } from './origin-refusals.js';
import { requestIds, requestLog } from './request-log.js';
import { securityHeaders } from './security-headers.js';

/** Builds the server's HTTP app. */
export function createApp(given: AppDeps) {
  const deps: AppDeps = {
    ...given,
    originRefusals:
      given.originRefusals ??
      new OriginRefusals({ counter: given.metrics.originRefusals, logger: given.logger }),
  };
  const limits = { ...DEFAULT_LIMITS, ...deps.limits };
  const clientIp = deps.clientIp ?? clientIpResolver(NO_PROXY);
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
  const openapi = JSON.stringify(openApiDocument(deps.version ?? packageVersion()));

  const app = new Hono();
  app.use(requestIds());
  app.use(
    requestLog({ metrics: deps.metrics, logger: deps.logger, accessLog: deps.accessLog ?? true }),
  );
  app.use(securityHeaders());
  app.use(refuseUnstorableUrl());
  app.use('/v1/captures', publicCors);
  app.use('/v1/verifications', publicCors);
  app.use('/v1/verifications/*', publicCors);
  // The widget config answers CORS to any origin, so a page whose origin the site does not allow
  // can read its refusal (403 origin.forbidden, which says what to change) and report it; such a
  // page never reads the config itself. Captures keep CORS for allowed origins only.
  app.use(
    '/v1/sites/*',
    cors({
      origin: (origin) => origin,
      allowMethods: ['GET'],
      exposeHeaders: ['ETag'],
      maxAge: 600,
    }),
  );
  app.route('/v1/captures', captureRoutes(deps, limits, clientIp));
  app.route('/v1/sites', widgetRoutes(deps));
  app.route('/.well-known', jwksRoutes(deps));
  app.route('/v1/checkpoints', checkpointRoutes(deps));
  app.route('/v1/admin', adminRoutes(deps));
  app.route('/', adminConsoleRoutes(deps.consoleDir));
  app.route(
    '/',
    widgetBundleRoutes(
      deps.widget === undefined ? defaultWidgetBundle() : (deps.widget ?? undefined),
    ),
  );
  app.route('/v1/check', checkRoutes(deps));
  app.route('/v1/withdraw', withdrawRoutes(deps, clientIp));
  if (deps.verification) {
    app.route('/v1', verificationRoutes({ ...deps, verification: deps.verification }, clientIp));
  }
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
      { err: error, reqId: c.get('requestId'), route: routePath(c), method: c.req.method },
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
