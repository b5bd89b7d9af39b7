import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { KubeApiError } from '../../src/client/kube-api-error.js';
import type { KubeHttp, KubeRequest, KubeWatchEvent } from '../../src/client/kube-http.js';
import { Informer, type CachedObject } from '../../src/tracker/informer.js';
import { ManualClock } from '../support/manual-clock.js';

type Page = { metadata: { resourceVersion: string; continue?: string }; items: Record<string, unknown>[] };
type WatchScript = (onEvent: (event: KubeWatchEvent) => void, signal: AbortSignal) => Promise<void>;

/** A scripted stand-in for the client: list pages and watch streams in the order given. */
class ScriptedHttp {
  readonly pages: (Page | Error)[] = [];
  readonly streams: WatchScript[] = [];
  readonly watchVersions: string[] = [];
  signal: AbortSignal | undefined;
  requests = 0;

  async request<T>(req: KubeRequest): Promise<T> {
    this.requests += 1;
    const next = this.pages.shift();
    if (next === undefined) throw new Error(`unscripted request ${req.method} ${req.path}`);
    if (next instanceof Error) throw next;
    return next as T;
  }

  async watch(_path: string, query: KubeRequest['query'], onEvent: (event: KubeWatchEvent) => void, signal: AbortSignal): Promise<void> {
    this.signal = signal;
    this.watchVersions.push(String(query?.resourceVersion));
    const next = this.streams.shift();
    if (next !== undefined) return next(onEvent, signal);
    return new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
  }
}

const job = (name: string, rv: number): Record<string, unknown> => ({ metadata: { name, namespace: 'ns', resourceVersion: String(rv) } });
const modified = (name: string, rv: number): KubeWatchEvent => ({ type: 'MODIFIED', object: job(name, rv) });
const page = (rv: number, items: Record<string, unknown>[], next?: string): Page => ({ metadata: { resourceVersion: String(rv), ...(next === undefined ? {} : { continue: next }) }, items });

function informerOn(http: ScriptedHttp, clock = new ManualClock(0)): { informer: Informer<CachedObject>; changes: string[] } {
  const changes: string[] = [];
  const informer = new Informer<CachedObject>(http as unknown as KubeHttp, {
    path: (ns) => `/apis/batch/v1/namespaces/${ns}/jobs`,
    namespaces: ['ns'],
    slim: (object) => object as unknown as CachedObject,
    onChange: (type, object) => changes.push(`${type} ${object.metadata.name}@${object.metadata.resourceVersion ?? ''}`),
    onError: () => undefined,
    clock,
  });
  return { informer, changes };
}

describe('the informer cache never steps back', () => {
  it("a write's answer that arrives after the stream told of later versions is ignored", async () => {
    const http = new ScriptedHttp();
    http.pages.push(page(10, []));
    http.streams.push(async (onEvent, signal) => {
      onEvent({ type: 'ADDED', object: job('a', 11) });
      for (let rv = 12; rv <= 16; rv += 1) onEvent(modified('a', rv));
      await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
    });
    const { informer, changes } = informerOn(http);
    await informer.start();
    await expect.poll(() => changes.length).toBe(6);
    informer.upsert(job('a', 11) as unknown as CachedObject);
    expect(informer.get('ns', 'a')?.metadata.resourceVersion).toBe('16');
    expect(changes).toEqual(['upsert a@11', 'upsert a@12', 'upsert a@13', 'upsert a@14', 'upsert a@15', 'upsert a@16']);
    await informer.stop();
  });

  it('a write ahead of its event stands; the stream\'s older events for it are skipped', async () => {
    const http = new ScriptedHttp();
    http.pages.push(page(10, [job('a', 10)]));
    let deliver: ((event: KubeWatchEvent) => void) | undefined;
    http.streams.push(async (onEvent, signal) => {
      deliver = onEvent;
      await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
    });
    const { informer, changes } = informerOn(http);
    await informer.start();
    await expect.poll(() => deliver !== undefined).toBe(true);
    informer.upsert(job('a', 13) as unknown as CachedObject);
    for (const rv of [11, 12, 13]) deliver?.(modified('a', rv));
    deliver?.(modified('a', 14));
    expect(changes).toEqual(['upsert a@10', 'upsert a@13', 'upsert a@14']);
    await informer.stop();
  });

  it('a re-list that fails halfway changes nothing; the watch resumes from where the cache is', async () => {
    const clock = new ManualClock(0);
    const http = new ScriptedHttp();
    http.pages.push(page(5, [job('a', 5)]));
    http.streams.push(async () => {
      throw new KubeApiError('watch refused', 500);
    });
    http.pages.push(page(20, [job('a', 20)], 'next-page'), new KubeApiError('second page failed', 503));
    http.streams.push(async (onEvent, signal) => {
      onEvent(modified('a', 6));
      onEvent(modified('a', 7));
      await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
    });
    const { informer, changes } = informerOn(http, clock);
    await informer.start();
    await expect.poll(() => http.watchVersions.length).toBe(1);
    await expect
      .poll(() => {
        clock.advance(60_000);
        return http.watchVersions.length;
      })
      .toBe(2);
    expect(http.watchVersions).toEqual(['5', '5']);
    await expect.poll(() => changes.length).toBe(3);
    expect(changes).toEqual(['upsert a@5', 'upsert a@6', 'upsert a@7']);
    await informer.stop();
  });

  it('a re-list keeps an object the tracker created after the list was taken', async () => {
    const http = new ScriptedHttp();
    http.pages.push(page(10, []));
    let expire: (() => void) | undefined;
    http.streams.push(async (onEvent) => {
      await new Promise<void>((resolve) => (expire = resolve));
      onEvent({ type: 'ERROR', object: { kind: 'Status', code: 410, reason: 'Expired' } });
    });
    http.pages.push(page(30, []));
    http.streams.push(async (onEvent, signal) => {
      onEvent({ type: 'ADDED', object: job('b', 31) });
      await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
    });
    const { informer, changes } = informerOn(http);
    await informer.start();
    await expect.poll(() => expire !== undefined).toBe(true);
    informer.upsert(job('b', 31) as unknown as CachedObject);
    expire?.();
    await expect.poll(() => http.watchVersions).toEqual(['10', '30']);
    expect(changes).toEqual(['upsert b@31']);
    expect(informer.get('ns', 'b')?.metadata.resourceVersion).toBe('31');
    await informer.stop();
  });
});

describe('watch backoff', () => {
  it('a watch refused with 429 waits its Retry-After, then watches again from where it was, without a re-list', async () => {
    const clock = new ManualClock(0);
    const http = new ScriptedHttp();
    http.pages.push(page(7, [job('a', 7)]));
    http.streams.push(async () => {
      throw new KubeApiError('too many requests', 429, undefined, 40);
    });
    const { informer } = informerOn(http, clock);
    await informer.start();
    await expect.poll(() => http.watchVersions.length).toBe(1);
    clock.advance(39_999);
    await new Promise((resolve) => setImmediate(resolve));
    expect(http.watchVersions).toEqual(['7']);
    clock.advance(1);
    await expect.poll(() => http.watchVersions).toEqual(['7', '7']);
    expect(http.requests).toBe(1);
    await informer.stop();
  });

  it('leaves no listener on the stop signal behind, however often the watch fails', async () => {
    const clock = new ManualClock(0);
    const http = new ScriptedHttp();
    http.pages.push(page(1, []));
    for (let i = 0; i < 15; i += 1) {
      http.streams.push(async () => {
        throw new KubeApiError('connection reset', 0);
      });
    }
    const { informer } = informerOn(http, clock);
    await informer.start();
    await expect
      .poll(() => {
        clock.advance(60_000);
        return http.watchVersions.length;
      }, { interval: 5, timeout: 5000 })
      .toBe(16);
    expect(getEventListeners(http.signal!, 'abort').length).toBeLessThanOrEqual(2);
    await informer.stop();
  });
});
