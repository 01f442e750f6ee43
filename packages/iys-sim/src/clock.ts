/** Options of the simulator's clock. */
export interface SimClockOptions {
  /** The real clock, in epoch ms; inject a fixed function in tests so only `advance` moves time. */
  now?: () => number;
  /** The simulated instant at start; defaults to the real time. */
  start?: Date | string | number;
  /**
   * How many simulated milliseconds pass per real millisecond. 60 makes İYS's 300 s batch wait
   * 5 real seconds and the 1-hour pull lag 1 real minute.
   */
  speed?: number;
}

/**
 * The simulator's notion of "now": real time scaled by `speed`, plus whatever `advance` added.
 * Everything time-dependent in the simulator (limits, tokens, batches, pull window) reads it.
 */
export class SimClock {
  readonly #realNow: () => number;
  #anchorReal: number;
  #anchorSim: number;
  #speed: number;

  constructor(options: SimClockOptions = {}) {
    this.#realNow = options.now ?? Date.now;
    this.#anchorReal = this.#realNow();
    this.#anchorSim =
      options.start === undefined ? this.#anchorReal : new Date(options.start).getTime();
    if (Number.isNaN(this.#anchorSim))
      throw new RangeError(`Invalid clock start: ${String(options.start)}`);
    this.#speed = checkSpeed(options.speed ?? 1);
  }

  /** The simulated time in epoch ms. */
  nowMs(): number {
    return this.#anchorSim + (this.#realNow() - this.#anchorReal) * this.#speed;
  }

  /** The simulated time. */
  now(): Date {
    return new Date(this.nowMs());
  }

  /** Moves simulated time forward by `ms` (tests, demos). */
  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`advance needs ms >= 0, got ${ms}`);
    this.#anchorSim += ms;
  }

  /** Jumps to a simulated instant (forward or back: a reset may need it). */
  set(instant: Date | string | number): void {
    const ms = new Date(instant).getTime();
    if (Number.isNaN(ms)) throw new RangeError(`Invalid instant: ${String(instant)}`);
    this.#anchorReal = this.#realNow();
    this.#anchorSim = ms;
  }

  /** The current speed factor. */
  get speed(): number {
    return this.#speed;
  }

  /** Changes the speed from now on, without a jump in simulated time. */
  set speed(value: number) {
    const current = this.nowMs();
    this.#anchorReal = this.#realNow();
    this.#anchorSim = current;
    this.#speed = checkSpeed(value);
  }

  /** Real milliseconds that cover `simMs` simulated ones at the current speed (for timers). */
  realDelay(simMs: number): number {
    return this.#speed === 0 ? Infinity : simMs / this.#speed;
  }
}

function checkSpeed(speed: number): number {
  if (!Number.isFinite(speed) || speed < 0) throw new RangeError(`Invalid clock speed: ${speed}`);
  return speed;
}
