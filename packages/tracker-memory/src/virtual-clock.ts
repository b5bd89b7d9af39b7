import type { Clock, TimerHandle } from '@drmaa2/core';
import { type QueuedTimer, TimerQueue } from './timer-queue.js';

/** Options of {@link VirtualClock}. */
export interface VirtualClockOptions {
  /** The starting time, in milliseconds since the epoch; default 2026-01-01T00:00:00Z. */
  readonly start?: number;
  /**
   * Jump to the next timer whenever the process has nothing else to do (after pending promises
   * and I/O callbacks ran). Default true: `sleep 3600` jobs finish at once in real time, in the
   * order virtual time says. With false, only {@link VirtualClock.advance} moves time.
   */
  readonly autoAdvance?: boolean;
}

/**
 * A deterministic clock for tests. Time moves only from one timer to the next, never by itself,
 * so a test sees the same order of events on every run. Timers due at the same time fire in the
 * order they were set.
 */
export class VirtualClock implements Clock {
  #now: number;
  #seq = 0;
  readonly #timers = new TimerQueue();
  readonly #autoAdvance: boolean;
  #pending: NodeJS.Immediate | undefined;
  #stopped = false;

  /** @param options the starting time and whether time jumps to the next timer by itself */
  constructor(options: VirtualClockOptions = {}) {
    this.#now = options.start ?? Date.UTC(2026, 0, 1);
    this.#autoAdvance = options.autoAdvance ?? true;
  }

  /** The virtual time, in milliseconds since the epoch. */
  now(): number {
    return this.#now;
  }

  /** Calls `callback` once virtual time reaches now + `ms`. */
  setTimeout(callback: () => void, ms: number): TimerHandle {
    const timer: QueuedTimer = { at: this.#now + Math.max(0, ms), seq: this.#seq++, callback, cancelled: false };
    this.#timers.push(timer);
    this.#schedule();
    return timer;
  }

  /** Cancels a timer. */
  clearTimeout(handle: TimerHandle): void {
    this.#timers.cancel(handle as QueuedTimer);
  }

  /** The number of timers not yet fired. */
  get pendingTimers(): number {
    return this.#timers.size;
  }

  /**
   * Moves time forward by `ms`, firing every timer due on the way, in order. Promise callbacks run
   * between timers, so what a timer starts is settled before the next one fires.
   */
  async advance(ms: number): Promise<void> {
    const target = this.#now + Math.max(0, ms);
    for (let next = this.#timers.peek(); next !== undefined && next.at <= target; next = this.#timers.peek()) {
      this.#fireNext();
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    this.#now = Math.max(this.#now, target);
  }

  /** Cancels every timer and stops advancing. The clock's time stays where it is. */
  stop(): void {
    this.#stopped = true;
    this.#timers.clear();
    if (this.#pending !== undefined) clearImmediate(this.#pending);
    this.#pending = undefined;
  }

  #fireNext(): void {
    const timer = this.#timers.pop();
    if (timer === undefined) return;
    this.#now = Math.max(this.#now, timer.at);
    timer.callback();
  }

  #schedule(): void {
    if (!this.#autoAdvance || this.#stopped || this.#pending !== undefined) return;
    this.#pending = setImmediate(() => {
      this.#pending = undefined;
      this.#fireNext();
      if (this.#timers.size > 0) this.#schedule();
    });
  }
}
