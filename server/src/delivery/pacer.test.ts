// The instance's İYS pacer (pacer.ts): 9 requests/s, and never an eleventh in any sliding second
// even when a busy event loop wakes its sleepers late (İYS answers H124 to an eleventh).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IYS_PACE_PER_SECOND, createIysPacer } from './pacer.js';

/** Releases of `callers` queued at once, each sleep waking `late(i)` ms after it was due. */
async function releases(callers: number, late: (i: number) => number): Promise<number[]> {
  let n = 0;
  const pacer = createIysPacer({
    now: () => Date.now(),
    sleep: (ms) => new Promise((r) => setTimeout(r, ms + late(n++))),
  });
  const released: number[] = [];
  const all = Promise.all(
    Array.from({ length: callers }, () => pacer.acquire().then(() => released.push(Date.now()))),
  );
  await vi.advanceTimersByTimeAsync(120_000);
  await all;
  return released;
}

/** The most releases in any window of `ms`, counted as İYS counts a second (t − ms < s ≤ t). */
const busiest = (released: number[], ms: number) =>
  Math.max(...released.map((t) => released.filter((s) => s > t - ms && s <= t).length));

describe('the İYS pacer', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: 0 });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('goes at 9 requests per second when its sleepers wake on time', async () => {
    const released = await releases(91, () => 0);
    expect(IYS_PACE_PER_SECOND).toBe(9);
    expect(released.at(-1)! - released[0]!).toBe(10_000);
  });

  it('keeps ten to any 1.1 s when a stall wakes a run of sleepers late together', async () => {
    // Sleepers 20–34 wake 900 ms late: without the guard they would go out together with the
    // next on-time ones, 15 or more in one second.
    const released = await releases(120, (i) => (i >= 20 && i < 35 ? 900 : 0));
    expect(released).toHaveLength(120);
    expect(busiest(released, 1100)).toBeLessThanOrEqual(10);
    // Nothing is lost to the guard beyond the stall itself.
    expect(released.at(-1)! - released[0]!).toBeLessThan(120 * 111 + 1000);
  });
});
