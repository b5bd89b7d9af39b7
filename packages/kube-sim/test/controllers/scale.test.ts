import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { KubeObject } from '../../src/index.js';
import { FakeClock } from './support/fake-clock.js';
import { NdjsonWatch } from '../support/ndjson-watch.js';
import { jobBody, startTestSim, type TestSim } from '../support/test-sim.js';

const JOBS = 10_000;
const WATCHERS = 100;

/** Per Job name of one label shard: whether it was added and whether it was seen Complete. */
class ShardWatcher {
  readonly added = new Set<string>();
  readonly complete = new Set<string>();
  readonly #watch: NdjsonWatch;
  readonly opened: Promise<void>;

  constructor(url: string, token: string) {
    this.#watch = new NdjsonWatch(url, token, (line) => {
      const event = JSON.parse(line) as { type: string; object: KubeObject };
      const name = event.object.metadata.name ?? '';
      if (event.type === 'ADDED') this.added.add(name);
      const conditions = (event.object.status as { conditions?: { type: string; status: string }[] } | undefined)?.conditions ?? [];
      if (conditions.some((c) => c.type === 'Complete' && c.status === 'True')) this.complete.add(name);
    });
    this.opened = this.#watch.opened;
  }

  waitComplete(n: number): Promise<void> {
    return this.#watch.until(() => this.complete.size >= n);
  }

  close(): void {
    this.#watch.close();
  }
}

const clock = new FakeClock();
let t: TestSim;
const errors = vi.spyOn(console, 'error');
beforeAll(async () => {
  t = await startTestSim({
    controllers: true,
    clock,
    recordEvents: false,
    nodes: { count: 10, pods: '2000', cpu: '1000', memory: '4Ti' },
    kubelet: { mode: 'scripted', script: () => ({ durationMs: 5000, log: 'done\n' }) },
  });
});
afterAll(async () => {
  await t.sim.stop();
});

describe('scale: 10,000 Jobs / 10,000 pods in scripted mode through startKubeSim, with 100 concurrent watchers', () => {
  it('10,000 Jobs with 10,000 pods complete in scripted mode while 100 watchers follow them', async () => {
    const watchers: ShardWatcher[] = [];
    for (let i = 0; i < WATCHERS; i++) {
      watchers.push(new ShardWatcher(`${t.sim.url}/apis/batch/v1/namespaces/default/jobs?watch=1&labelSelector=shard%3D${i}&resourceVersion=${t.sim.store.resourceVersion}`, t.sim.token));
    }
    await Promise.all(watchers.map((w) => w.opened));
    expect(t.sim.stats().openWatches).toBe(WATCHERS);
    for (let i = 0; i < JOBS; i++) t.sim.store.create('jobs', 'default', jobBody(`job-${i}`, {}, { labels: { shard: String(i % WATCHERS) } }) as unknown as KubeObject);
    clock.advance(0);
    expect(t.sim.store.count('pods')).toBe(JOBS);
    const succeeded = (): boolean => t.sim.store.listShared('jobs').every((j) => ((j['status'] as { succeeded?: number } | undefined)?.succeeded ?? 0) === 1);
    for (let ms = 0; !succeeded(); ms += 1000) {
      if (ms > 600_000) throw new Error('not done within 600 s of fake time');
      clock.advance(1000);
      await new Promise((resolve) => setImmediate(resolve));
    }
    clock.advance(2000);
    const jobs = t.sim.store.listShared('jobs') as unknown as { status?: { succeeded?: number; conditions?: { type: string }[]; uncountedTerminatedPods?: object } }[];
    expect(jobs).toHaveLength(JOBS);
    expect(jobs.filter((j) => j.status?.conditions?.some((c) => c.type === 'Complete'))).toHaveLength(JOBS);
    expect(jobs.filter((j) => j.status?.succeeded === 1 && JSON.stringify(j.status.uncountedTerminatedPods) === '{}')).toHaveLength(JOBS);
    const pods = t.sim.store.listShared('pods') as unknown as { status?: { phase?: string }; metadata: { finalizers?: string[] } }[];
    expect(pods).toHaveLength(JOBS);
    expect(pods.filter((p) => p.status?.phase === 'Succeeded' && (p.metadata.finalizers ?? []).length === 0)).toHaveLength(JOBS);
    expect(t.sim.stats().objects).toMatchObject({ Job: JOBS, Pod: JOBS });
    await Promise.all(watchers.map((w) => w.waitComplete(JOBS / WATCHERS)));
    for (const [i, w] of watchers.entries()) {
      expect(w.added.size).toBe(JOBS / WATCHERS);
      expect([...w.complete].every((name) => Number(name.slice(4)) % WATCHERS === i)).toBe(true);
    }
    expect(t.sim.stats().openWatches).toBe(WATCHERS);
    for (const w of watchers) w.close();
    expect(errors).not.toHaveBeenCalled();
  }, 600_000);
});
