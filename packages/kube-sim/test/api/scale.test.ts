import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NdjsonWatch } from '../support/ndjson-watch.js';
import { jobBody, raw, startTestSim, type TestSim } from '../support/test-sim.js';

let t: TestSim;
beforeAll(async () => {
  t = await startTestSim({ namespaces: ['scale'] });
});
afterAll(async () => {
  await t.sim.stop();
});

const JOBS = 10_000;
const WATCHERS = 100;

/**
 * Counts a watch's lines for volume (1 GB+ across 100 streams): reads only each event's type and
 * metadata.name from the text, instead of parsing every object.
 */
class LineWatcher {
  readonly names = new Set<string>();
  lines = 0;
  nonAdded = 0;
  readonly #watch: NdjsonWatch;
  readonly opened: Promise<void>;

  constructor(url: string, token: string) {
    this.#watch = new NdjsonWatch(url, token, (line) => {
      this.lines++;
      if (!line.startsWith('{"type":"ADDED"')) this.nonAdded++;
      const name = /"metadata":\{"name":"([^"]+)"/.exec(line.slice(0, 120))?.[1];
      if (name !== undefined) this.names.add(name);
    });
    this.opened = this.#watch.opened;
  }

  /** Resolves once `n` lines arrived. */
  waitFor(n: number): Promise<void> {
    return this.#watch.until(() => this.lines >= n);
  }

  close(): void {
    this.#watch.close();
  }
}

describe('scale: 10,000 Jobs + 10,000 pods and 100 concurrent watchers', () => {
  it('every watcher sees every event; counts match', async () => {
    const watchers: LineWatcher[] = [];
    const startRv = t.sim.store.resourceVersion;
    for (let i = 0; i < WATCHERS; i++) {
      const resource = i % 2 === 0 ? '/apis/batch/v1/namespaces/scale/jobs' : '/api/v1/namespaces/scale/pods';
      watchers.push(new LineWatcher(`${t.sim.url}${resource}?watch=1&resourceVersion=${startRv}`, t.sim.token));
    }
    await Promise.all(watchers.map((w) => w.opened));
    expect(t.sim.stats().openWatches).toBe(WATCHERS);
    const { metadata: _unused, ...template } = jobBody('x', { suspend: true });
    for (let i = 0; i < JOBS; i++) {
      const job = t.sim.store.create('jobs', 'scale', { metadata: { name: `job-${i}` }, ...template });
      t.sim.store.create('pods', 'scale', {
        metadata: { name: `job-${i}-pod`, labels: { 'job-name': `job-${i}` }, ownerReferences: [{ apiVersion: 'batch/v1', kind: 'Job', name: `job-${i}`, uid: job.metadata.uid ?? '', controller: true }] },
        spec: { restartPolicy: 'Never', containers: [{ name: 'main', image: 'busybox' }] },
      });
    }
    expect(t.sim.stats().objects).toMatchObject({ Job: JOBS, Pod: JOBS });
    await Promise.all(watchers.map((w) => w.waitFor(JOBS)));
    for (const w of watchers) {
      expect(w.lines).toBe(JOBS);
      expect(w.names.size).toBe(JOBS);
      expect(w.nonAdded).toBe(0);
    }
    const page = await raw(t.sim, 'GET', '/api/v1/namespaces/scale/pods?limit=500&labelSelector=job-name%3Djob-9999');
    expect(page.json<{ items: unknown[] }>().items).toHaveLength(1);
    const list = await t.batch.listNamespacedJob({ namespace: 'scale', limit: 5000 });
    expect(list.items).toHaveLength(5000);
    expect(list.metadata?.remainingItemCount).toBe(5000);
    for (const w of watchers) w.close();
    await until(() => t.sim.stats().openWatches === 0);
  }, 120_000);
});

/** Resolves once the server has seen every watch close (its close handlers run on socket events). */
async function until(predicate: () => boolean): Promise<void> {
  while (!predicate()) await new Promise((resolve) => setImmediate(resolve));
}
