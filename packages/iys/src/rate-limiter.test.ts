import { describe, it, expect } from 'vitest';
import { createTokenBucket } from './rate-limiter.js';

/** A clock that only moves when the limiter sleeps, recording each sleep. */
function fakeTime(start = 0) {
  const clock = { t: start, sleeps: [] as number[] };
  return {
    clock,
    now: () => clock.t,
    sleep: (ms: number) => {
      clock.sleeps.push(ms);
      clock.t += ms;
      return Promise.resolve();
    },
  };
}

describe('createTokenBucket', () => {
  it('spaces requests a tenth of a second apart by default', async () => {
    const { clock, now, sleep } = fakeTime();
    const limiter = createTokenBucket({ now, sleep });
    for (let i = 0; i < 4; i++) await limiter.acquire();
    expect(clock.sleeps).toEqual([100, 100, 100]);
    expect(clock.t).toBe(300);
  });

  it('never lets more than ten requests into any sliding second by default', async () => {
    const { clock, now, sleep } = fakeTime();
    const limiter = createTokenBucket({ now, sleep });
    const sent: number[] = [];
    for (let i = 0; i < 50; i++) {
      await limiter.acquire();
      sent.push(clock.t);
    }
    for (const t of sent) {
      expect(sent.filter((s) => s > t - 1000 && s <= t).length).toBeLessThanOrEqual(10);
    }
  });

  it('lets a configured burst through at once, then makes the next wait', async () => {
    const { clock, now, sleep } = fakeTime();
    const limiter = createTokenBucket({ now, sleep, burst: 10 });
    for (let i = 0; i < 10; i++) await limiter.acquire();
    expect(clock.sleeps).toEqual([]);
    await limiter.acquire();
    expect(clock.sleeps).toEqual([100]);
  });

  it('holds a sustained stream to ten requests per second', async () => {
    const { clock, now, sleep } = fakeTime();
    const limiter = createTokenBucket({ now, sleep, burst: 1 });
    for (let i = 0; i < 31; i++) await limiter.acquire();
    expect(clock.t).toBe(3000);
  });

  it('queues concurrent callers in call order, each one slot after the previous', async () => {
    const sleeps: number[] = [];
    const limiter = createTokenBucket({
      now: () => 0, // no time passes while the callers queue up
      sleep: (ms) => {
        sleeps.push(ms);
        return Promise.resolve();
      },
      ratePerSecond: 10,
      burst: 2,
    });
    await Promise.all(Array.from({ length: 5 }, () => limiter.acquire()));
    expect(sleeps).toEqual([100, 200, 300]);
  });

  it('refills after a quiet period but never above the burst size', async () => {
    const { clock, now, sleep } = fakeTime();
    const limiter = createTokenBucket({ now, sleep, burst: 3 });
    for (let i = 0; i < 3; i++) await limiter.acquire();
    clock.t += 60_000;
    for (let i = 0; i < 3; i++) await limiter.acquire();
    expect(clock.sleeps).toEqual([]);
    await limiter.acquire();
    expect(clock.sleeps).toEqual([100]);
  });

  it('takes a configurable rate', async () => {
    const { clock, now, sleep } = fakeTime();
    const limiter = createTokenBucket({ now, sleep, ratePerSecond: 2, burst: 1 });
    await limiter.acquire();
    await limiter.acquire();
    expect(clock.sleeps).toEqual([500]);
  });

  it('is not drained by a clock that steps backwards', async () => {
    const { clock, now, sleep } = fakeTime(10_000);
    const limiter = createTokenBucket({ now, sleep, burst: 2 });
    await limiter.acquire();
    clock.t -= 5_000;
    await limiter.acquire();
    expect(clock.sleeps).toEqual([]);
  });

  it('rejects a rate or burst that cannot work', () => {
    expect(() => createTokenBucket({ ratePerSecond: 0 })).toThrow(RangeError);
    expect(() => createTokenBucket({ ratePerSecond: Number.POSITIVE_INFINITY })).toThrow(
      RangeError,
    );
    expect(() => createTokenBucket({ burst: 0 })).toThrow(RangeError);
  });
});
