// The widget's script as the izinli server serves it to other sites' pages: the bundles of the
// installed @izinli/widget (widget/bundle.ts) at /izinli.js and /izinli.iife.js (short cache, so
// a new release reaches pages within minutes) and at /widget/<version>/… (immutable, for pages
// that pin a version with Subresource Integrity). The bundle is public code, so any origin may
// load it (`Access-Control-Allow-Origin: *`, `Cross-Origin-Resource-Policy: cross-origin`); the
// API routes it then calls still answer CORS only to the site's allowedOrigins.
import { Hono } from 'hono';
import type { Context } from 'hono';
import { WIDGET_FILES } from '../../widget/bundle.js';
import type { WidgetBundle, WidgetFile } from '../../widget/bundle.js';
import { ApiError } from '../api-error.js';

const SHORT = 'public, max-age=300';
const IMMUTABLE = 'public, max-age=31536000, immutable';

/** The routes serving the bundle, at the root of the app. */
export function widgetBundleRoutes(bundle: WidgetBundle | undefined) {
  const serve = (c: Context, name: WidgetFile, cacheControl: string) => {
    const file = bundle?.files[name];
    if (!file) {
      throw new ApiError(404, 'widget.notBuilt', {
        en: `The widget bundle ${name} is not installed or not built: install @izinli/widget (or run \`npm run build\` in a checkout).`,
        tr: `Bileşen dosyası ${name} kurulu ya da derlenmiş değil: @izinli/widget paketini kurun (ya da depo kopyasında \`npm run build\` çalıştırın).`,
      });
    }
    const headers: Record<string, string> = {
      'Content-Type': 'text/javascript; charset=utf-8',
      'Cache-Control': cacheControl,
      ETag: file.etag,
      'Access-Control-Allow-Origin': '*',
      'Cross-Origin-Resource-Policy': 'cross-origin',
      'X-Content-Type-Options': 'nosniff',
    };
    const match = c.req.header('if-none-match');
    if (match !== undefined && match.split(',').some((tag) => tag.trim() === file.etag)) {
      return c.body(null, 304, headers);
    }
    // Hono answers HEAD through this GET route and drops the body itself.
    return c.body(file.body, 200, {
      ...headers,
      'Content-Length': String(file.body.byteLength),
    });
  };
  const app = new Hono();
  for (const name of WIDGET_FILES) {
    app.get(`/${name}`, (c) => serve(c, name, SHORT));
  }
  app.get('/widget/:version/:file', (c) => {
    const name = c.req.param('file') as WidgetFile;
    const version = c.req.param('version');
    if (!WIDGET_FILES.includes(name) || version !== bundle?.version) {
      throw new ApiError(
        404,
        'widget.unknownVersion',
        {
          en: `This server serves widget ${bundle?.version ?? '(none)'}; use /widget/${bundle?.version ?? '<version>'}/izinli.js or /izinli.js.`,
          tr: `Bu sunucu bileşenin ${bundle?.version ?? '(hiçbir)'} sürümünü sunar; /widget/${bundle?.version ?? '<sürüm>'}/izinli.js ya da /izinli.js adresini kullanın.`,
        },
        {
          path: ['(path)'],
          expected: {
            en: `/widget/${bundle?.version ?? '<version>'}/${WIDGET_FILES.join(' or ')}`,
            tr: `/widget/${bundle?.version ?? '<sürüm>'}/${WIDGET_FILES.join(' ya da ')}`,
          },
          received: `/widget/${version}/${name}`.slice(0, 120),
        },
      );
    }
    return serve(c, name, IMMUTABLE);
  });
  // What a page or a tool needs to pin the script: the version, each file's URL path and SRI.
  app.get('/widget/integrity.json', (c) =>
    c.json(
      {
        version: bundle?.version ?? null,
        files: Object.fromEntries(
          Object.entries(bundle?.files ?? {}).map(([name, file]) => [
            name,
            { path: `/widget/${bundle!.version}/${name}`, integrity: file.integrity },
          ]),
        ),
      },
      200,
      { 'Access-Control-Allow-Origin': '*', 'Cache-Control': SHORT },
    ),
  );
  return app;
}
