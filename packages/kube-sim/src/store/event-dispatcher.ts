import type { StoreEvent } from './types.js';

/**
 * Delivers committed events to subscribers in commit order. Events raised while a listener runs
 * (writes made from inside a listener) are queued and delivered after the current one has reached
 * every listener, so all listeners see one resourceVersion order.
 */
export class EventDispatcher {
  readonly #listeners = new Set<(event: StoreEvent) => void>();
  readonly #queue: StoreEvent[] = [];
  readonly #onError: (error: unknown) => void;
  #dispatching = false;

  constructor(onError: (error: unknown) => void) {
    this.#onError = onError;
  }

  /** Adds a listener; returns its unsubscribe function. */
  subscribe(listener: (event: StoreEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  }

  /** Queues an event and, unless already dispatching, delivers the queue. */
  emit(event: StoreEvent): void {
    this.#queue.push(event);
    if (this.#dispatching) return;
    this.#dispatching = true;
    try {
      for (let i = 0; i < this.#queue.length; i++) {
        const next = this.#queue[i];
        if (next === undefined) continue;
        for (const listener of [...this.#listeners]) {
          try {
            listener(next);
          } catch (error) {
            this.#onError(error);
          }
        }
      }
    } finally {
      this.#queue.length = 0;
      this.#dispatching = false;
    }
  }
}
