import { z } from 'zod';
import type { IpPolicy } from './site-config-shape.js';

const IPV4 = z.ipv4();
const IPV6 = z.ipv6();

/** The eight 16-bit groups of an IPv6 address, with `::` expanded and a dotted IPv4 tail converted. */
function ipv6Groups(ip: string): number[] {
  let text = ip;
  const tail = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (tail) {
    const [a, b, c, d] = tail[1]!.split('.').map(Number) as [number, number, number, number];
    text = `${text.slice(0, tail.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', rest] = text.split('::');
  const parse = (part: string) => (part === '' ? [] : part.split(':').map((g) => parseInt(g, 16)));
  const left = parse(head);
  const right = rest === undefined ? [] : parse(rest);
  return [...left, ...Array<number>(8 - left.length - right.length).fill(0), ...right];
}

/**
 * An IP address cut to its network: IPv4 to /24 (`203.0.113.0`), IPv6 to /48 (`2001:db8:85a3::`);
 * an IPv4-mapped IPv6 address is treated as the IPv4 address it carries. Enough to tell a
 * country and an operator apart as proof, too little to single out a subscriber (B10).
 */
export function truncateIp(ip: string): string | undefined {
  if (IPV4.safeParse(ip).success) return ip.split('.').slice(0, 3).concat('0').join('.');
  if (!IPV6.safeParse(ip).success) return undefined;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) return truncateIp(mapped[1]!);
  const [a, b, c] = ipv6Groups(ip).map((g) => g.toString(16));
  // URL writes IPv6 hosts in RFC 5952 canonical form (lower case, longest zero run as ::).
  return new URL(`http://[${a}:${b}:${c}::]`).hostname.slice(1, -1);
}

/**
 * What the proof keeps of the requester under a site's IP policy (B10): `full` keeps both as
 * received, `truncated` keeps the truncated IP and the user agent, `none` keeps neither. An IP
 * that is not a valid address is dropped rather than stored.
 */
export function applyIpPolicy(
  policy: IpPolicy,
  seen: { ip?: string | undefined; userAgent?: string | undefined },
): { ip?: string; userAgent?: string } {
  if (policy === 'none') return {};
  const valid = seen.ip !== undefined && z.union([IPV4, IPV6]).safeParse(seen.ip).success;
  const ip = !valid ? undefined : policy === 'full' ? seen.ip : truncateIp(seen.ip!);
  // The user agent is capped to what CaptureRecord accepts, so a huge header cannot break a record.
  const userAgent = seen.userAgent?.slice(0, 1024);
  return { ...(ip ? { ip } : {}), ...(userAgent ? { userAgent } : {}) };
}
