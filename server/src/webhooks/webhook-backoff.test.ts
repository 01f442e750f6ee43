import { describe, expect, it } from 'vitest';
import { webhookBackoff } from './webhook-backoff.js';

describe('webhookBackoff', () => {
  const middle = { random: () => 0.5 };

  it('doubles from 3 minutes, capped at 12 hours', () => {
    const waits = [1, 2, 3, 9, 10, 20].map((n) => webhookBackoff(n, middle) / 60_000);
    expect(waits).toEqual([3, 6, 12, 720, 720, 720]);
  });

  it('retries for about a day over the default 10 attempts (9 waits)', () => {
    const total = Array.from({ length: 9 }, (_, i) => webhookBackoff(i + 1, middle));
    const hours = total.reduce((a, b) => a + b, 0) / 3_600_000;
    expect(hours).toBeGreaterThan(20);
    expect(hours).toBeLessThan(30);
  });

  it('jitters by ±20 %', () => {
    expect(webhookBackoff(1, { random: () => 0 })).toBe(144_000);
    expect(webhookBackoff(1, { random: () => 0.999_999 })).toBeCloseTo(216_000, -1);
  });
});
