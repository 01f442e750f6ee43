// TRUST_PROXY: which X-Forwarded-For entries the server may believe. Only an entry a
// proxy we run wrote is evidence; anything to its left is whatever the client chose to send.
// http/client-ip.ts walks the header with these settings.
import { isIP } from 'node:net';
import proxyaddr from 'proxy-addr';

/**
 * How the client's address is found. `hops`: that many proxies stand in front of the server, each
 * appending its peer to X-Forwarded-For (0: no proxy, the socket's peer is the client). `addresses`:
 * the proxies' own addresses and ranges; the walk from the socket's peer leftwards stops at the
 * first address outside them.
 */
export type TrustProxy =
  | { kind: 'hops'; hops: number; /** Set when written as the old `true`. */ fromTrue?: true }
  | { kind: 'addresses'; addresses: string[] };

/** The most proxy hops accepted: more is a typo (an address missing its dots), not a deployment. */
export const MAX_PROXY_HOPS = 10;

/** proxy-addr's names for common ranges, accepted as entries of the list. */
const NAMED_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** What TRUST_PROXY accepts, in English (a refusal's `expected`). */
export const TRUST_PROXY_EXPECTED =
  `0 or false (no proxy: the socket's address), the number of proxies in front (1 to ` +
  `${MAX_PROXY_HOPS}; true means 1), or the proxies' addresses and CIDR ranges separated by ` +
  `commas (e.g. 127.0.0.1,10.0.0.0/8; loopback, linklocal and uniquelocal name those ranges)`;

/** TRUST_PROXY_EXPECTED in Turkish. */
export const TRUST_PROXY_EXPECTED_TR =
  `0 ya da false (vekil sunucu yok: soketin adresi), öndeki vekil sunucu sayısı (1 ile ` +
  `${MAX_PROXY_HOPS} arası; true 1 demektir) ya da vekil sunucuların adresleri ve CIDR ` +
  `aralıkları, virgülle ayrılmış (ör. 127.0.0.1,10.0.0.0/8; loopback, linklocal ve uniquelocal ` +
  `bu aralıkların adlarıdır)`;

export type TrustProxyParse =
  | { ok: true; value: TrustProxy }
  | {
      ok: false;
      /** The entry that is not valid (the whole value for a bad count). */ entry: string;
    };

/** Reads TRUST_PROXY's text; an unset variable is `0`. */
export function parseTrustProxy(text: string): TrustProxyParse {
  const value = text.trim();
  if (value === 'false') return { ok: true, value: { kind: 'hops', hops: 0 } };
  // `true` cannot mean the leftmost X-Forwarded-For entry, which the client writes; it means the
  // one proxy most deployments have (nginx), so a config that says `true` records honest addresses.
  if (value === 'true') return { ok: true, value: { kind: 'hops', hops: 1, fromTrue: true } };
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    return hops <= MAX_PROXY_HOPS
      ? { ok: true, value: { kind: 'hops', hops } }
      : { ok: false, entry: value };
  }
  const addresses = value.split(',').map((entry) => entry.trim());
  for (const entry of addresses) {
    if (!isTrustedAddress(entry)) return { ok: false, entry };
  }
  return { ok: true, value: { kind: 'addresses', addresses } };
}

/** Whether one list entry is an address, a CIDR range (or netmask) or a named range. */
function isTrustedAddress(entry: string): boolean {
  if (NAMED_RANGES.has(entry)) return true;
  // proxy-addr's parser (ipaddr.js) also takes forms like `10.1` or `0x0a000001`, which read as
  // typos here: the address itself must be written as Node writes addresses.
  const slash = entry.lastIndexOf('/');
  if (isIP(slash === -1 ? entry : entry.slice(0, slash)) === 0) return false;
  try {
    proxyaddr.compile(entry);
    return true;
  } catch {
    // proxy-addr refuses a bad prefix length or netmask (`/33`, `/0`, `/255.0.255.0`).
    return false;
  }
}
