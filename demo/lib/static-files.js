// The demo's pages, as files under a strict Content-Security-Policy (the widget bundle is the
// server's own route): no inline script or style anywhere, so what works here works on a site
// that sets the same policy.
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

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
 * The file a GET path names, or undefined: `/` and `/en/` are their folder's index.html.
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
  const relative = decoded.endsWith('/') ? `${decoded}index.html` : decoded;
  const file = normalize(join(PUBLIC, relative));
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
  const file = fileForPath(pathname);
  const type = file && TYPES[extname(file)];
  if (!type) return undefined;
  let body;
  try {
    body = await readFile(file);
  } catch {
    return undefined;
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
