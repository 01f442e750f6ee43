import { afterEach, beforeEach, describe, it, expect, vi } from 'vitest';
import { createTokenBucket, type RateLimiter } from './rate-limiter.js';

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

/** The most releases in any sliding second, counted as İYS does (t − 1000 < s ≤ t). */
function busiestSecond(released: number[]): number {
  return Math.max(...released.map((t) => released.filter((s) => s > t - 1000 && s <= t).length));
}

/** `n` acquisitions pass without a sleep; the next one waits one slot (100 ms). */
async function expectBurstThenWait(
  limiter: RateLimiter,
  clock: ReturnType<typeof fakeTime>['clock'],
  n: number,
) {
  for (let i = 0; i < n; i++) await limiter.acquire();
  expect(clock.sleeps).toEqual([]);
  await limiter.acquire();
  expect(clock.sleeps).toEqual([100]);
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
    expect(busiestSecond(sent)).toBeLessThanOrEqual(10);
  });

  it('lets a configured burst through at once, then makes the next wait', async () => {
    const { clock, now, sleep } = fakeTime();
    await expectBurstThenWait(createTokenBucket({ now, sleep, burst: 10 }), clock, 10);
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
    await expectBurstThenWait(limiter, clock, 3);
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

describe('createTokenBucket with a sliding-window guard', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: 0 });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  /**
   * `callers` acquire at once from a 9/s bucket whose sleeps wake `late(i)` ms after they were due
   * (as a busy event loop wakes timers); resolves with each release time.
   */
  async function releases(
    callers: number,
    late: (i: number) => number,
    window?: { requests: number; ms: number },
  ): Promise<number[]> {
    let n = 0;
    const limiter = createTokenBucket({
      ratePerSecond: 9,
      now: () => Date.now(),
      sleep: (ms) => new Promise((r) => setTimeout(r, ms + late(n++))),
      ...(window ? { window } : {}),
    });
    const started = Date.now();
    const released: number[] = [];
    const all = Promise.all(
      Array.from({ length: callers }, () =>
        limiter.acquire().then(() => released.push(Date.now() - started)),
      ),
    );
    await vi.advanceTimersByTimeAsync(60_000);
    await all;
    return released;
  }

  // Eight sleepers in a row wake half a second late, as after a long synchronous task.
  const stalled = (i: number) => (i >= 10 && i < 18 ? 500 : 0);

  it('without the guard, sleepers woken late bunch into an eleventh request in one second', async () => {
    expect(busiestSecond(await releases(60, stalled))).toBeGreaterThan(10);
  });

  it('with the guard, late sleepers never put more than ten into any sliding second', async () => {
    const released = await releases(60, stalled, { requests: 10, ms: 1000 });
    expect(released).toHaveLength(60);
    expect(busiestSecond(released)).toBeLessThanOrEqual(10);
  });

  it('serves callers in call order while they wait in the guard', async () => {
    // The window (3 per second) is tighter than the bucket (9 per second), so callers queue in it.
    const limiter = createTokenBucket({
      ratePerSecond: 9,
      now: () => Date.now(),
      sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
      window: { requests: 3, ms: 1000 },
    });
    const order: number[] = [];
    const released: number[] = [];
    const all = Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        limiter.acquire().then(() => {
          order.push(i);
          released.push(Date.now());
        }),
      ),
    );
    await vi.advanceTimersByTimeAsync(60_000);
    await all;
    expect(order).toEqual(Array.from({ length: 30 }, (_, i) => i));
    expect(busiestSecond(released)).toBeLessThanOrEqual(3);
  });

  it('costs nothing at the steady rate when the window is wider than the slots', async () => {
    const plain = await releases(91, () => 0);
    const guarded = await releases(91, () => 0, { requests: 10, ms: 1100 });
    expect(plain.at(-1)).toBe(10_000);
    expect(guarded).toEqual(plain);
  });

  it('keeps the rate when timers cannot fire sooner than a second of a compressed clock', async () => {
    // A simulated clock running 1000× fast (as the delivery bench's): a 1 ms timer is a
    // simulated second. The guard must let the releases that fell behind catch up, not space
    // each by a timer tick.
    const limiter = createTokenBucket({
      ratePerSecond: 9,
      now: () => Date.now(),
      sleep: (ms) => new Promise((r) => setTimeout(r, Math.max(ms, 1000))),
      window: { requests: 10, ms: 1100 },
    });
    const released: number[] = [];
    const all = Promise.all(
      Array.from({ length: 900 }, () => limiter.acquire().then(() => released.push(Date.now()))),
    );
    await vi.advanceTimersByTimeAsync(200_000);
    await all;
    const perSecond = (released.length - 1) / ((released.at(-1)! - released[0]!) / 1000);
    expect(perSecond).toBeGreaterThan(8);
    expect(busiestSecond(released)).toBeLessThanOrEqual(10);
  });

  it('starts a new window when the clock steps back, instead of waiting for it to return', async () => {
    const { clock, now, sleep } = fakeTime(100_000);
    const limiter = createTokenBucket({ now, sleep, burst: 10, window: { requests: 2, ms: 1000 } });
    await limiter.acquire();
    await limiter.acquire();
    clock.t -= 50_000;
    await limiter.acquire();
    expect(clock.sleeps).toEqual([]);
  });

  it('rejects a window that cannot work', () => {
    expect(() => createTokenBucket({ window: { requests: 0, ms: 1000 } })).toThrow(RangeError);
    expect(() => createTokenBucket({ window: { requests: 1.5, ms: 1000 } })).toThrow(RangeError);
    expect(() => createTokenBucket({ window: { requests: 10, ms: 0 } })).toThrow(RangeError);
  });
});
