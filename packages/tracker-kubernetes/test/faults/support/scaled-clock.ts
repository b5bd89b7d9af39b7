import type { Clock, TimerHandle } from '@drmaa2/core';

/**
 * A clock that runs `factor` times faster than the wall clock: `now()` advances `factor` ms per
 * real ms, and a timer of `ms` fires after `ms / factor` real ms. Retry-After waits, retry backoff,
 * watch backoff and the rate limiter of a tracker on it shrink by that factor, while their order
 * and ratios stay those of real time. Its timers are real timers, so a leaked one stays visible in
 * `process.getActiveResourcesInfo()`.
 */
export class ScaledClock implements Clock {
  readonly #factor: number;
  readonly #origin = Date.now();

  constructor(factor: number) {
    if (!(factor >= 1)) throw new Error(`ScaledClock: factor ${factor} must be at least 1`);
    this.#factor = factor;
  }

  now(): number {
    return this.#origin + (Date.now() - this.#origin) * this.#factor;
  }

  setTimeout(callback: () => void, ms: number): TimerHandle {
    return setTimeout(callback, Math.max(0, ms) / this.#factor);
  }

  clearTimeout(handle: TimerHandle): void {
    clearTimeout(handle as ReturnType<typeof setTimeout>);
  }
}
