import { describe, expect, it } from 'vitest';
import { retryAfter, retryDelay } from './backoff.js';

describe('retryDelay', () => {
  it('doubles from 2 s, with jitter in the upper half of each step', () => {
    expect([1, 2, 3, 4].map((a) => retryDelay(a, () => 0))).toEqual([1000, 2000, 4000, 8000]);
    expect([1, 2, 3, 4].map((a) => retryDelay(a, () => 1))).toEqual([2000, 4000, 8000, 16000]);
  });

  it('never waits more than 5 minutes', () => {
    expect(retryDelay(30, () => 1)).toBe(300_000);
  });
});

describe('retryAfter', () => {
  it('reads seconds and ignores what it cannot read', () => {
    expect(retryAfter('3')).toBe(3000);
    expect(retryAfter('0')).toBe(0);
    expect(retryAfter(null)).toBeUndefined();
    expect(retryAfter('Wed, 21 Oct 2026 07:28:00 GMT')).toBeUndefined();
  });
});
