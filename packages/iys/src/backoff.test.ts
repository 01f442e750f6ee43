import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { backoffDelay } from './backoff.js';

describe('backoffDelay', () => {
  it('draws uniformly below base·2^attempt (full jitter)', () => {
    const opts = { baseMs: 1000, maxMs: 60_000 };
    expect(backoffDelay(0, { ...opts, random: () => 0.5 })).toBe(500);
    expect(backoffDelay(1, { ...opts, random: () => 0.5 })).toBe(1000);
    expect(backoffDelay(3, { ...opts, random: () => 0.25 })).toBe(2000);
    expect(backoffDelay(3, { ...opts, random: () => 0 })).toBe(0);
  });

  it('never exceeds maxMs, however many attempts', () => {
    const opts = { baseMs: 1000, maxMs: 60_000, random: () => 0.999999 };
    expect(backoffDelay(10, opts)).toBe(59_999);
    expect(backoffDelay(5000, opts)).toBe(59_999);
  });

  it('stays within [0, min(maxMs, baseMs·2^attempt)) for any attempt and draw', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: 2000 }),
        fc.nat({ max: 100_000 }),
        fc.nat({ max: 10_000_000 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (attempt, baseMs, maxMs, r) => {
          const delay = backoffDelay(attempt, { baseMs, maxMs, random: () => r });
          const ceiling = Math.min(maxMs, baseMs * 2 ** attempt);
          return Number.isInteger(delay) && delay >= 0 && (delay < ceiling || delay === 0);
        },
      ),
    );
  });

  it('treats a broken random source as zero rather than exceeding the cap', () => {
    const opts = { baseMs: 100, maxMs: 1000 };
    expect(backoffDelay(2, { ...opts, random: () => 1 })).toBe(0);
    expect(backoffDelay(2, { ...opts, random: () => Number.NaN })).toBe(0);
  });

  it('throws for a negative or fractional attempt, a programming error', () => {
    const opts = { baseMs: 100, maxMs: 1000, random: () => 0.5 };
    expect(() => backoffDelay(-1, opts)).toThrow(RangeError);
    expect(() => backoffDelay(1.5, opts)).toThrow(RangeError);
    expect(() => backoffDelay(1, { ...opts, baseMs: -1 })).toThrow(RangeError);
  });
});
