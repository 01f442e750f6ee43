// The shape every background worker shares (delivery, sync, webhooks): one pass at a time, run on
// demand or on an interval, and a stop that waits for the pass in flight.

/** A pass that can run now, on an interval, and be stopped. */
export interface Periodic<T> {
  /** Runs a pass now; a call while one runs joins it. */
  runOnce(): Promise<T>;
  /** Runs a pass now and then every interval (the timer does not keep the process alive). */
  start(): void;
  /** Stops the timer and waits for a running pass. */
  stop(): Promise<void>;
}

/** Wraps `pass` so that at most one runs at a time, now or every `intervalMs`. */
export function periodic<T>(pass: () => Promise<T>, intervalMs: number): Periodic<T> {
  let running: Promise<T> | undefined;
  let timer: NodeJS.Timeout | undefined;
  const runOnce = () => {
    running ??= pass().finally(() => {
      running = undefined;
    });
    return running;
  };
  return {
    runOnce,
    start() {
      if (timer) return;
      void runOnce();
      timer = setInterval(() => void runOnce(), intervalMs);
      timer.unref();
    },
    async stop() {
      clearInterval(timer);
      timer = undefined;
      await running;
    },
  };
}
