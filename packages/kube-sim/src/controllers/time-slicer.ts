/** Settings of a {@link TimeSlicer}. */
export interface TimeSlicerOptions {
  /**
   * The shortest slice in ms; callbacks due after it wait for a later turn of the event loop.
   * Default 4. A slice that drains waiting callbacks may run as long as the other work of the event
   * loop took since the last callback (a fair share), up to {@link TimeSlicerOptions.maxSliceMs}.
   */
  readonly budgetMs?: number;
  /** The longest slice in ms. Default 100. */
  readonly maxSliceMs?: number;
  /** Monotonic time in ms. Default `performance.now`. */
  readonly now?: () => number;
}

/**
 * Runs timer callbacks in slices of bounded length, so a burst of controller work that falls due at
 * once cannot hold the event loop for tens of milliseconds. A real cluster's controllers and API
 * server run concurrently; a single-threaded simulator that ran a hundred pod updates back to back
 * would keep every watch event, HTTP request and other timer waiting behind them.
 *
 * A callback runs at once while the current slice is shorter than the budget; after that (or while
 * earlier callbacks still wait) it is queued in firing order. A slice ends when the event loop
 * reaches its check phase; the queue is then drained there, one slice per turn of the loop, each
 * after that turn's I/O and after the immediates (watch flushes) the previous slice queued. A
 * draining slice lasts as long as that other work took (at least the budget), so a server flooded
 * with requests does not starve its controllers.
 * Microtasks run between callbacks, as they do between Node's own timers.
 */
export class TimeSlicer {
  readonly #budgetMs: number;
  readonly #maxSliceMs: number;
  readonly #now: () => number;
  /** Waiting callbacks from `#head` on (an index, not `shift()`, which copies a long array). */
  readonly #queue: { run: () => void; cancelled: boolean }[] = [];
  #head = 0;
  #sliceStart: number | undefined;
  #lastRunEnd = Number.NEGATIVE_INFINITY;
  #drainScheduled = false;
  #draining = false;

  constructor(options: TimeSlicerOptions = {}) {
    this.#budgetMs = options.budgetMs ?? 4;
    this.#maxSliceMs = Math.max(this.#budgetMs, options.maxSliceMs ?? 100);
    this.#now = options.now ?? (() => performance.now());
  }

  /** Callbacks waiting for a later slice. */
  get waiting(): number {
    return this.#queue.length - this.#head;
  }

  /** Runs `fn` now or in a later slice; the returned function drops it if it has not run yet. */
  run(fn: () => void): () => void {
    const now = this.#now();
    const start = this.#sliceStart ?? this.#openSlice(now);
    if (this.waiting === 0 && !this.#draining && now - start < this.#budgetMs) {
      fn();
      this.#lastRunEnd = this.#now();
      return () => undefined;
    }
    const entry = { run: fn, cancelled: false };
    this.#queue.push(entry);
    this.#scheduleDrain();
    return () => {
      entry.cancelled = true;
    };
  }

  #openSlice(now: number): number {
    this.#sliceStart = now;
    setImmediate(() => {
      this.#sliceStart = undefined;
    });
    return now;
  }

  /**
   * Queued after the immediates (watch flushes) the callbacks so far queued, so those go out first;
   * a drain that leaves work queues the next one after its own callbacks' immediates, one turn on.
   */
  #scheduleDrain(): void {
    if (this.#drainScheduled || this.#draining) return;
    this.#drainScheduled = true;
    setImmediate(() => void this.#drain());
  }

  async #drain(): Promise<void> {
    this.#drainScheduled = false;
    const start = this.#openSlice(this.#now());
    // While callbacks wait the loop never idles, so the time since the last one ran is the time
    // everything else (requests, watch flushes) took: the controllers get as much, like two
    // processes sharing a core.
    const budget = Math.min(this.#maxSliceMs, Math.max(this.#budgetMs, start - this.#lastRunEnd));
    this.#draining = true;
    try {
      while (this.waiting > 0 && this.#now() - start < budget) {
        const entry = this.#take();
        if (entry === undefined || entry.cancelled) continue;
        entry.run();
        this.#lastRunEnd = this.#now();
        // Lets the microtasks the callback queued run before the next one, as between Node timers.
        await Promise.resolve();
      }
    } finally {
      this.#draining = false;
      if (this.waiting > 0) this.#scheduleDrain();
    }
  }

  #take(): { run: () => void; cancelled: boolean } | undefined {
    const entry = this.#queue[this.#head];
    this.#head += 1;
    if (this.#head === this.#queue.length || (this.#head > 1024 && this.#head * 2 > this.#queue.length)) {
      this.#queue.splice(0, this.#head);
      this.#head = 0;
    }
    return entry;
  }
}
