/** @internal An item of a {@link WaitQueue}. */
export interface Queueable {
  /** Dispatch order: lower first. Unique per item. */
  readonly seq: number;
  /** Owned by the queue: non-zero while the item is queued. */
  queueToken: number;
}

/**
 * @internal The jobs waiting to be dispatched, in `seq` order. Adding in increasing `seq` order
 * (every new submission) and deleting are O(1) and allocate nothing; an item added out of order (a
 * released or requeued job keeps its original place) is merged in at the next
 * {@link WaitQueue.forEach}. Deleted items leave a stale slot behind, dropped in bulk.
 */
export class WaitQueue<T extends Queueable> {
  #items: T[] = [];
  #tokens: number[] = [];
  #head = 0;
  #late: T[] = [];
  #lastSeq = Number.NEGATIVE_INFINITY;
  #nextToken = 1;
  #size = 0;

  /** The number of items queued. */
  get size(): number {
    return this.#size;
  }

  /** Whether `item` is queued. */
  has(item: T): boolean {
    return item.queueToken !== 0;
  }

  /** Queues `item`; a no-op when it is queued already. */
  add(item: T): void {
    if (item.queueToken !== 0) return;
    item.queueToken = this.#nextToken++;
    this.#size += 1;
    if (item.seq > this.#lastSeq) {
      this.#items.push(item);
      this.#tokens.push(item.queueToken);
      this.#lastSeq = item.seq;
    } else {
      this.#late.push(item);
    }
  }

  /** Removes `item`; returns whether it was queued. */
  delete(item: T): boolean {
    if (item.queueToken === 0) return false;
    item.queueToken = 0;
    this.#size -= 1;
    return true;
  }

  /**
   * Calls `visit` with the queued items in `seq` order, as of this call, until it returns false:
   * items deleted meanwhile are skipped, items added meanwhile are not visited (the next call has
   * them).
   */
  forEach(visit: (item: T) => boolean): void {
    this.#tidy();
    const items = this.#items;
    const tokens = this.#tokens;
    const end = items.length;
    for (let i = this.#head; i < end; i += 1) {
      const item = items[i] as T;
      if (item.queueToken !== tokens[i]) {
        if (i === this.#head) this.#head = i + 1;
      } else if (!visit(item)) {
        return;
      }
    }
  }

  /** Merges late items in, and drops stale slots once they are more than the queued items. */
  #tidy(): void {
    const late = this.#late;
    if (late.length === 0 && this.#items.length - this.#head <= 2 * this.#size && this.#head <= this.#size) return;
    this.#late = [];
    const items: T[] = [];
    const tokens: number[] = [];
    for (let i = this.#head; i < this.#items.length; i += 1) {
      const item = this.#items[i] as T;
      if (item.queueToken === this.#tokens[i]) {
        items.push(item);
        tokens.push(item.queueToken);
      }
    }
    // An item deleted and added again while late is in `late` twice: keep it once.
    const queued = [...new Set(late.filter((item) => item.queueToken !== 0))].sort((a, b) => a.seq - b.seq);
    this.#items = [];
    this.#tokens = [];
    let j = 0;
    for (let i = 0; i < items.length || j < queued.length; ) {
      const a = items[i];
      const b = queued[j];
      const next = b === undefined || (a !== undefined && a.seq < b.seq) ? (i++, a as T) : (j++, b);
      this.#items.push(next);
      this.#tokens.push(next.queueToken);
    }
    this.#head = 0;
  }
}
