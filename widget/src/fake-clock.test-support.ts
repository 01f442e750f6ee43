// Time for the test outboxes (browser.test-support.ts): it passes only when the test says so.

/** A clock the test moves by hand, for an outbox's `now` and `schedule`: retries without sleeping. */
export interface FakeClock {
  now(): number;
  schedule(task: () => void, ms: number): () => void;
  /** How long until each pending timer, soonest first. */
  pending(): number[];
  /** Moves the clock on by `ms`, running the timers that fall due on the way, in order. */
  advance(ms: number): void;
  /** Moves the clock to the soonest timer and runs it; false when none is pending. */
  next(): boolean;
}

export function fakeClock(start = Date.parse('2026-03-02T09:00:00Z')): FakeClock {
  let now = start;
  let timers: { at: number; task: () => void }[] = [];
  const clock: FakeClock = {
    now: () => now,
    schedule(task, ms) {
      const timer = { at: now + ms, task };
      timers.push(timer);
      return () => void (timers = timers.filter((t) => t !== timer));
    },
    pending: () => timers.map((t) => t.at - now).sort((a, b) => a - b),
    advance(ms) {
      const end = now + ms;
      for (;;) {
        const due = timers.filter((t) => t.at <= end).sort((a, b) => a.at - b.at)[0];
        if (!due) break;
        timers = timers.filter((t) => t !== due);
        now = due.at;
        due.task();
      }
      now = end;
    },
    next() {
      const [soonest] = clock.pending();
      if (soonest === undefined) return false;
      clock.advance(soonest);
      return true;
    },
  };
  return clock;
}
