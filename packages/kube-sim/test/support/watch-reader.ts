import type { KubeSim } from '../../src/index.js';

/** One watch event line as received. */
export interface WatchLine {
  type: string;
  object: { kind?: string; apiVersion?: string; metadata: { name?: string; resourceVersion?: string; annotations?: Record<string, string> }; [k: string]: unknown };
}

/** A raw NDJSON watch reader over plain HTTP: collects lines and resolves waits on them. */
export class WatchReader {
  readonly lines: WatchLine[] = [];
  status = 0;
  contentType = '';
  ended = false;
  #waiters: (() => void)[] = [];
  readonly #abort = new AbortController();
  readonly done: Promise<void>;
  /** Resolves once the response headers arrived (the server is subscribed by then). */
  readonly opened: Promise<void>;
  #markOpened: () => void = () => undefined;

  constructor(sim: KubeSim, path: string) {
    this.opened = new Promise((resolve) => {
      this.#markOpened = resolve;
    });
    this.done = this.#run(sim, path).finally(() => {
      this.#markOpened();
      this.ended = true;
      this.#notify();
    });
  }

  async #run(sim: KubeSim, path: string): Promise<void> {
    try {
      const res = await fetch(`${sim.url}${path}`, { headers: { Authorization: `Bearer ${sim.token}` }, signal: this.#abort.signal });
      this.status = res.status;
      this.#markOpened();
      this.contentType = res.headers.get('content-type') ?? '';
      if (res.body === null) return;
      const decoder = new TextDecoder();
      let buffer = '';
      for await (const chunk of res.body) {
        buffer += decoder.decode(chunk as Uint8Array, { stream: true });
        let nl = buffer.indexOf('\n');
        while (nl >= 0) {
          const line = buffer.slice(0, nl);
          buffer = buffer.slice(nl + 1);
          if (line.trim() !== '') this.lines.push(JSON.parse(line) as WatchLine);
          nl = buffer.indexOf('\n');
        }
        this.#notify();
      }
    } catch {
      // aborted or dropped: `ended` tells
    }
  }

  #notify(): void {
    for (const w of this.#waiters.splice(0)) w();
  }

  /** Resolves once `predicate` holds for the lines so far (or rejects when the stream ended first). */
  async waitFor(predicate: (lines: readonly WatchLine[]) => boolean): Promise<void> {
    while (!predicate(this.lines)) {
      if (this.ended) throw new Error(`watch ended; got ${JSON.stringify(this.lines.map((l) => l.type))}`);
      await new Promise<void>((resolve) => this.#waiters.push(resolve));
    }
  }

  /** Waits for at least `n` lines. */
  async waitForCount(n: number): Promise<void> {
    await this.waitFor((l) => l.length >= n);
  }

  /** Closes the stream. */
  close(): void {
    this.#abort.abort();
  }
}
