/** A timer waiting in a {@link TimerQueue}. */
export interface QueuedTimer {
  readonly at: number;
  readonly seq: number;
  readonly callback: () => void;
  cancelled: boolean;
}

function before(a: QueuedTimer, b: QueuedTimer): boolean {
  return a.at < b.at || (a.at === b.at && a.seq < b.seq);
}

/**
 * A binary min-heap of timers ordered by due time, then by insertion order. Cancelled timers are
 * dropped lazily when they reach the top.
 * @internal
 */
export class TimerQueue {
  readonly #heap: QueuedTimer[] = [];
  #live = 0;

  get size(): number {
    return this.#live;
  }

  push(timer: QueuedTimer): void {
    const heap = this.#heap;
    heap.push(timer);
    this.#live += 1;
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(heap[i] as QueuedTimer, heap[parent] as QueuedTimer)) break;
      [heap[i], heap[parent]] = [heap[parent] as QueuedTimer, heap[i] as QueuedTimer];
      i = parent;
    }
  }

  cancel(timer: QueuedTimer): void {
    if (timer.cancelled) return;
    timer.cancelled = true;
    this.#live -= 1;
  }

  /** The earliest live timer, without removing it. */
  peek(): QueuedTimer | undefined {
    this.#dropCancelled();
    return this.#heap[0];
  }

  /** Removes and returns the earliest live timer. */
  pop(): QueuedTimer | undefined {
    this.#dropCancelled();
    const top = this.#heap[0];
    if (top === undefined) return undefined;
    this.#removeTop();
    this.#live -= 1;
    top.cancelled = true;
    return top;
  }

  clear(): void {
    for (const timer of this.#heap) timer.cancelled = true;
    this.#heap.length = 0;
    this.#live = 0;
  }

  #dropCancelled(): void {
    while (this.#heap[0]?.cancelled === true) this.#removeTop();
  }

  #removeTop(): void {
    const heap = this.#heap;
    const last = heap.pop() as QueuedTimer;
    if (heap.length === 0) return;
    heap[0] = last;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let smallest = i;
      if (left < heap.length && before(heap[left] as QueuedTimer, heap[smallest] as QueuedTimer)) smallest = left;
      if (right < heap.length && before(heap[right] as QueuedTimer, heap[smallest] as QueuedTimer)) smallest = right;
      if (smallest === i) return;
      [heap[i], heap[smallest]] = [heap[smallest] as QueuedTimer, heap[i] as QueuedTimer];
      i = smallest;
    }
  }
}
