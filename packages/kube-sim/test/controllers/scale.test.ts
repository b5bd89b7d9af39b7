import { afterEach, describe, expect, it } from 'vitest';
import { Harness, jobBody } from './support/harness.js';
import type { KubeObject } from '../../src/store/types.js';

let h: Harness;
afterEach(async () => {
  await h.stop();
  expect(h.errors).toEqual([]);
});

describe('scale', () => {
  it('10,000 Jobs with 10,000 pods complete in scripted mode', () => {
    h = new Harness({ nodes: { count: 10, pods: '2000', cpu: '1000', memory: '4Ti' } });
    h.script = () => ({ durationMs: 5000, log: 'done\n' });
    const total = 10_000;
    for (let i = 0; i < total; i++) h.store.create('jobs', 'default', jobBody(`job-${i}`) as unknown as KubeObject);
    h.run(0);
    expect(h.store.count('pods')).toBe(total);
    h.runUntil(() => h.store.listShared('jobs').every((j) => ((j['status'] as { succeeded?: number } | undefined)?.succeeded ?? 0) === 1), 600_000, 1000);
    h.run(2000);
    const jobs = h.store.listShared('jobs') as unknown as { status?: { succeeded?: number; conditions?: { type: string }[]; uncountedTerminatedPods?: object } }[];
    expect(jobs).toHaveLength(total);
    expect(jobs.filter((j) => j.status?.conditions?.some((c) => c.type === 'Complete'))).toHaveLength(total);
    expect(jobs.filter((j) => j.status?.succeeded === 1 && JSON.stringify(j.status.uncountedTerminatedPods) === '{}')).toHaveLength(total);
    const pods = h.store.listShared('pods') as unknown as { status?: { phase?: string }; metadata: { finalizers?: string[] } }[];
    expect(pods).toHaveLength(total);
    expect(pods.filter((p) => p.status?.phase === 'Succeeded' && (p.metadata.finalizers ?? []).length === 0)).toHaveLength(total);
  }, 600_000);
});
