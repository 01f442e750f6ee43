import { describe, expect, it } from 'vitest';
import { problemMessage } from '@izinli/core';
import type { Problem } from '@izinli/core';
import { parseServerEnv } from './env.js';

/**
 * The one problem `parseServerEnv` finds in `{ [name]: value }`: its code, its path (the name),
 * the text both its expected messages contain, and any other fields it must carry.
 */
function onlyProblem(
  name: string,
  value: string,
  code: string,
  expected: { en: string; tr: string },
  fields: Record<string, unknown> = {},
): Problem {
  const env = parseServerEnv({ [name]: value });
  expect(env.ok).toBe(false);
  if (env.ok) throw new Error(`${name}=${value} was accepted`);
  expect(env.error).toEqual([
    expect.objectContaining({
      code,
      path: [name],
      expected: {
        en: expect.stringContaining(expected.en) as string,
        tr: expect.stringContaining(expected.tr) as string,
      },
      ...fields,
    }),
  ]);
  return env.error[0]!;
}

describe('parseServerEnv', () => {
  it('fills every default from an empty environment', () => {
    const env = parseServerEnv({});
    expect(env.ok && env.value).toMatchObject({
      PORT: 8787,
      DATA_DIR: './data',
      TRUST_PROXY: { kind: 'hops', hops: 0 },
      RATE_LIMIT_PER_IP: 120,
      SYNC_INTERVAL_SECONDS: 300,
      DELIVERY_INTERVAL_MS: 1000,
    });
    expect(env.ok && env.value.DATABASE_URL).toBeUndefined();
  });

  it('treats an empty variable as unset', () => {
    const env = parseServerEnv({ DATABASE_URL: '', PORT: '' });
    expect(env.ok && env.value.PORT).toBe(8787);
  });

  it('reports every bad variable by name', () => {
    const env = parseServerEnv({ PORT: 'seksen', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud' });
    expect(env.ok).toBe(false);
    if (env.ok) return;
    expect(env.error.map((p) => p.path[0]).sort()).toEqual(['DATABASE_URL', 'LOG_LEVEL', 'PORT']);
    expect(
      problemMessage(
        env.error.find((p) => p.path[0] === 'PORT')!,
        'en',
      ),
    ).toContain('seksen');
  });

  describe('IYS_BASE_URL (İYS credentials and personal data never in clear text)', () => {
    it.each([
      'https://api.iys.org.tr',
      'https://api.sandbox.iys.org.tr/',
      'http://127.0.0.1:8788',
      'http://127.8.9.10:1',
      'http://[::1]:8788',
      'http://[::ffff:127.0.0.1]:8788',
      'http://localhost:8788',
      'http://LOCALHOST.:8788',
    ])('accepts %s', (url) => {
      const env = parseServerEnv({ IYS_BASE_URL: url });
      expect(env.ok && env.value.IYS_BASE_URL).toBe(url);
    });

    it.each([
      ['http://api.iys.org.tr', 'http://api.iys.org.tr'],
      ['http://10.0.0.5:8788/v2', 'http://10.0.0.5:8788'],
      ['http://0.0.0.0:8788', 'http://0.0.0.0:8788'],
      ['http://128.0.0.1', 'http://128.0.0.1'],
      ['http://localhost.example.com', 'http://localhost.example.com'],
      ['http://[::2]', 'http://[::2]'],
      ['ftp://api.iys.org.tr', 'ftp://api.iys.org.tr'],
    ])('refuses %s, saying https:// was expected and what came', (url, origin) => {
      const problem = onlyProblem('IYS_BASE_URL', url, 'env.httpsRequired', {
        en: 'https://',
        tr: 'https://',
      });
      expect(problemMessage(problem, 'en')).toBe(
        `IYS_BASE_URL: expected an https:// URL (e.g. https://api.iys.org.tr; plain http:// only to this machine: 127.0.0.0/8, ::1 or localhost), as İYS credentials and personal data are not sent in clear text; received ${origin}`,
      );
      expect(problemMessage(problem, 'tr')).toMatch(/^IYS_BASE_URL: https:\/\/ ile başlayan/);
      expect(problemMessage(problem, 'tr')).toContain(`gelen ${origin}`);
    });
  });

  describe('TRUST_PROXY (which X-Forwarded-For entries are evidence)', () => {
    it.each([
      ['0', { kind: 'hops', hops: 0 }],
      ['false', { kind: 'hops', hops: 0 }],
      ['1', { kind: 'hops', hops: 1 }],
      ['2', { kind: 'hops', hops: 2 }],
      [' 10 ', { kind: 'hops', hops: 10 }],
      // `true` ("trust X-Forwarded-For") means one proxy; startServer warns about it.
      ['true', { kind: 'hops', hops: 1, fromTrue: true }],
      ['127.0.0.1', { kind: 'addresses', addresses: ['127.0.0.1'] }],
      [
        '127.0.0.1, 10.0.0.0/8,::1,2001:db8::/32',
        { kind: 'addresses', addresses: ['127.0.0.1', '10.0.0.0/8', '::1', '2001:db8::/32'] },
      ],
      ['192.168.0.0/255.255.0.0', { kind: 'addresses', addresses: ['192.168.0.0/255.255.0.0'] }],
      ['loopback,uniquelocal', { kind: 'addresses', addresses: ['loopback', 'uniquelocal'] }],
    ])('reads %j', (value, expected) => {
      const env = parseServerEnv({ TRUST_PROXY: value });
      expect(env.ok && env.value.TRUST_PROXY).toEqual(expected);
    });

    const where = (entry: string) => `, where "${entry}" is none of these`;
    it.each([
      ['11', ''],
      ['99999999999999999999', ''],
      ['yes', ''],
      ['-1', ''],
      ['1.5', ''],
      ['10.0.0.0/33', ''],
      // /0 would trust every address: the client could write its own.
      ['0.0.0.0/0', ''],
      ['10.0.0.0/255.0.255.0', ''],
      ['proxy.example.com', ''],
      ['10.0.0.1:8080', ''],
      ['[::1]', ''],
      ['127.0.0.1,10.1', where('10.1')],
      ['127.0.0.1, 10.0.0.0/8, ::1/129', where('::1/129')],
      ['127.0.0.1,,10.0.0.1', ', which has an empty entry'],
      ['127.0.0.1,', ', which has an empty entry'],
    ])('refuses %j at start, saying what was expected and what came', (value, suffix) => {
      const problem = onlyProblem(
        'TRUST_PROXY',
        value,
        'env.trustProxy',
        { en: 'the number of proxies in front', tr: 'öndeki vekil sunucu sayısı' },
        { received: JSON.stringify(value) },
      );
      expect(problemMessage(problem, 'en')).toBe(
        `TRUST_PROXY: expected 0 or false (no proxy: the socket's address), the number of proxies in front (1 to 10; true means 1), or the proxies' addresses and CIDR ranges separated by commas (e.g. 127.0.0.1,10.0.0.0/8; loopback, linklocal and uniquelocal name those ranges); received ${JSON.stringify(value)}${suffix}`,
      );
      expect(problemMessage(problem, 'tr')).toMatch(
        /^TRUST_PROXY: 0 ya da false .* bekleniyordu; gelen "/,
      );
    });
  });
});

describe('SMTP_URL and SMTP_FROM (verification e-mails)', () => {
  it('reads an smtp:// or smtps:// URL with its sender, and a timeout', () => {
    const env = parseServerEnv({
      SMTP_URL: 'smtps://izin:parola@smtp.example.com.tr:465',
      SMTP_FROM: 'Örnek <izin@ornek.com.tr>',
    });
    expect(env.ok && env.value).toMatchObject({
      SMTP_URL: 'smtps://izin:parola@smtp.example.com.tr:465',
      SMTP_FROM: 'Örnek <izin@ornek.com.tr>',
      SMTP_TIMEOUT_MS: 10_000,
    });
    const bare = parseServerEnv({
      SMTP_URL: 'smtp://127.0.0.1:2525',
      SMTP_FROM: 'izin@ornek.com.tr',
    });
    expect(bare.ok && bare.value.SMTP_FROM).toBe('izin@ornek.com.tr');
    expect(parseServerEnv({}).ok).toBe(true);
  });

  it('refuses SMTP_URL without SMTP_FROM, saying what to set', () => {
    const env = parseServerEnv({ SMTP_URL: 'smtp://127.0.0.1:2525' });
    expect(env.ok).toBe(false);
    if (env.ok) return;
    expect(env.error).toEqual([
      expect.objectContaining({ code: 'env.smtpFromMissing', path: ['SMTP_FROM'] }),
    ]);
    expect(problemMessage(env.error[0]!, 'en')).toContain('SMTP_FROM must be set when SMTP_URL is');
    expect(problemMessage(env.error[0]!, 'tr')).toContain('SMTP_URL tanımlıyken SMTP_FROM');
  });

  it('refuses another scheme without echoing the password, and a sender that is no address', () => {
    const env = parseServerEnv({
      SMTP_URL: 'https://izin:gizli-parola@smtp.example.com.tr',
      SMTP_FROM: 'izin',
    });
    expect(env.ok).toBe(false);
    if (env.ok) return;
    expect(env.error.map((p) => p.path[0]).sort()).toEqual(['SMTP_FROM', 'SMTP_URL']);
    const url = env.error.find((p) => p.path[0] === 'SMTP_URL')!;
    for (const locale of ['en', 'tr'] as const) {
      expect(problemMessage(url, locale)).not.toContain('gizli-parola');
      expect(problemMessage(url, locale)).toContain('smtps://');
    }
  });
});
