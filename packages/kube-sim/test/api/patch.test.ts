import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PatchStrategy, setHeaderOptions } from '@kubernetes/client-node';
import type { KubeObject } from '../../src/index.js';
import { jobBody, podBody, raw, startTestSim, type TestSim } from '../support/test-sim.js';

let t: TestSim;
beforeAll(async () => {
  t = await startTestSim({ namespaces: ['patch'] });
});
afterAll(async () => {
  await t.sim.stop();
});

const PODS = '/api/v1/namespaces/patch/pods';
type Container = { name: string; image: string; env?: { name: string; value: string }[] };
const containersOf = (o: KubeObject): Container[] => (o.spec as { containers: Container[] }).containers;

describe('checklist 24: merge, strategic and JSON patch, apply with fieldManager, 415 otherwise', () => {
  it('merge patch (client-node with setHeaderOptions) sets spec.suspend; null deletes a key', async () => {
    await t.batch.createNamespacedJob({ namespace: 'patch', body: jobBody('merge', {}, { labels: { a: '1', b: '2' } }) });
    const patched = await t.batch.patchNamespacedJob(
      { name: 'merge', namespace: 'patch', body: { spec: { suspend: true }, metadata: { labels: { a: null } } } },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );
    expect(patched.spec?.suspend).toBe(true);
    expect(patched.metadata?.labels).toEqual({ b: '2' });
  });

  it('a merge-style body sent as JSON patch (client-node default content type) is rejected', async () => {
    await t.batch.createNamespacedJob({ namespace: 'patch', body: jobBody('gotcha') });
    await expect(t.batch.patchNamespacedJob({ name: 'gotcha', namespace: 'patch', body: { spec: { suspend: true } } })).rejects.toMatchObject({ code: 400 });
  });

  it('JSON patch replace/add/test', async () => {
    await t.batch.createNamespacedJob({ namespace: 'patch', body: jobBody('jsonp') });
    const res = await raw(t.sim, 'PATCH', '/apis/batch/v1/namespaces/patch/jobs/jsonp', [
      { op: 'test', path: '/spec/suspend', value: false },
      { op: 'replace', path: '/spec/suspend', value: true },
      { op: 'add', path: '/metadata/annotations', value: { 'example.com/x': 'y' } },
    ], { contentType: 'application/json-patch+json' });
    expect(res.status).toBe(200);
    const job = res.json<KubeObject>();
    expect((job.spec as { suspend: boolean }).suspend).toBe(true);
    expect(job.metadata.annotations).toEqual({ 'example.com/x': 'y' });
    const failed = await raw(t.sim, 'PATCH', '/apis/batch/v1/namespaces/patch/jobs/jsonp', [{ op: 'test', path: '/spec/suspend', value: false }], { contentType: 'application/json-patch+json' });
    expect(failed.status).toBe(422);
  });

  it('strategic merge patch merges containers by name; merge patch replaces the whole list (422 here)', async () => {
    const body = podBody('smp', { containers: ['a', 'b'] });
    (body.spec as { containers: Container[] }).containers[0]!.env = [{ name: 'X', value: '1' }];
    await raw(t.sim, 'POST', PODS, body);
    const smp = await raw(t.sim, 'PATCH', `${PODS}/smp`, { spec: { containers: [{ name: 'a', image: 'busybox:2' }] } }, {
      contentType: 'application/strategic-merge-patch+json',
    });
    expect(smp.status).toBe(200);
    const containers = containersOf(smp.json<KubeObject>());
    expect(containers.map((c) => [c.name, c.image])).toEqual([['a', 'busybox:2'], ['b', 'busybox:1.36']]);
    expect(containers[0]?.env).toEqual([{ name: 'X', value: '1' }]);
    const envChange = await raw(t.sim, 'PATCH', `${PODS}/smp`, { spec: { containers: [{ name: 'a', env: [{ name: 'X', $patch: 'delete' }] }] } }, {
      contentType: 'application/strategic-merge-patch+json',
    });
    expect(envChange.status).toBe(422);
    expect(envChange.json<{ details: { causes: { field: string }[] } }>().details.causes[0]?.field).toBe('spec');
    const merge = await raw(t.sim, 'PATCH', `${PODS}/smp`, { spec: { containers: [{ name: 'a', image: 'busybox:3' }] } }, { contentType: 'application/merge-patch+json' });
    expect(merge.status).toBe(422);
  });

  it('server-side apply needs fieldManager; creates when missing, merges when present', async () => {
    const doc = jobBody('applied', { suspend: true }, { labels: { via: 'apply' } });
    const missing = await raw(t.sim, 'PATCH', '/apis/batch/v1/namespaces/patch/jobs/applied', doc, { contentType: 'application/apply-patch+yaml' });
    expect(missing.status).toBe(400);
    const created = await raw(t.sim, 'PATCH', '/apis/batch/v1/namespaces/patch/jobs/applied?fieldManager=test', doc, { contentType: 'application/apply-patch+yaml' });
    expect(created.status).toBe(201);
    const again = jobBody('applied', { suspend: false }, { labels: { via: 'apply', second: 'yes' } });
    const updated = await raw(t.sim, 'PATCH', '/apis/batch/v1/namespaces/patch/jobs/applied?fieldManager=test&force=true', again, { contentType: 'application/apply-patch+yaml' });
    expect(updated.status).toBe(200);
    const job = updated.json<KubeObject>();
    expect((job.spec as { suspend: boolean }).suspend).toBe(false);
    expect(job.metadata.labels).toEqual({ via: 'apply', second: 'yes' });
  });

  it('any other content type gives 415 UnsupportedMediaType', async () => {
    const res = await raw(t.sim, 'PATCH', '/apis/batch/v1/namespaces/patch/jobs/applied', { spec: {} }, { contentType: 'application/json' });
    expect(res.status).toBe(415);
    expect(res.json<{ reason: string; code: number }>()).toMatchObject({ reason: 'UnsupportedMediaType', code: 415 });
  });

  it('patching /status changes only status; main-resource patches ignore status', async () => {
    await t.batch.createNamespacedJob({ namespace: 'patch', body: jobBody('statusy') });
    const main = await raw(t.sim, 'PATCH', '/apis/batch/v1/namespaces/patch/jobs/statusy', { status: { active: 5 } }, { contentType: 'application/merge-patch+json' });
    expect(main.json<{ status: unknown }>().status).toEqual({});
    const sub = await raw(t.sim, 'PATCH', '/apis/batch/v1/namespaces/patch/jobs/statusy/status', { status: { active: 5 }, spec: { parallelism: 9 } }, { contentType: 'application/merge-patch+json' });
    const job = sub.json<{ status: { active: number }; spec: { parallelism: number } }>();
    expect(job.status.active).toBe(5);
    expect(job.spec.parallelism).toBe(1);
  });
});

describe('checklist 24: patching spec.suspend drives the controller', () => {
  it('suspending a running Job deletes its pods and sets Suspended; resuming recreates them', async () => {
    const sim = await startTestSim({ timing: { syncBatchMs: 0, podStartMs: 0 }, kubelet: { mode: 'scripted', script: () => ({ durationMs: Infinity }) }, controllers: true });
    try {
      await sim.batch.createNamespacedJob({ namespace: 'default', body: jobBody('runner') });
      const podsOf = (): KubeObject[] => sim.sim.store.list('pods', 'default', { labelSelector: 'job-name=runner' }).filter((p) => p.metadata.deletionTimestamp === undefined);
      await until(sim, () => podsOf().length === 1);
      await sim.batch.patchNamespacedJob({ name: 'runner', namespace: 'default', body: { spec: { suspend: true } } }, setHeaderOptions('Content-Type', PatchStrategy.MergePatch));
      await until(sim, () => conditionOf(sim, 'runner', 'Suspended') === 'True');
      await until(sim, () => podsOf().length === 0);
      await sim.batch.patchNamespacedJob({ name: 'runner', namespace: 'default', body: { spec: { suspend: false } } }, setHeaderOptions('Content-Type', PatchStrategy.MergePatch));
      await until(sim, () => conditionOf(sim, 'runner', 'Suspended') === 'False' && podsOf().length === 1);
    } finally {
      await sim.sim.stop();
    }
  });
});

function conditionOf(sim: TestSim, job: string, type: string): string | undefined {
  const status = sim.sim.store.get('jobs', 'default', job)?.status as { conditions?: { type: string; status: string }[] } | undefined;
  return status?.conditions?.find((c) => c.type === type)?.status;
}

/** Resolves once `predicate` holds, re-checking after every store change. */
function until(sim: TestSim, predicate: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    if (predicate()) return resolve();
    const off = sim.sim.store.subscribe(() => {
      if (predicate()) {
        off();
        resolve();
      }
    });
  });
}
