// Reads a request header from Node's own parsed request when the app runs on @hono/node-server.
// `c.req.header()` builds a WHATWG Headers object of every header on its first call; a GET check
// reads two headers (its request id and its bearer token) and needs nothing else built. Under
// `app.request()` (tests, no Node request) Hono's reader answers.
import type { IncomingMessage } from 'node:http';
import type { Context } from 'hono';

/**
 * The header's value as `Headers.get` gives it: every occurrence, in order, joined by `, `
 * (Node's `headers` would keep only the first Authorization; `headersDistinct` keeps them all).
 */
export function requestHeader(c: Context, name: Lowercase<string>): string | undefined {
  const incoming = (c.env as { incoming?: Partial<IncomingMessage> } | undefined)?.incoming;
  const distinct = incoming?.headersDistinct;
  if (distinct === undefined) return c.req.header(name);
  return distinct[name]?.join(', ');
}
