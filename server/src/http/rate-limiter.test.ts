import { describe, expect, it } from 'vitest';
import { RateLimiter } from './rate-limiter.js';

describe('RateLimiter', () => {
  it('allows `limit` requests per key and window, then answers with the seconds left', () => {
    let now = 1_000_000;
    const limiter = new RateLimiter({ limit: 3, windowMs: 60_000, now: () => now });
    expect([1, 2, 3].map(() => limiter.hit('ip-a'))).toEqual([
      { ok: true },
      { ok: true },
      { ok: true },
    ]);
    expect(limiter.hit('ip-a')).toEqual({ ok: false, retryAfterSeconds: 60 });
    // Another key has its own window.
    expect(limiter.hit('ip-b')).toEqual({ ok: true });
    now += 45_500;
    expect(limiter.hit('ip-a')).toEqual({ ok: false, retryAfterSeconds: 15 });
    now += 14_000;
    // Never "retry after 0": at least one second.
    expect(limiter.hit('ip-a')).toEqual({ ok: false, retryAfterSeconds: 1 });
  });

  it('recovers when the window ends: a new window counts from zero', () => {
    let now = 0;
    const limiter = new RateLimiter({ limit: 2, windowMs: 1_000, now: () => now });
    limiter.hit('k');
    limiter.hit('k');
    expect(limiter.hit('k').ok).toBe(false);
    now = 1_000;
    expect(limiter.hit('k')).toEqual({ ok: true });
    expect(limiter.hit('k')).toEqual({ ok: true });
    expect(limiter.hit('k').ok).toBe(false);
  });

  it('keeps at most maxKeys windows however many distinct keys flood it, dropping the oldest', () => {
    let now = 0;
    const limiter = new RateLimiter({ limit: 1, windowMs: 60_000, maxKeys: 1_000, now: () => now });
    expect(limiter.hit('first').ok).toBe(true);
    expect(limiter.hit('first').ok).toBe(false);
    // 200,000 spoofed or rotating addresses: memory stays bounded by the cap.
    for (let i = 0; i < 200_000; i++) {
      now += 0.001;
      limiter.hit(`flood-${i}`);
      if (limiter.size > 1_000) throw new Error(`size ${limiter.size} after ${i + 1} keys`);
    }
    expect(limiter.size).toBe(1_000);
    // The newest keys are still counted (their second request is refused) …
    expect(limiter.hit('flood-199999').ok).toBe(false);
    // … while the oldest window was dropped: the cap trades an evicted key's count for memory
    // (SECURITY.md: a flood of distinct keys can reset another key's window, never grow memory).
    expect(limiter.hit('first').ok).toBe(true);
  });

  it('a key whose window ended is re-inserted as the newest, so it is not the next evicted', () => {
    let now = 0;
    const limiter = new RateLimiter({ limit: 1, windowMs: 100, maxKeys: 3, now: () => now });
    limiter.hit('a');
    now = 10;
    limiter.hit('b');
    now = 60;
    limiter.hit('c');
    now = 100; // a's window (from 0) has ended; b's and c's have not
    limiter.hit('a'); // a's window ended: a moves to the end (newest)
    limiter.hit('d'); // over the cap: the oldest, b, goes
    expect(limiter.size).toBe(3);
    expect(limiter.hit('a').ok).toBe(false); // a still counted in its new window
    expect(limiter.hit('c').ok).toBe(false); // c's window (from 60) is still held
    expect(limiter.hit('b').ok).toBe(true); // b was dropped, so it starts afresh
  });
});
