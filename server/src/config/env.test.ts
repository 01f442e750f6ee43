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
});
