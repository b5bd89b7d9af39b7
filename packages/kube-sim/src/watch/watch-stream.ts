import type { ServerResponse } from 'node:http';
import type { WatchCutRule } from '../faults/fault-types.js';
import type { StatusBody } from '../store/api-error.js';
import type { KubeObject } from '../store/types.js';
import { objectJson } from '../http/serialize.js';

/** Settings of one open watch stream. */
export interface WatchStreamOptions {
  res: ServerResponse;
  /** `kind`/`apiVersion` of bookmark objects. */
  kind: string;
  apiVersion: string;
  /** Current global resourceVersion (bookmarks carry it). */
  currentVersion: () => string;
  allowBookmarks: boolean;
  bookmarkIntervalMs: number;
  timeoutMs: number;
  cuts: readonly WatchCutRule[];
  countBytes: (n: number) => void;
  /** JSON of an event's object (default: the object itself; Tables for kubectl). */
  encode?: (obj: KubeObject) => string;
  onFault: () => void;
  onClose: () => void;
}

/**
 * One NDJSON watch response: writes events as lines, sends periodic BOOKMARKs, ends at the
 * timeout (with a final bookmark), applies watch-cut faults, and cleans up every timer once.
 */
export class WatchStream {
  readonly #o: WatchStreamOptions;
  readonly #timers: NodeJS.Timeout[] = [];
  #events = 0;
  #closed = false;
  #pending: string[] = [];
  #flushTimer: NodeJS.Immediate | undefined;

  constructor(options: WatchStreamOptions) {
    this.#o = options;
    options.res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-cache, private', 'Transfer-Encoding': 'chunked' });
    options.res.flushHeaders();
    options.res.on('close', () => this.#cleanup());
    if (options.allowBookmarks) this.#timers.push(setInterval(() => this.bookmark(), options.bookmarkIntervalMs));
    this.#timers.push(setTimeout(() => this.end(true), options.timeoutMs));
    for (const cut of options.cuts) {
      if (cut.everyMs !== undefined) this.#timers.push(setTimeout(() => this.#cut(cut), cut.everyMs));
    }
  }

  /** Whether the stream is closed. */
  get closed(): boolean {
    return this.#closed;
  }

  /** Writes one event line. */
  send(type: string, obj: KubeObject): void {
    if (this.#closed) return;
    this.#write(`{"type":"${type}","object":${(this.#o.encode ?? objectJson)(obj)}}\n`);
    this.#events++;
    for (const cut of this.#o.cuts) {
      if (cut.afterEvents !== undefined && this.#events >= cut.afterEvents) {
        this.#cut(cut);
        return;
      }
    }
  }

  /** Writes a BOOKMARK with the current resourceVersion (and optional annotations). */
  bookmark(annotations?: Record<string, string>): void {
    if (this.#closed) return;
    const metadata: Record<string, unknown> = { resourceVersion: this.#o.currentVersion() };
    if (annotations !== undefined) metadata.annotations = annotations;
    this.#write(`${JSON.stringify({ type: 'BOOKMARK', object: { kind: this.#o.kind, apiVersion: this.#o.apiVersion, metadata } })}\n`);
  }

  /** Writes an ERROR event with a Status, then ends the stream. */
  error(status: StatusBody): void {
    if (this.#closed) return;
    this.#write(`${JSON.stringify({ type: 'ERROR', object: status })}\n`);
    this.end(false);
  }

  /** Ends the stream cleanly (optionally with a final bookmark, as on timeout). */
  end(finalBookmark = false): void {
    if (this.#closed) return;
    if (finalBookmark && this.#o.allowBookmarks) this.bookmark();
    this.#flush();
    this.#o.res.end();
    this.#cleanup();
  }

  #cut(cut: WatchCutRule): void {
    if (this.#closed) return;
    this.#o.onFault();
    if (cut.mode === 'close') this.end(false);
    else {
      // End the TCP connection once written data is flushed, without the final chunk: the
      // client sees the events so far, then a dropped connection.
      this.#flush();
      this.#o.res.socket?.end();
      this.#cleanup();
    }
  }

  /** Queues a line; lines written in one tick go out as one chunk (far fewer writes under load). */
  #write(line: string): void {
    this.#o.countBytes(Buffer.byteLength(line));
    this.#pending.push(line);
    this.#flushTimer ??= setImmediate(() => this.#flush());
  }

  #flush(): void {
    if (this.#flushTimer !== undefined) clearImmediate(this.#flushTimer);
    this.#flushTimer = undefined;
    if (this.#pending.length === 0 || this.#o.res.writableEnded) return;
    const chunk = this.#pending.join('');
    this.#pending = [];
    this.#o.res.write(chunk);
  }

  #cleanup(): void {
    if (this.#closed) return;
    this.#closed = true;
    if (this.#flushTimer !== undefined) clearImmediate(this.#flushTimer);
    this.#flushTimer = undefined;
    this.#pending = [];
    for (const t of this.#timers) clearTimeout(t);
    this.#timers.length = 0;
    this.#o.onClose();
  }
}
