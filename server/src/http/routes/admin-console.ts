// The admin console (admin/) as the server serves it: the built files of @izinli/admin
// at /admin (the HTML shell) and /admin/<file> (its script and stylesheet), under a strict CSP.
// The server never imports the console's code: it finds the built folder by path, and answers a
// plain 404 when the console is not built.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Hono } from 'hono';
import type { Context } from 'hono';
import { excerpt } from '@izinli/core';
import { ApiError, apiErrorResponse, requestLocale } from '../api-error.js';

/** The console's policy: its own files only; no inline script or style, no framing. */
export const CONSOLE_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; " +
  "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; " +
  "frame-ancestors 'none'";

const TYPES: Record<string, string> = {
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  svg: 'image/svg+xml',
  png: 'image/png',
};
// Flat names only: nothing outside the built folder can be named.
const ASSET = /^[a-z0-9][a-z0-9-]*\.(js|css|svg|png)$/;

/** dist/ of the @izinli/admin workspace, if it is installed (built or not). */
export function defaultConsoleDir(): string | undefined {
  try {
    const pkg = createRequire(import.meta.url).resolve('@izinli/admin/package.json');
    return join(dirname(pkg), 'dist');
  } catch {
    return undefined;
  }
}

function headers(type: string): Record<string, string> {
  return {
    'Content-Type': type,
    'Content-Security-Policy': CONSOLE_CSP,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-cache',
  };
}

async function readOrUndefined(file: string): Promise<Buffer | undefined> {
  try {
    return await readFile(file);
  } catch {
    return undefined;
  }
}

function notBuilt(c: Context, what: string): Response {
  const message = {
    en: `The admin console is not built (${what} is missing): run \`npm run build\`.`,
    tr: `Yönetim konsolu derlenmemiş (${what} eksik): \`npm run build\` komutunu çalıştırın.`,
  };
  if ((c.req.header('accept') ?? '').includes('text/html')) {
    const locale = requestLocale(c);
    const title = locale === 'tr' ? 'izinli yönetim: derlenmemiş' : 'izinli admin: not built';
    const html = `<!doctype html><html lang="${locale}"><meta charset="utf-8"><title>${title}</title><h1>${locale === 'tr' ? 'izinli yönetim' : 'izinli admin'}</h1><p>${message[locale].replace('`npm run build`', '<code>npm run build</code>')}</p></html>`;
    return c.body(html, 404, headers('text/html; charset=utf-8'));
  }
  for (const [name, value] of Object.entries(headers('application/json')))
    if (name !== 'Content-Type') c.header(name, value);
  return apiErrorResponse(
    c,
    new ApiError(404, 'console.notBuilt', message, {
      path: [],
      expected: {
        en: 'admin/dist/ built by `npm run build`',
        tr: '`npm run build` ile derlenmiş admin/dist/',
      },
      received: excerpt(what),
    }),
  );
}

const noFile = (name: string) => ({
  en: `The admin console has no file ${excerpt(name)}.`,
  tr: `Yönetim konsolunda ${excerpt(name)} adlı bir dosya yok.`,
});

/** Mounted at /: /admin, /admin/ and /admin/<file>. `dir` is the built console (default: @izinli/admin's dist/). */
export function adminConsoleRoutes(dir: string | undefined = defaultConsoleDir()) {
  const shell = async (c: Context) => {
    const html = dir ? await readOrUndefined(join(dir, 'index.html')) : undefined;
    if (!html) return notBuilt(c, 'index.html');
    return c.body(new Uint8Array(html), 200, headers('text/html; charset=utf-8'));
  };
  return new Hono()
    .get('/admin', shell)
    .get('/admin/', shell)
    .get('/admin/index.html', shell)
    .get('/admin/:file', async (c) => {
      const name = c.req.param('file');
      const match = ASSET.exec(name);
      if (!match) {
        return apiErrorResponse(c, new ApiError(404, 'route.unknown', noFile(name)));
      }
      const body = dir ? await readOrUndefined(join(dir, name)) : undefined;
      if (!body) {
        const built = dir ? await readOrUndefined(join(dir, 'index.html')) : undefined;
        if (!built) return notBuilt(c, name);
        return apiErrorResponse(c, new ApiError(404, 'route.unknown', noFile(name)));
      }
      return c.body(new Uint8Array(body), 200, headers(TYPES[match[1]!]!));
    });
}
