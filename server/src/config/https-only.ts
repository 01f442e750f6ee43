// Personal data and İYS credentials do not travel in clear text: İYS's base URL and
// webhook targets must be https:. Plain http: is left for this machine's loopback, where the demo
// and the tests run the İYS simulator and their webhook receivers.
import { BlockList } from 'node:net';
import type { Localized } from '@izinli/core';

const LOOPBACK = new BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');
// ::ffff:127.0.0.0/104, as the URL parser writes an IPv4-mapped loopback (`[::ffff:7f00:1]`).
LOOPBACK.addSubnet('::ffff:7f00:0', 104, 'ipv6');

/** What a refusal says is accepted (the problem's `expected`). */
export const HTTPS_EXPECTED: Localized = {
  en: 'an https:// URL (plain http:// only to this machine: 127.0.0.0/8, ::1 or localhost)',
  tr: 'https:// ile başlayan bir adres (düz http:// yalnızca bu makineye: 127.0.0.0/8, ::1 ya da localhost)',
};

/** Whether a URL's hostname (as `new URL().hostname` gives it) is this machine's loopback. */
export function isLoopbackHostname(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  if (host === 'localhost') return true;
  if (host.startsWith('[')) return LOOPBACK.check(host.slice(1, -1), 'ipv6');
  return /^\d+\.\d+\.\d+\.\d+$/.test(host) && LOOPBACK.check(host, 'ipv4');
}

/**
 * What to report as received when `url` would travel in clear text — not https:, and not http:
 * to loopback — or undefined when it may be used. Only the scheme and host: a path may carry a
 * receiver's token. An unparsable URL is the URL schema's problem, not this one's.
 */
export function cleartextUrl(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol === 'https:') return undefined;
  if (parsed.protocol === 'http:' && isLoopbackHostname(parsed.hostname)) return undefined;
  return `${parsed.protocol}//${parsed.host}`;
}
