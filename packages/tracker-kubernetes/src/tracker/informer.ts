import type { Clock, TimerHandle } from '@drmaa2/core';
import { KubeApiError } from '../client/kube-api-error.js';
import type { KubeHttp, KubeWatchEvent } from '../client/kube-http.js';

/** A Kubernetes object as the informer keeps it: raw JSON with the metadata it keys on. */
export interface CachedObject {
  readonly metadata: { readonly name: string; readonly namespace?: string; readonly resourceVersion?: string; readonly [key: string]: unknown };
  readonly [key: string]: unknown;
}

/** What an informer watches and whom it tells. */
export interface InformerOptions<T extends CachedObject> {
  /** The collection path in one namespace, such as `/apis/batch/v1/namespaces/NS/jobs`. */
  readonly path: (namespace: string) => string;
  readonly namespaces: readonly string[];
  readonly labelSelector?: string;
  /** Keeps only what the tracker needs of each object. */
  readonly slim: (object: Record<string, unknown>) => T;
  /**
   * Called for every change, after the cache was updated; `object` is the new state (the last one
   * for deletes), `previous` the version the cache held before an upsert, if any.
   */
  readonly onChange: (type: 'upsert' | 'delete', object: T, previous?: T) => void;
  /** Called when watching fails in a way retrying may not fix (401/403); watching goes on with backoff. */
  readonly onError: (error: Error) => void;
  readonly clock: Clock;
  /** Page size of lists; default 500. */
  readonly pageSize?: number;
}

function key(namespace: string, name: string): string {
  return `${namespace}/${name}`;
}

/** The object as listed or watched in `namespace` (a missing or different namespace is the watched one). */
function inNamespace<T extends CachedObject>(object: T, namespace: string): T {
  return object.metadata.namespace === namespace ? object : { ...object, metadata: { ...object.metadata, namespace } };
}

function isStatus410(object: Record<string, unknown>): boolean {
  return object.kind === 'Status' && object.code === 410;
}

const decimal = /^\d{1,30}$/;

/**
 * Orders two resourceVersions when both are decimal integers, as every etcd-backed API server
 * (and kube-sim) gives them: positive when `a` is newer. `undefined` for opaque ones, which are
 * then compared for equality only.
 */
function compareVersions(a: string | undefined, b: string | undefined): number | undefined {
  if (a === undefined || b === undefined || !decimal.test(a) || !decimal.test(b)) return undefined;
  const x = BigInt(a);
  const y = BigInt(b);
  return x === y ? 0 : x > y ? 1 : -1;
}

/**
 * One list + watch per namespace, kept in a local cache: lists page by page, then watches from
 * the list's resourceVersion with bookmarks and a jittered server timeout, re-watches from the
 * last resourceVersion when a stream ends, re-lists (and reports vanished objects as deleted) on
 * 410 Expired and on other refusals, and backs off with jitter (0.5 s doubling to 30 s) on
 * failures; a 429 waits at least its Retry-After, then watches again without a re-list.
 * @internal
 */
export class Informer<T extends CachedObject> {
  readonly #http: KubeHttp;
  readonly #options: InformerOptions<T>;
  readonly #items = new Map<string, T>();
  readonly #abort = new AbortController();
  readonly #timers = new Set<TimerHandle>();
  readonly #awaiting = new Map<string, string>();
  readonly #recent = new Map<string, string[]>();
  #loops: Promise<void>[] = [];

  constructor(http: KubeHttp, options: InformerOptions<T>) {
    this.#http = http;
    this.#options = options;
  }

  /** Lists every namespace, then keeps watching in the background. Rejects when a first list fails. */
  async start(): Promise<void> {
    const versions = await Promise.all(this.#options.namespaces.map((ns) => this.#list(ns)));
    this.#loops = this.#options.namespaces.map((ns, i) => this.#watchLoop(ns, versions[i] ?? ''));
  }

  get(namespace: string, name: string): T | undefined {
    return this.#items.get(key(namespace, name));
  }

  values(): IterableIterator<T> {
    return this.#items.values();
  }

  /**
   * Puts an object the tracker just wrote into the cache ahead of its watch event, unless the cache
   * already holds that version or a newer one (the answer to a write can come after the stream told
   * of later changes). Events the stream still delivers from before the write are skipped, so the
   * cache never steps back. With opaque resourceVersions the stream's recent versions of the object
   * decide, and events are skipped until the written version comes by.
   */
  upsert(object: T): void {
    const id = key(object.metadata.namespace ?? '', object.metadata.name);
    const rv = object.metadata.resourceVersion;
    const order = compareVersions(this.#items.get(id)?.metadata.resourceVersion, rv);
    if (order !== undefined) {
      if (order >= 0) return;
    } else if (rv === undefined || !decimal.test(rv)) {
      const seen = this.#recent.get(id) ?? [];
      if (rv !== undefined && seen.includes(rv)) {
        if (seen.at(-1) !== rv) return;
      } else if (rv !== undefined) {
        this.#awaiting.set(id, rv);
      }
    }
    const previous = this.#items.get(id);
    this.#items.set(id, object);
    this.#options.onChange('upsert', object, previous);
  }

  /**
   * Remembers the last few resourceVersions the stream delivered per object, for `upsert`. Only
   * objects that had an opaque one are remembered: decimal ones are ordered by value, and `upsert`
   * looks the list up only for opaque ones.
   */
  #remember(id: string, rv: string | undefined): void {
    if (rv === undefined || (decimal.test(rv) && !this.#recent.has(id))) return;
    const seen = this.#recent.get(id) ?? [];
    seen.push(rv);
    if (seen.length > 4) seen.shift();
    this.#recent.set(id, seen);
  }

  /** Drops an object the tracker just deleted, ahead of its watch event. */
  remove(namespace: string, name: string): void {
    this.#items.delete(key(namespace, name));
    this.#awaiting.delete(key(namespace, name));
    this.#recent.delete(key(namespace, name));
  }

  /** Ends every watch and timer. */
  async stop(): Promise<void> {
    this.#abort.abort();
    for (const timer of this.#timers) this.#options.clock.clearTimeout(timer);
    this.#timers.clear();
    await Promise.allSettled(this.#loops);
  }

  /**
   * Lists a namespace page by page and only then brings the cache in line, so a list that fails
   * halfway changes nothing (the cache stays consistent with the resourceVersion the watch resumes
   * from). Objects the tracker wrote after the list's snapshot are kept (newer than listed, or
   * created after it), the rest that the list lacks are reported deleted.
   */
  async #list(namespace: string): Promise<string> {
    const listed: T[] = [];
    let continueToken: string | undefined;
    let resourceVersion = '';
    do {
      const page = await this.#http.request<{ metadata?: { resourceVersion?: string; continue?: string }; items?: Record<string, unknown>[] }>({
        method: 'GET',
        path: this.#options.path(namespace),
        query: { labelSelector: this.#options.labelSelector, limit: this.#options.pageSize ?? 500, continue: continueToken },
        signal: this.#abort.signal,
      });
      for (const raw of page.items ?? []) {
        const object = inNamespace(this.#options.slim(raw), namespace);
        if (object.metadata.name !== '') listed.push(object);
      }
      resourceVersion = page.metadata?.resourceVersion ?? resourceVersion;
      continueToken = page.metadata?.continue === '' ? undefined : page.metadata?.continue;
    } while (continueToken !== undefined);
    for (const id of [...this.#awaiting.keys()]) if (id.startsWith(`${namespace}/`)) this.#awaiting.delete(id);
    const seen = new Set<string>();
    for (const object of listed) {
      const id = key(namespace, object.metadata.name);
      seen.add(id);
      const before = this.#items.get(id);
      if ((compareVersions(before?.metadata.resourceVersion, object.metadata.resourceVersion) ?? 0) > 0) continue;
      this.#remember(id, object.metadata.resourceVersion);
      this.#items.set(id, object);
      if (before?.metadata.resourceVersion !== object.metadata.resourceVersion) this.#options.onChange('upsert', object, before);
    }
    for (const [id, object] of this.#items) {
      if (!id.startsWith(`${namespace}/`) || seen.has(id)) continue;
      if ((compareVersions(object.metadata.resourceVersion, resourceVersion) ?? 0) > 0) continue;
      this.#items.delete(id);
      this.#recent.delete(id);
      this.#options.onChange('delete', object);
    }
    return resourceVersion;
  }

  #apply(namespace: string, event: KubeWatchEvent): string | undefined {
    const rv = (event.object.metadata as { resourceVersion?: string } | undefined)?.resourceVersion;
    if (event.type === 'BOOKMARK') return rv;
    if (event.type === 'ERROR') {
      throw isStatus410(event.object)
        ? new KubeApiError('watch expired', 410)
        : new KubeApiError(`watch error: ${String(event.object.message)}`, Number(event.object.code) || 500);
    }
    const object = inNamespace(this.#options.slim(event.object), namespace);
    if (object.metadata.name === '') return rv;
    const id = key(namespace, object.metadata.name);
    this.#remember(id, rv);
    if (event.type !== 'DELETED') {
      const order = compareVersions(this.#items.get(id)?.metadata.resourceVersion, rv);
      if (order !== undefined && order >= 0) return rv;
      const awaited = this.#awaiting.get(id);
      if (order === undefined && awaited !== undefined) {
        if (awaited !== rv) return rv;
        this.#awaiting.delete(id);
      }
    }
    if (event.type === 'DELETED') {
      this.#awaiting.delete(id);
      this.#recent.delete(id);
      this.#items.delete(id);
      this.#options.onChange('delete', object);
    } else {
      const previous = this.#items.get(id);
      this.#items.set(id, object);
      this.#options.onChange('upsert', object, previous);
    }
    return rv;
  }

  async #watchLoop(namespace: string, initialVersion: string): Promise<void> {
    let resourceVersion = initialVersion;
    let failures = 0;
    const signal = this.#abort.signal;
    while (!signal.aborted) {
      try {
        await this.#http.watch(
          this.#options.path(namespace),
          {
            labelSelector: this.#options.labelSelector,
            resourceVersion,
            allowWatchBookmarks: true,
            timeoutSeconds: 300 + Math.floor(Math.random() * 300),
          },
          (event) => {
            resourceVersion = this.#apply(namespace, event) ?? resourceVersion;
            failures = 0;
          },
          signal,
        );
      } catch (error) {
        if (signal.aborted) return;
        const status = error instanceof KubeApiError ? error.status : 0;
        if (status === 401 || status === 403) this.#options.onError(error as Error);
        if (status !== 410) {
          failures += 1;
          const retryAfterMs = error instanceof KubeApiError && error.retryAfterSeconds !== undefined && error.retryAfterSeconds > 0 ? error.retryAfterSeconds * 1000 : 0;
          await this.#sleep(Math.max(retryAfterMs, Math.random() * Math.min(30_000, 500 * 2 ** failures)));
        }
        try {
          if (!signal.aborted && (status === 410 || (status >= 400 && status !== 429))) resourceVersion = await this.#list(namespace);
        } catch {
          failures += 1;
        }
      }
    }
  }

  /** Waits `ms` on the clock, or until `stop()`; leaves no listener on the stop signal behind. */
  #sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const onStop = (): void => resolve();
      const timer = this.#options.clock.setTimeout(() => {
        this.#timers.delete(timer);
        this.#abort.signal.removeEventListener('abort', onStop);
        resolve();
      }, ms);
      this.#timers.add(timer);
      this.#abort.signal.addEventListener('abort', onStop, { once: true });
    });
  }
}
