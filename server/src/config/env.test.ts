import { describe, expect, it } from 'vitest';
import { problemMessage } from '@izinli/core';
import { parseServerEnv } from './env.js';

describe('parseServerEnv', () => {
  it('fills every default from an empty environment', () => {
    const env = parseServerEnv({});
    expect(env.ok && env.value).toMatchObject({
      PORT: 8787,
      DATA_DIR: './data',
      TRUST_PROXY: false,
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

  describe('IYS_BASE_URL (issue 10: İYS credentials and personal data never in clear text)', () => {
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
      const env = parseServerEnv({ IYS_BASE_URL: url });
      expect(env.ok).toBe(false);
      if (env.ok) return;
      expect(env.error).toEqual([
        expect.objectContaining({
          code: 'env.httpsRequired',
          path: ['IYS_BASE_URL'],
          expected: {
            en: expect.stringContaining('https://') as string,
            tr: expect.stringContaining('https://') as string,
          },
        }),
      ]);
      const [problem] = env.error;
      expect(problemMessage(problem!, 'en')).toBe(
        `IYS_BASE_URL: expected an https:// URL (e.g. https://api.iys.org.tr; plain http:// only to this machine: 127.0.0.0/8, ::1 or localhost), as İYS credentials and personal data are not sent in clear text; received ${origin}`,
      );
      expect(problemMessage(problem!, 'tr')).toMatch(/^IYS_BASE_URL: https:\/\/ ile başlayan/);
      expect(problemMessage(problem!, 'tr')).toContain(`gelen ${origin}`);
    });
  });
});
