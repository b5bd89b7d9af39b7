import { TimeSlicer } from './time-slicer.js';

/**
 * The time source every controller uses, so tests can run minutes of cluster time in milliseconds.
 *
 * `now()` returns epoch milliseconds; `setTimeout` schedules `fn` after `ms` milliseconds and returns
 * a function that cancels it (calling it after the timer fired is harmless).
 */
export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): () => void;
}

/**
 * A {@link Clock} on the real wall clock. Timers are `unref`'d so a forgotten simulator never keeps
 * Node alive; `stop()` of the controllers still cancels every one of them. Callbacks that fall due
 * together run in slices, one per turn of the event loop, so watch events and requests are served
 * between them: `sliceMs` (default 4 ms) long, or as long as the requests took meanwhile (up to
 * 100 ms) when callbacks wait (see {@link TimeSlicer}).
 */
export function realClock(sliceMs = 4): Clock {
  const slicer = new TimeSlicer({ budgetMs: sliceMs });
  return {
    now: () => Date.now(),
    setTimeout(fn, ms) {
      // Node caps a delay at 2^31-1 ms (and warns, firing after 1 ms): longer delays run as a chain.
      const due = Date.now() + Math.max(0, ms);
      let handle: ReturnType<typeof setTimeout>;
      let dropQueued: (() => void) | undefined;
      const fire = (): void => {
        dropQueued = slicer.run(fn);
      };
      const arm = (): void => {
        const left = due - Date.now();
        handle = setTimeout(left > MAX_TIMER_MS ? arm : fire, Math.min(Math.max(0, left), MAX_TIMER_MS));
        handle.unref();
      };
      arm();
      return () => {
        clearTimeout(handle);
        dropQueued?.();
      };
    },
  };
}

/** The longest delay Node's `setTimeout` takes as given. */
const MAX_TIMER_MS = 2_147_483_647;

/**
 * Tracks the timers one owner scheduled on a {@link Clock} so they can all be cancelled at once.
 * Used by every controller; `cancelAll()` is what `stop()` calls.
 */
export class TimerSet {
  private readonly cancels = new Set<() => void>();
  private stopped = false;

  constructor(private readonly clock: Clock) {}

  /** Schedules `fn` after `ms`; does nothing once {@link cancelAll} ran. Returns a cancel function. */
  schedule(fn: () => void, ms: number): () => void {
    if (this.stopped) return () => undefined;
    let cancel: () => void = () => undefined;
    const wrapped = (): void => {
      this.cancels.delete(cancel);
      fn();
    };
    const inner = this.clock.setTimeout(wrapped, ms);
    cancel = () => {
      this.cancels.delete(cancel);
      inner();
    };
    this.cancels.add(cancel);
    return cancel;
  }

  /** Cancels every pending timer and refuses new ones. */
  cancelAll(): void {
    this.stopped = true;
    for (const cancel of [...this.cancels]) cancel();
    this.cancels.clear();
  }
}

/**
 * A cancellable group of timers on a {@link TimerSet} (one per pod worker, say): `cancelAll()` drops
 * only this group's timers; callbacks do not run once `close()` was called.
 */
export class TimerGroup {
  private readonly cancels = new Set<() => void>();
  private closed = false;

  constructor(private readonly timers: TimerSet) {}

  /** Schedules `fn` after `ms` within the group. */
  schedule(fn: () => void, ms: number): void {
    let cancel: () => void = () => undefined;
    cancel = this.timers.schedule(() => {
      this.cancels.delete(cancel);
      if (!this.closed) fn();
    }, ms);
    this.cancels.add(cancel);
  }

  /** Cancels the group's pending timers (new ones may still be scheduled). */
  cancelAll(): void {
    for (const cancel of [...this.cancels]) cancel();
    this.cancels.clear();
  }

  /** Cancels everything and ignores later callbacks. */
  close(): void {
    this.closed = true;
    this.cancelAll();
  }
}
