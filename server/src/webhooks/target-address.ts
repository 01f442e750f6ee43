// Webhook targets may not reach the server's own network (SSRF): loopback, private,
// link-local (cloud metadata at 169.254.169.254), CGNAT, unique-local and multicast addresses are
// refused unless the target opts in with `allowPrivateNetwork: true`. Checked twice: on the URL
// when the config loads, and on every address the name resolves to at connect time, so a DNS
// answer that changes after the check (rebinding) cannot slip through.
import { lookup as dnsLookup } from 'node:dns';
import type { LookupAddress, LookupAllOptions, LookupOneOptions } from 'node:dns';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { BlockList, isIP } from 'node:net';
import type { Problem } from '@izinli/core';
import { cleartextUrl, HTTPS_EXPECTED } from '../config/https-only.js';

// Two lists: a BlockList checks IPv4 addresses against IPv6 rules too (as ::ffff:a.b.c.d).
const PRIVATE_V4 = new BlockList();
const PRIVATE_V6 = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 3],
] as const) {
  PRIVATE_V4.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 127],
  ['64:ff9b::', 96],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  PRIVATE_V6.addSubnet(network, prefix, 'ipv6');
}

/** Whether `address` (an IPv4 or IPv6 literal) is in a private, loopback or reserved range. */
export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return PRIVATE_V4.check(address, 'ipv4');
  if (family === 0) return false;
  const mapped = mappedIpv4(address);
  return mapped ? PRIVATE_V4.check(mapped, 'ipv4') : PRIVATE_V6.check(address, 'ipv6');
}

/** The IPv4 address inside an IPv4-mapped IPv6 one (`::ffff:10.0.0.1` or `::ffff:a00:1`). */
function mappedIpv4(address: string): string | undefined {
  const match = /^(?:0{0,4}:){0,4}:?(?:0{0,4}:)?ffff:(.+)$/i.exec(address);
  if (!match) return undefined;
  const rest = match[1]!;
  if (isIP(rest) === 4) return rest;
  const groups = /^([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(rest);
  if (!groups) return undefined;
  const [high, low] = [parseInt(groups[1]!, 16), parseInt(groups[2]!, 16)];
  return [high >> 8, high & 255, low >> 8, low & 255].join('.');
}

/** The host of `url` when it names a private network by itself (an IP literal or localhost). */
export function privateHostOf(url: string): string | undefined {
  let host: string;
  try {
    host = new URL(url).hostname;
  } catch {
    return undefined;
  }
  const literal = host.replace(/^\[(.*)\]$/, '$1');
  const lower = literal.toLowerCase().replace(/\.$/, '');
  if (lower === 'localhost' || lower.endsWith('.localhost')) return host;
  return isPrivateAddress(literal) ? host : undefined;
}

/** The config problem of a target whose URL names a private network without the opt-in. */
export function privateTargetProblem(
  target: { url: string; allowPrivateNetwork?: boolean | undefined },
  path: Problem['path'],
): Problem | undefined {
  if (target.allowPrivateNetwork === true) return undefined;
  const host = privateHostOf(target.url);
  if (host === undefined) return undefined;
  return {
    code: 'config.webhookPrivateTarget',
    path: [...path, 'url'],
    expected: {
      en: 'a public address, or "allowPrivateNetwork": true on this target if it is meant to be on your network',
      tr: 'herkese açık bir adres ya da hedef kendi ağınızdaysa bu hedefte "allowPrivateNetwork": true',
    },
    received: host,
    params: { host },
  };
}

/**
 * The config problem of a target whose events (with recipients' addresses) would travel in clear
 * text: plain http: is allowed to loopback, or to a target that opts in with
 * `allowPrivateNetwork: true` (a receiver on your own network).
 */
export function cleartextTargetProblem(
  target: { url: string; allowPrivateNetwork?: boolean | undefined },
  path: Problem['path'],
): Problem | undefined {
  if (target.allowPrivateNetwork === true) return undefined;
  const origin = cleartextUrl(target.url);
  if (origin === undefined) return undefined;
  return {
    code: 'config.webhookHttpsRequired',
    path: [...path, 'url'],
    expected: {
      en: `${HTTPS_EXPECTED.en}, or "allowPrivateNetwork": true on a target on your own network`,
      tr: `${HTTPS_EXPECTED.tr} ya da kendi ağınızdaki bir hedefte "allowPrivateNetwork": true`,
    },
    received: origin,
    params: { origin },
  };
}

/** Raised (as a fetch-like error's cause) when a name resolves to a private address. */
export class PrivateAddressError extends Error {
  readonly code = 'EPRIVATEADDRESS';
  constructor(host: string) {
    super(`${host} resolves to a private network address`);
    this.name = 'PrivateAddressError';
  }
}

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

/** A `lookup` for net.connect that refuses every answer holding a private address. */
export function publicOnlyLookup(
  hostname: string,
  options: LookupOneOptions | LookupAllOptions,
  callback: LookupCallback,
): void {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, []);
    // One private answer is enough to refuse: a rebinding name may mix them.
    if (addresses.length === 0 || addresses.some((a) => isPrivateAddress(a.address))) {
      return callback(new PrivateAddressError(hostname), []);
    }
    if ((options as LookupAllOptions).all) return callback(null, addresses);
    callback(null, addresses[0]!.address, addresses[0]!.family);
  });
}

/** What a guarded send needs to know about its target. */
export interface TargetGuard {
  allowPrivateNetwork: boolean;
}

/**
 * A fetch for webhooks over node:http(s) that checks the address it connects to, not only the
 * URL: the status comes back, the body is discarded. Errors look like fetch's (`cause.code`).
 */
export function guardedWebhookFetch(
  url: string,
  init: RequestInit,
  guard: TargetGuard = { allowPrivateNetwork: false },
): Promise<Response> {
  const target = new URL(url);
  const fail = (cause: unknown) => Object.assign(new TypeError('fetch failed'), { cause });
  if (!guard.allowPrivateNetwork && privateHostOf(url) !== undefined) {
    return Promise.reject(fail(new PrivateAddressError(target.hostname)));
  }
  const request = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise<Response>((resolve, reject) => {
    const outgoing = request(
      target,
      {
        method: init.method ?? 'GET',
        headers: init.headers as Record<string, string>,
        ...(init.signal ? { signal: init.signal } : {}),
        ...(guard.allowPrivateNetwork ? {} : { lookup: publicOnlyLookup as never }),
      },
      (incoming) => {
        incoming.resume();
        const status = incoming.statusCode ?? 0;
        if (status < 200 || status > 599) reject(fail({ code: `HTTP_${status}` }));
        else resolve(new Response(null, { status }));
      },
    );
    outgoing.on('error', (error: Error) =>
      reject(error.name === 'AbortError' ? error : fail(error)),
    );
    outgoing.end(typeof init.body === 'string' ? init.body : undefined);
  });
}
