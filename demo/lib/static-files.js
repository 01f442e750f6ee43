// The demo's pages, as files under a strict Content-Security-Policy (the widget bundle is the
// server's own route): no inline script or style anywhere, so what works here works on a site
// that sets the same policy.
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PAGE_PATHS, renderPage } from './pages.js';

/** The policy every demo page is served with (the widget README's embed policy, tightened). */
export const DEMO_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  "img-src 'self'",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** @type {Record<string, string | undefined>} */
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json; charset=utf-8',
};

const PUBLIC = fileURLToPath(new URL('../public/', import.meta.url));

/**
 * The file under `public/` a GET path names, or undefined (the pages are `PAGE_PATHS`).
 * @param {string} pathname
 * @returns {string | undefined}
 */
export function fileForPath(pathname) {
  let decoded;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0')) return undefined;
  const file = normalize(join(PUBLIC, decoded));
  return file.startsWith(PUBLIC) && !file.slice(PUBLIC.length).split(sep).includes('..')
    ? file
    : undefined;
}

/**
 * A GET/HEAD answer for `pathname`, or undefined when no such file exists.
 * @param {string} method
 * @param {string} pathname
 * @returns {Promise<Response | undefined>}
 */
export async function serveStatic(method, pathname) {
  const page = PAGE_PATHS[pathname];
  /** @type {string | Buffer} */
  let body;
  /** @type {string} */
  let type;
  if (page) {
    body = renderPage(page);
    type = 'text/html; charset=utf-8';
  } else {
    const file = fileForPath(pathname);
    const fileType = file && TYPES[extname(file)];
    if (!file || !fileType) return undefined;
    type = fileType;
    try {
      body = await readFile(file);
    } catch {
      return undefined;
    }
  }
  return new Response(method === 'HEAD' ? null : body, {
    status: 200,
    headers: {
      'content-type': type,
      'cache-control': 'no-cache',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      ...(type.startsWith('text/html') ? { 'content-security-policy': DEMO_CSP } : {}),
    },
  });
}
