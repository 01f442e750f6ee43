import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { z } from 'zod';
import { applyIpPolicy, truncateIp } from './capture-ip-policy.js';
import { SiteConfig } from './site-config.js';
import { exampleSiteConfig } from './site-config.fixture.js';

describe('truncateIp', () => {
  it.each([
    ['203.0.113.77', '203.0.113.0'],
    ['2001:db8:85a3:8d3:1319:8a2e:370:7348', '2001:db8:85a3::'],
    ['2001:db8::1', '2001:db8::'],
    ['::1', '::'],
    ['::ffff:192.0.2.128', '192.0.2.0'],
    ['64:ff9b::192.0.2.33', '64:ff9b::'],
    ['2001:DB8:ABCD:12::1', '2001:db8:abcd::'],
  ])('cuts %s to %s', (ip, expected) => {
    expect(truncateIp(ip)).toBe(expected);
  });

  it('gives nothing for text that is not an IP address', () => {
    expect(truncateIp('bilinmiyor')).toBeUndefined();
    expect(truncateIp('300.1.1.1')).toBeUndefined();
  });

  it('always gives a valid address of the same family, with the host part zeroed', () => {
    fc.assert(
      fc.property(fc.ipV4(), (ip) => {
        const cut = truncateIp(ip)!;
        expect(z.ipv4().safeParse(cut).success).toBe(true);
        expect(cut.endsWith('.0')).toBe(true);
        expect(cut.split('.').slice(0, 3)).toEqual(ip.split('.').slice(0, 3));
      }),
    );
    fc.assert(
      fc.property(fc.ipV6(), (ip) => {
        const cut = truncateIp(ip)!;
        expect(z.union([z.ipv4(), z.ipv6()]).safeParse(cut).success).toBe(true);
      }),
    );
  });
});

describe('applyIpPolicy', () => {
  const seen = { ip: '198.51.100.23', userAgent: 'Mozilla/5.0 Firefox/128.0' };

  it('B10: the default policy keeps a truncated IP and the user agent', () => {
    const policy = SiteConfig.parse({ ...exampleSiteConfig, ipPolicy: undefined }).ipPolicy;
    expect(applyIpPolicy(policy, seen)).toEqual({
      ip: '198.51.100.0',
      userAgent: 'Mozilla/5.0 Firefox/128.0',
    });
  });

  it('B10: full keeps both as received, none keeps neither', () => {
    expect(applyIpPolicy('full', seen)).toEqual(seen);
    expect(applyIpPolicy('none', seen)).toEqual({});
  });

  it('drops an IP that is not an address and caps a huge user agent', () => {
    const kept = applyIpPolicy('full', { ip: 'unknown', userAgent: 'x'.repeat(5000) });
    expect(kept).toEqual({ userAgent: 'x'.repeat(1024) });
    expect(applyIpPolicy('truncated', {})).toEqual({});
  });
});
