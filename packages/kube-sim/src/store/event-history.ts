import { expired } from './api-error.js';
import type { StoreEvent } from './types.js';

/** One committed event and its resourceVersion. */
export interface HistoryEntry {
  readonly rv: number;
  readonly event: StoreEvent;
}

/**
 * The ordered log of committed events that watches replay from, with etcd-like compaction:
 * after `compact(rv)`, watching from any resourceVersion below `rv` fails with 410 Expired.
 */
export class EventHistory {
  #entries: HistoryEntry[] = [];
  #compacted = 0;
  readonly #limit: number;

  /** @param limit entries kept before the oldest are compacted away (default 100000). */
  constructor(limit = 100_000) {
    this.#limit = Math.max(1, limit);
  }

  /** The revision up to which history was discarded (0: nothing discarded). */
  get compactedRevision(): number {
    return this.#compacted;
  }

  /** Appends an event (rv must grow by one each time). */
  append(entry: HistoryEntry): void {
    this.#entries.push(entry);
    if (this.#entries.length > this.#limit) {
      const drop = Math.max(1, Math.floor(this.#limit / 10));
      const last = this.#entries[drop - 1];
      this.#entries.splice(0, drop);
      if (last !== undefined) this.#compacted = last.rv;
    }
  }

  /**
   * Events with a resourceVersion strictly greater than `rv`, oldest first.
   * @throws ApiError 410 Expired when `rv` is older than the compacted revision.
   */
  since(rv: number): HistoryEntry[] {
    if (rv < this.#compacted) throw expired(`too old resource version: ${rv} (${this.#compacted})`);
    const first = this.#entries[0];
    if (first === undefined) return [];
    const start = Math.max(0, rv + 1 - first.rv);
    return this.#entries.slice(start);
  }

  /** Discards history up to and including `rv` (default: everything so far). */
  compact(rv: number): void {
    if (rv <= this.#compacted) return;
    const first = this.#entries[0];
    if (first !== undefined) this.#entries.splice(0, Math.max(0, rv + 1 - first.rv));
    this.#compacted = rv;
  }
}
