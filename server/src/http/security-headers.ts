// Security headers on every answer: nosniff, no referrer, and a Content-Security-Policy
// that forbids everything (JSON needs nothing, and no page of ours may be framed). A route that
// sets a header itself keeps its own: the withdrawal page and the demo's files carry their own
// CSP, and pages mounted later (an admin console) can do the same.
import type { MiddlewareHandler } from 'hono';

/** Options of `securityHeaders`. */
export interface SecurityHeadersOptions {
  /** The CSP of answers that set none (default: nothing may load, nothing may frame them). */
  contentSecurityPolicy?: string;
  /** `Referrer-Policy` of answers that set none (default `no-referrer`). */
  referrerPolicy?: string;
  /**
   * Paths other sites' pages load: the widget's script and config, the capture endpoint, the
   * public proof. They get `Cross-Origin-Resource-Policy: cross-origin`; every other path
   * `same-origin`. CORS still decides which origins may read the JSON.
   */
  crossOrigin?: (path: string) => boolean;
}

/** The default CSP: nothing may load and no one may frame the answer. */
export const DEFAULT_CSP = "default-src 'none'; frame-ancestors 'none'";

/** The paths of the public, embeddable surface (the widget, captures, the proof endpoints). */
export function isPublicCrossOriginPath(path: string): boolean {
  return (
    path === '/v1/captures' ||
    path.startsWith('/v1/sites/') ||
    path === '/.well-known/jwks.json' ||
    path === '/v1/checkpoints' ||
    /^\/izinli(\.[a-z0-9-]+)*\.js$/.test(path)
  );
}

/** Adds the security headers an answer lacks; never overrides a header a route set. */
export function securityHeaders(options: SecurityHeadersOptions = {}): MiddlewareHandler {
  const csp = options.contentSecurityPolicy ?? DEFAULT_CSP;
  const referrer = options.referrerPolicy ?? 'no-referrer';
  const crossOrigin = options.crossOrigin ?? isPublicCrossOriginPath;
  return async function securityHeaders(c, next) {
    await next();
    const wanted: [string, string][] = [
      ['X-Content-Type-Options', 'nosniff'],
      ['Referrer-Policy', referrer],
      ['Content-Security-Policy', csp],
      ['Cross-Origin-Resource-Policy', crossOrigin(c.req.path) ? 'cross-origin' : 'same-origin'],
    ];
    const missing = wanted.filter(([name]) => !c.res.headers.has(name));
    if (missing.length === 0) return;
    try {
      for (const [name, value] of missing) c.res.headers.set(name, value);
    } catch {
      // A fallback may answer with a Response whose headers are immutable (e.g. from fetch()).
      const copy = new Response(c.res.body, c.res);
      for (const [name, value] of missing) copy.headers.set(name, value);
      c.res = copy;
    }
  };
}
