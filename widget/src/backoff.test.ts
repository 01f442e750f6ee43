import { describe, expect, it } from 'vitest';
import {
  MAX_ATTEMPTS,
  MAX_DELAY_MS,
  retryAfter,
  retryDelay,
  retryWait,
  retryable,
} from './backoff.js';

describe('retryDelay', () => {
  it('doubles from 2 s, with jitter in the upper half of each step', () => {
    expect([1, 2, 3, 4].map((a) => retryDelay(a, () => 0))).toEqual([1000, 2000, 4000, 8000]);
    expect([1, 2, 3, 4].map((a) => retryDelay(a, () => 1))).toEqual([2000, 4000, 8000, 16000]);
  });

  it('never waits more than an hour', () => {
    expect(retryDelay(12, () => 1)).toBe(MAX_DELAY_MS);
    expect(retryDelay(1000, () => 1)).toBe(MAX_DELAY_MS);
  });

  it('spreads the retries before the bound over 4.5 to 9.5 hours, as backoff.ts says', () => {
    const span = (random: () => number) =>
      Array.from({ length: MAX_ATTEMPTS - 1 }, (_, i) => retryDelay(i + 1, random)).reduce(
        (a, b) => a + b,
      );
    const hours = (ms: number) => ms / 3_600_000;
    expect(hours(span(() => 0))).toBeGreaterThan(4.5);
    expect(hours(span(() => 1))).toBeLessThan(9.5);
  });
});

describe('retryable', () => {
  it('retries no answer, 5xx, 408 and 429', () => {
    for (const status of [undefined, 500, 502, 503, 504, 408, 429]) {
      expect(retryable(status), String(status)).toBe(true);
    }
  });

  it('takes any other 4xx as final, a 409 conflict included', () => {
    for (const status of [400, 401, 403, 404, 409, 410, 413, 415, 422]) {
      expect(retryable(status), String(status)).toBe(false);
    }
  });
});

describe('retryAfter', () => {
  const now = Date.parse('2026-10-21T07:28:00Z');

  it('reads seconds', () => {
    expect(retryAfter('3', now)).toBe(3000);
    expect(retryAfter('0', now)).toBe(0);
  });

  it('reads an HTTP date as the time left until it, never negative', () => {
    expect(retryAfter('Wed, 21 Oct 2026 07:28:30 GMT', now)).toBe(30_000);
    expect(retryAfter('Wed, 21 Oct 2026 07:27:00 GMT', now)).toBe(0);
  });

  it('ignores what it cannot read', () => {
    expect(retryAfter(null, now)).toBeUndefined();
    expect(retryAfter('soon', now)).toBeUndefined();
  });
});

describe('retryWait', () => {
  it('waits at least as long as Retry-After asks', () => {
    expect(retryWait(1500, 5000)).toBe(5000);
    expect(retryWait(8000, 5000)).toBe(8000);
    expect(retryWait(1500, undefined)).toBe(1500);
  });

  it('caps even a Retry-After at an hour', () => {
    expect(retryWait(1500, 86_400_000)).toBe(MAX_DELAY_MS);
  });
});
