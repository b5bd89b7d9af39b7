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
  /** Listeners to every job's changes (event callbacks). */
  readonly #listeners = new Set<Listener>();
  /** Listeners to some jobs' changes (waits), by job id: a change reaches only its job's waiters. */
  readonly #byJob = new Map<string, Set<Listener>>();
  #listening = 0;
  readonly #clock: Clock;
  #unsubscribe: (() => void) | undefined;
  #pollTimer: TimerHandle | undefined;
  #lastPolled = new Map<string, string>();
  #closed = false;

  constructor(tracker: Tracker) {
    this.#tracker = tracker;
    this.#clock = tracker.clock ?? systemClock;
  }

  /**
   * Adds a listener to the changes of `jobIds`, or of every job when omitted; returns the function
   * that removes it. Each listener costs nothing for changes of other jobs.
   */
  listen(listener: Listener, jobIds?: readonly string[]): () => void {
    const sets = jobIds === undefined ? [this.#listeners] : [...new Set(jobIds)].map((id) => this.#jobListeners(id));
    for (const set of sets) set.add(listener);
    this.#listening += 1;
    if (this.#listening === 1) this.#start();
    let removed = false;
    return () => {
      if (removed) return;
      removed = true;
      for (const set of sets) set.delete(listener);
      if (jobIds !== undefined) for (const id of jobIds) if (this.#byJob.get(id)?.size === 0) this.#byJob.delete(id);
      this.#listening -= 1;
      if (this.#listening === 0) this.#stop();
    };
  }

  close(): void {
    this.#closed = true;
    this.#listeners.clear();
    this.#byJob.clear();
    this.#listening = 0;
    this.#stop();
  }

  #jobListeners(jobId: string): Set<Listener> {
    let set = this.#byJob.get(jobId);
    if (set === undefined) this.#byJob.set(jobId, (set = new Set()));
    return set;
  }

  #emit(change: JobStateChange): void {
    const waiters = this.#byJob.get(change.jobId);
    if (waiters !== undefined) for (const listener of [...waiters]) listener(change);
    if (this.#listeners.size > 0) for (const listener of [...this.#listeners]) listener(change);
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
    if (this.#listening > 0 && !this.#closed) this.#schedulePoll();
  }
}
