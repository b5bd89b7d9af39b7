/**
 * A delaying, de-duplicating work queue like client-go's: `add(key, delay)` schedules one run of
 * the handler for the key at the earliest requested time; keys added while their run is pending are
 * merged. Handlers run one at a time from clock timers, never inside a store write.
 */
import type { TimerSet } from './clock.js';

/** The queue; `handler` errors are reported to `onError` and the key is retried after `retryMs`. */
export class WorkQueue {
  private readonly due = new Map<string, { at: number; cancel: () => void }>();

  constructor(
    private readonly timers: TimerSet,
    private readonly now: () => number,
    private readonly handler: (key: string) => void,
    private readonly onError: (key: string, error: unknown) => void = () => undefined,
    private readonly retryMs = 1000,
  ) {}

  /** Schedules a run for `key` after `delayMs` (0 = as soon as possible), keeping an earlier one. */
  add(key: string, delayMs = 0): void {
    const at = this.now() + Math.max(0, delayMs);
    const existing = this.due.get(key);
    if (existing && existing.at <= at) return;
    existing?.cancel();
    const cancel = this.timers.schedule(() => this.run(key), Math.max(0, delayMs));
    this.due.set(key, { at, cancel });
  }

  /** Number of keys waiting. */
  get size(): number {
    return this.due.size;
  }

  private run(key: string): void {
    this.due.delete(key);
    try {
      this.handler(key);
    } catch (error) {
      this.onError(key, error);
      this.add(key, this.retryMs);
    }
  }
}
