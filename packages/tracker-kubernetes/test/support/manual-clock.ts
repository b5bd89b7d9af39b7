import type { Clock, TimerHandle } from '@drmaa2/core';

interface ManualTimer {
  readonly at: number;
  readonly callback: () => void;
}

/** Options of a {@link ManualClock}. */
export interface ManualClockOptions {
  /**
   * The longest delay a timer takes; longer ones fire after it, as platform timers do (Node.js and
   * core's `systemClock` cap at 2^31 - 1 ms). Default: no limit.
   */
  readonly maxDelayMs?: number;
}

/** A clock whose time moves only when a test calls `advance`. */
export class ManualClock implements Clock {
  #now: number;
  readonly #timers = new Set<ManualTimer>();
  readonly #maxDelayMs: number;

  /** Starts at `start` ms since the epoch; default 0. */
  constructor(start = 0, options: ManualClockOptions = {}) {
    this.#now = start;
    this.#maxDelayMs = options.maxDelayMs ?? Infinity;
  }

  now(): number {
    return this.#now;
  }

  /** The timers set and neither fired nor cleared yet. */
  get pending(): number {
    return this.#timers.size;
  }

  setTimeout(callback: () => void, ms: number): TimerHandle {
    const timer = { at: this.#now + Math.min(Math.max(0, ms), this.#maxDelayMs), callback };
    this.#timers.add(timer);
    return timer;
  }

  clearTimeout(handle: TimerHandle): void {
    this.#timers.delete(handle as ManualTimer);
  }

  /** Moves time forward and fires the timers now due, in time order. */
  advance(ms: number): void {
    this.#now += ms;
    const due = [...this.#timers].filter((timer) => timer.at <= this.#now).sort((a, b) => a.at - b.at);
    for (const timer of due) {
      this.#timers.delete(timer);
      timer.callback();
    }
  }
}
