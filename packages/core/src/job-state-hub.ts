import { systemClock, type Clock, type TimerHandle } from './clock.js';
import type { JobStateChange, Tracker } from './tracker.js';

type Listener = (change: JobStateChange) => void;

/**
 * Fans out one tracker's state changes to every wait and event callback of a session manager.
 * A tracker that pushes (`subscribe`) is subscribed once while anyone listens; one that cannot is
 * polled with a single `listJobs` per interval for all listeners together.
 * @internal
 */
export class JobStateHub {
  readonly #tracker: Tracker;
  readonly #listeners = new Set<Listener>();
  readonly #clock: Clock;
  #unsubscribe: (() => void) | undefined;
  #pollTimer: TimerHandle | undefined;
  #lastPolled = new Map<string, string>();
  #closed = false;

  constructor(tracker: Tracker) {
    this.#tracker = tracker;
    this.#clock = tracker.clock ?? systemClock;
  }

  /** Adds a listener; returns the function that removes it. */
  listen(listener: Listener): () => void {
    this.#listeners.add(listener);
    if (this.#listeners.size === 1) this.#start();
    return () => {
      if (this.#listeners.delete(listener) && this.#listeners.size === 0) this.#stop();
    };
  }

  close(): void {
    this.#closed = true;
    this.#listeners.clear();
    this.#stop();
  }

  #emit(change: JobStateChange): void {
    for (const listener of [...this.#listeners]) listener(change);
  }

  #start(): void {
    if (this.#closed) return;
    if (this.#tracker.subscribe !== undefined) {
      this.#unsubscribe = this.#tracker.subscribe((change) => this.#emit(change));
    } else {
      this.#schedulePoll();
    }
  }

  #stop(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    if (this.#pollTimer !== undefined) this.#clock.clearTimeout(this.#pollTimer);
    this.#pollTimer = undefined;
  }

  #schedulePoll(): void {
    this.#pollTimer = this.#clock.setTimeout(() => void this.#poll(), this.#tracker.pollIntervalMs ?? 1000);
  }

  async #poll(): Promise<void> {
    try {
      const records = await this.#tracker.listJobs({});
      const seen = new Map<string, string>();
      for (const { jobId, sessionName, info } of records) {
        const key = `${info.jobState}/${info.jobSubState ?? ''}`;
        seen.set(jobId, key);
        if (this.#lastPolled.get(jobId) !== key) {
          this.#emit({ jobId, sessionName, state: info.jobState, subState: info.jobSubState });
        }
      }
      this.#lastPolled = seen;
    } catch {
      // A failed poll is retried on the next tick; waits time out on their own clock.
    }
    if (this.#listeners.size > 0 && !this.#closed) this.#schedulePoll();
  }
}
