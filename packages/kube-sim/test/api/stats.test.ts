import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PatchStrategy, setHeaderOptions } from '@kubernetes/client-node';
import { jobBody, raw, startTestSim, type TestSim } from '../support/test-sim.js';
import { WatchReader } from '../support/watch-reader.js';

let t: TestSim;
beforeAll(async () => {
  t = await startTestSim({ namespaces: ['s'] });
});
afterAll(async () => {
  await t.sim.stop();
});

describe('stats(): exact request counts by verb and resource, open watches, objects by kind, bytes', () => {
  it('counts every verb as Kubernetes names it', async () => {
    t.sim.resetStats();
    await t.batch.createNamespacedJob({ namespace: 's', body: jobBody('a', { suspend: true }) });
    await t.batch.createNamespacedJob({ namespace: 's', body: jobBody('b', { suspend: true }) });
    await t.batch.readNamespacedJob({ name: 'a', namespace: 's' });
    await t.batch.listNamespacedJob({ namespace: 's' });
    await t.batch.patchNamespacedJob({ name: 'a', namespace: 's', body: { metadata: { labels: { x: 'y' } } } }, setHeaderOptions('Content-Type', PatchStrategy.MergePatch));
    await t.batch.readNamespacedJobStatus({ name: 'a', namespace: 's' });
    const current = await t.batch.readNamespacedJob({ name: 'b', namespace: 's' });
    await t.batch.replaceNamespacedJob({ name: 'b', namespace: 's', body: current });
    await t.batch.deleteNamespacedJob({ name: 'a', namespace: 's', propagationPolicy: 'Background' });
    await t.batch.deleteCollectionNamespacedJob({ namespace: 's' });
    const w = new WatchReader(t.sim, '/apis/batch/v1/namespaces/s/jobs?watch=1&timeoutSeconds=5');
    await w.opened;
    await raw(t.sim, 'GET', '/version');
    const stats = t.sim.stats();
    expect(stats.requests.byVerb).toEqual({ create: 2, get: 3, list: 1, patch: 1, update: 1, delete: 1, deletecollection: 1, watch: 1 });
    expect(stats.requests.byResource).toEqual({
      jobs: { create: 2, get: 2, list: 1, patch: 1, update: 1, delete: 1, deletecollection: 1, watch: 1 },
      'jobs/status': { get: 1 },
    });
    expect(stats.requests.total).toBe(11);
    expect(stats.requests.nonResource).toBe(1);
    expect(stats.openWatches).toBe(1);
    expect(stats.objects.Job).toBe(0);
    expect(stats.objects.Namespace).toBe(3);
    expect(stats.objects.Node).toBe(3);
    expect(stats.bytesSent).toBeGreaterThan(0);
    w.close();
    await w.done;
    t.sim.resetStats();
    const after = t.sim.stats();
    expect(after.requests.total).toBe(0);
    expect(after.bytesSent).toBe(0);
    expect(after.requests.byVerb).toEqual({});
  });
});
