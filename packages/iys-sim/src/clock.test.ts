import { describe, it, expect } from 'vitest';
import { SimClock } from './clock.js';

describe('SimClock', () => {
  it('starts at the given instant and moves only by advance when the real clock stands still', () => {
    const clock = new SimClock({ now: () => 1_000, start: '2025-06-02T07:00:00Z' });
    expect(clock.now().toISOString()).toBe('2025-06-02T07:00:00.000Z');
    clock.advance(300_000);
    expect(clock.now().toISOString()).toBe('2025-06-02T07:05:00.000Z');
  });

  it('scales real time by the speed factor and keeps time continuous when the speed changes', () => {
    let real = 0;
    const clock = new SimClock({ now: () => real, start: 0, speed: 60 });
    real = 5_000;
    expect(clock.nowMs()).toBe(300_000);
    clock.speed = 1;
    expect(clock.nowMs()).toBe(300_000);
    real = 6_000;
    expect(clock.nowMs()).toBe(301_000);
    expect(clock.realDelay(60_000)).toBe(60_000);
  });

  it('refuses negative advances, bad speeds and invalid instants', () => {
    const clock = new SimClock({ now: () => 0 });
    expect(() => clock.advance(-1)).toThrow(RangeError);
    expect(() => (clock.speed = -2)).toThrow(RangeError);
    expect(() => clock.set('not a date')).toThrow(RangeError);
    expect(() => new SimClock({ start: 'nope' })).toThrow(RangeError);
  });
});
