import { systemClock, type Clock } from '@drmaa2/core';

interface Waiter {
  readonly resolve: () => void;
  readonly reject: (reason: unknown) => void;
  readonly signal?: AbortSignal;
  onAbort?: () => void;
}

/**
 * A token bucket: at most `burst` requests at once, refilled at `qps` per second, like client-go's
 * default limiter. Waiters are served in order. `qps` Infinity turns it off.
 * @internal
 */
export class RateLimiter {
  readonly #qps: number;
  readonly #burst: number;
  readonly #clock: Clock;
  #tokens: number;
  #updatedAt: number;
  #queue: Waiter[] = [];
  #timer: ReturnType<Clock['setTimeout']> | undefined;

  constructor(qps: number, burst: number, clock: Clock = systemClock) {
    this.#qps = qps;
    this.#burst = Math.max(1, burst);
    this.#clock = clock;
    this.#tokens = this.#burst;
    this.#updatedAt = clock.now();
  }

  /** Resolves when the caller may send one request; rejects with the signal's reason on abort. */
  acquire(signal?: AbortSignal): Promise<void> {
    signal?.throwIfAborted();
    if (!Number.isFinite(this.#qps)) return Promise.resolve();
    this.#refill();
    if (this.#queue.length === 0 && this.#tokens >= 1) {
      this.#tokens -= 1;
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const entry: Waiter = { resolve, reject, ...(signal === undefined ? {} : { signal }) };
      if (signal !== undefined) {
        entry.onAbort = () => {
          this.#queue = this.#queue.filter((other) => other !== entry);
          reject(signal.reason as unknown);
        };
        signal.addEventListener('abort', entry.onAbort, { once: true });
      }
      this.#queue.push(entry);
      this.#schedule();
    });
  }

  /** Rejects every waiter with `reason` and stops the timer. */
  close(reason: unknown): void {
    if (this.#timer !== undefined) this.#clock.clearTimeout(this.#timer);
    this.#timer = undefined;
    for (const entry of this.#queue.splice(0)) {
      if (entry.onAbort !== undefined) entry.signal?.removeEventListener('abort', entry.onAbort);
      entry.reject(reason);
    }
  }

  #refill(): void {
    const now = this.#clock.now();
    this.#tokens = Math.min(this.#burst, this.#tokens + ((now - this.#updatedAt) / 1000) * this.#qps);
    this.#updatedAt = now;
  }

  #schedule(): void {
    if (this.#timer !== undefined || this.#queue.length === 0) return;
    const wait = Math.max(0, ((1 - this.#tokens) / this.#qps) * 1000);
    this.#timer = this.#clock.setTimeout(() => {
      this.#timer = undefined;
      this.#refill();
      while (this.#queue.length > 0 && this.#tokens >= 1) {
        const entry = this.#queue.shift();
        if (entry === undefined) break;
        this.#tokens -= 1;
        if (entry.onAbort !== undefined) entry.signal?.removeEventListener('abort', entry.onAbort);
        entry.resolve();
      }
      this.#schedule();
    }, wait);
  }
}
