import type { Clock } from '../../../src/controllers/clock.js';

interface Timer {
  at: number;
  seq: number;
  fn: () => void;
  cancelled: boolean;
}

/** A deterministic clock: timers run only when the test advances time. Binary heap by (at, seq). */
export class FakeClock implements Clock {
  private heap: Timer[] = [];
  private seq = 0;
  private t: number;

  constructor(start = Date.UTC(2026, 0, 1, 0, 0, 0)) {
    this.t = start;
  }

  now(): number {
    return this.t;
  }

  setTimeout(fn: () => void, ms: number): () => void {
    const timer: Timer = { at: this.t + Math.max(0, ms), seq: this.seq++, fn, cancelled: false };
    this.push(timer);
    return () => {
      timer.cancelled = true;
    };
  }

  /** Number of pending (not cancelled) timers. */
  get pending(): number {
    return this.heap.filter((t) => !t.cancelled).length;
  }

  /** Runs every timer due within `ms`, in order, then sets the time to now + ms. */
  advance(ms: number): void {
    const target = this.t + ms;
    for (;;) {
      const next = this.peek();
      if (!next || next.at > target) break;
      this.pop();
      if (next.cancelled) continue;
      this.t = Math.max(this.t, next.at);
      next.fn();
    }
    this.t = target;
  }

  /** Advances in steps until `predicate` holds; throws after `limitMs` of fake time. */
  advanceUntil(predicate: () => boolean, limitMs = 3_600_000, stepMs = 100): void {
    const end = this.t + limitMs;
    while (!predicate()) {
      if (this.t >= end) throw new Error(`condition not reached within ${limitMs} ms of fake time`);
      this.advance(stepMs);
    }
  }

  private peek(): Timer | undefined {
    return this.heap[0];
  }

  private less(a: Timer, b: Timer): boolean {
    return a.at < b.at || (a.at === b.at && a.seq < b.seq);
  }

  private push(timer: Timer): void {
    const h = this.heap;
    h.push(timer);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const hp = h[p];
      const hi = h[i];
      if (!hp || !hi || !this.less(hi, hp)) break;
      h[p] = hi;
      h[i] = hp;
      i = p;
    }
  }

  private pop(): Timer | undefined {
    const h = this.heap;
    const top = h[0];
    const last = h.pop();
    if (h.length > 0 && last) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        const hm = (): Timer | undefined => h[m];
        const hl = h[l];
        const hr = h[r];
        if (hl && this.less(hl, hm() ?? hl)) m = l;
        if (hr && this.less(hr, hm() ?? hr)) m = r;
        if (m === i) break;
        const a = h[i];
        const b = h[m];
        if (!a || !b) break;
        h[i] = b;
        h[m] = a;
        i = m;
      }
    }
    return top;
  }
}
