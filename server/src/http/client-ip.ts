// The client's IP, the one way the server finds it: the evidence address a capture or
// a withdrawal records and signs, and the key of the per-IP rate limit. Behind proxies it is read
// from X-Forwarded-For by proxy-addr (Express's walk), trusting only what TRUST_PROXY allows.
import { isIP } from 'node:net';
import type { IncomingMessage } from 'node:http';
import type { Context } from 'hono';
import proxyaddr from 'proxy-addr';
import type { TrustProxy } from '../config/trust-proxy.js';

/** No proxy: the socket's peer is the client, X-Forwarded-For is ignored. */
export const NO_PROXY: TrustProxy = { kind: 'hops', hops: 0 };

/**
 * The client IP finder for `trust`. proxy-addr walks [socket peer, XFF rightmost … leftmost] and
 * stops at the first address it may not trust: with `hops: n` the first n are trusted, so the
 * answer is the n-th XFF entry from the right (the leftmost if there are fewer, each written by a
 * trusted proxy); with `addresses` a peer outside them ends the walk, so a client that reaches the
 * server directly cannot have its XFF believed.
 *
 * The answer is undefined rather than whatever text the header held when it is not an IP address
 * (`unknown`, an address with a port, garbage), or when the request came through no Node socket
 * (`app.request()` in tests): a capture then records no address, and the rate limit counts it
 * under `unknown`.
 */
export function clientIpResolver(trust: TrustProxy): (c: Context) => string | undefined {
  const trusted =
    trust.kind === 'hops'
      ? (_address: string, index: number) => index < trust.hops
      : proxyaddr.compile(trust.addresses);
  return (c) => {
    const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
    // A destroyed socket has no peer address left; proxy-addr would return undefined for it.
    if (incoming?.socket?.remoteAddress === undefined) return undefined;
    const address = proxyaddr(incoming, trusted) as string | undefined;
    return address !== undefined && isIP(address) !== 0 ? address : undefined;
  };
}
