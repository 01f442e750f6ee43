// Webhook targets may not reach the server's own network (SSRF) nor carry events in
// clear text: the config check refuses a target whose URL names a private network (loopback,
// private, link-local, CGNAT, unique-local, multicast) or is plain http: beyond loopback, unless
// the target opts in with `allowPrivateNetwork: true`. webhooks/target-address.ts checks the
// resolved addresses again at connect time with the same ranges.
import { BlockList, isIP } from 'node:net';
import type { Problem } from '@izinli/core';
import { cleartextUrl, HTTPS_EXPECTED } from './https-only.js';

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

/** A webhook target as the config states it. */
interface WebhookTarget {
  url: string;
  allowPrivateNetwork?: boolean | undefined;
}

/**
 * The config problem of `code` at the target's `url` when `find` finds something in it (named
 * `param` in the problem's params), unless the target opts in with `allowPrivateNetwork: true`.
 */
function unlessOptedIn(
  target: WebhookTarget,
  path: Problem['path'],
  rule: {
    code: string;
    find: (url: string) => string | undefined;
    param: string;
    expected: Problem['expected'];
  },
): Problem | undefined {
  if (target.allowPrivateNetwork === true) return undefined;
  const found = rule.find(target.url);
  if (found === undefined) return undefined;
  return {
    code: rule.code,
    path: [...path, 'url'],
    expected: rule.expected,
    received: found,
    params: { [rule.param]: found },
  };
}

/** The config problem of a target whose URL names a private network without the opt-in. */
export function privateTargetProblem(
  target: WebhookTarget,
  path: Problem['path'],
): Problem | undefined {
  return unlessOptedIn(target, path, {
    code: 'config.webhookPrivateTarget',
    find: privateHostOf,
    param: 'host',
    expected: {
      en: 'a public address, or "allowPrivateNetwork": true on this target if it is meant to be on your network',
      tr: 'herkese açık bir adres ya da hedef kendi ağınızdaysa bu hedefte "allowPrivateNetwork": true',
    },
  });
}

/**
 * The config problem of a target whose events (with recipients' addresses) would travel in clear
 * text: plain http: is allowed to loopback, or to a target that opts in with
 * `allowPrivateNetwork: true` (a receiver on your own network).
 */
export function cleartextTargetProblem(
  target: WebhookTarget,
  path: Problem['path'],
): Problem | undefined {
  return unlessOptedIn(target, path, {
    code: 'config.webhookHttpsRequired',
    find: cleartextUrl,
    param: 'origin',
    expected: {
      en: `${HTTPS_EXPECTED.en}, or "allowPrivateNetwork": true on a target on your own network`,
      tr: `${HTTPS_EXPECTED.tr} ya da kendi ağınızdaki bir hedefte "allowPrivateNetwork": true`,
    },
  });
}
