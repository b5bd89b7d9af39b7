import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KubeObject } from '../../src/index.js';
import { jobBody, podBody, raw, startTestSim, type TestSim } from '../support/test-sim.js';

let t: TestSim;
beforeAll(async () => {
  t = await startTestSim({ namespaces: ['del'] });
});
afterAll(async () => {
  await t.sim.stop();
});

const JOBS = '/apis/batch/v1/namespaces/del/jobs';
const PODS = '/api/v1/namespaces/del/pods';

/** Creates a Job and `n` pods owned by it (bound to a node unless `bound` is false), as the controller would. */
async function jobWithPods(name: string, n: number, bound = true): Promise<{ uid: string }> {
  const job = (await raw(t.sim, 'POST', JOBS, jobBody(name, { suspend: true }))).json<KubeObject>();
  const uid = job.metadata.uid ?? '';
  for (let i = 0; i < n; i++) {
    const pod = podBody(`${name}-${i}`, bound ? { nodeName: 'sim-node-1' } : {});
    (pod.metadata as Record<string, unknown>).ownerReferences = [{ apiVersion: 'batch/v1', kind: 'Job', name, uid, controller: true, blockOwnerDeletion: true }];
    expect((await raw(t.sim, 'POST', PODS, pod)).status).toBe(201);
  }
  return { uid };
}

const exists = (resource: 'pods' | 'jobs' | 'configmaps', name: string): boolean => t.sim.store.get(resource, 'del', name) !== undefined;

describe('checklist 21: Job DELETE: Background (Status body), Foreground (held until pods gone), Orphan by default', () => {
  it('Background removes the Job at once with a Success Status; GC deletes its pods', async () => {
    const { uid } = await jobWithPods('bg', 2, false);
    const res = await raw(t.sim, 'DELETE', `${JOBS}/bg`, { kind: 'DeleteOptions', apiVersion: 'v1', propagationPolicy: 'Background' });
    expect(res.status).toBe(200);
    expect(res.json()).toEqual({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', details: { name: 'bg', group: 'batch', kind: 'jobs', uid } });
    expect(exists('jobs', 'bg')).toBe(false);
    expect(exists('pods', 'bg-0') || exists('pods', 'bg-1')).toBe(false);
  });

  it('Background via the query string too, and bound pods are deleted gracefully', async () => {
    await jobWithPods('bgq', 1);
    const res = await raw(t.sim, 'DELETE', `${JOBS}/bgq?propagationPolicy=Background`);
    expect(res.json<{ status: string }>().status).toBe('Success');
    const pod = t.sim.store.get('pods', 'del', 'bgq-0');
    expect(pod?.metadata.deletionTimestamp).toBeDefined();
    expect(pod?.metadata.deletionGracePeriodSeconds).toBe(30);
    await raw(t.sim, 'DELETE', `${PODS}/bgq-0`, { gracePeriodSeconds: 0 });
    expect(exists('pods', 'bgq-0')).toBe(false);
  });

  it('Foreground returns the Job with deletionTimestamp and foregroundDeletion, held until its pods are gone', async () => {
    await jobWithPods('fg', 2);
    const res = await raw(t.sim, 'DELETE', `${JOBS}/fg`, { propagationPolicy: 'Foreground' });
    expect(res.status).toBe(200);
    const job = res.json<KubeObject>();
    expect(job.kind).toBe('Job');
    expect(job.metadata.deletionTimestamp).toBeDefined();
    expect(job.metadata.finalizers).toEqual(['foregroundDeletion']);
    expect(exists('jobs', 'fg')).toBe(true);
    await raw(t.sim, 'DELETE', `${PODS}/fg-0?gracePeriodSeconds=0`);
    expect(exists('jobs', 'fg')).toBe(true);
    await raw(t.sim, 'DELETE', `${PODS}/fg-1?gracePeriodSeconds=0`);
    expect(exists('jobs', 'fg')).toBe(false);
  });

  it('no propagationPolicy means Orphan for Jobs: the Job goes, pods stay without the owner reference', async () => {
    await jobWithPods('orph', 1);
    const res = await raw(t.sim, 'DELETE', `${JOBS}/orph`);
    expect(res.status).toBe(200);
    expect(res.json<KubeObject>().metadata.finalizers).toEqual(['orphan']);
    expect(exists('jobs', 'orph')).toBe(false);
    const pod = t.sim.store.get('pods', 'del', 'orph-0');
    expect(pod?.metadata.deletionTimestamp).toBeUndefined();
    expect(pod?.metadata.ownerReferences).toBeUndefined();
  });

  it('owner-reference GC: a ConfigMap owned by a Job goes when the Job goes; one with another live owner stays', async () => {
    const a = await jobWithPods('owner-a', 0);
    const b = await jobWithPods('owner-b', 0);
    const ref = (name: string, uid: string): Record<string, unknown> => ({ apiVersion: 'batch/v1', kind: 'Job', name, uid });
    t.sim.store.create('configmaps', 'del', { metadata: { name: 'owned', ownerReferences: [ref('owner-a', a.uid)] as never } });
    t.sim.store.create('configmaps', 'del', { metadata: { name: 'shared', ownerReferences: [ref('owner-a', a.uid), ref('owner-b', b.uid)] as never } });
    await raw(t.sim, 'DELETE', `${JOBS}/owner-a?propagationPolicy=Background`);
    expect(exists('configmaps', 'owned')).toBe(false);
    expect(t.sim.store.get('configmaps', 'del', 'shared')?.metadata.ownerReferences?.map((r) => r.name)).toEqual(['owner-b']);
  });

  it('deletecollection deletes every match and returns them as a list', async () => {
    for (const n of ['dc-1', 'dc-2', 'keep']) t.sim.store.create('configmaps', 'del', { metadata: { name: n, labels: { group: n === 'keep' ? 'no' : 'yes' } } });
    const res = await raw(t.sim, 'DELETE', '/api/v1/namespaces/del/configmaps?labelSelector=group%3Dyes');
    expect(res.status).toBe(200);
    const list = res.json<{ kind: string; items: KubeObject[] }>();
    expect(list.kind).toBe('ConfigMapList');
    expect(list.items.map((i) => i.metadata.name)).toEqual(['dc-1', 'dc-2']);
    expect(exists('configmaps', 'keep')).toBe(true);
    expect(t.sim.stats().requests.byResource.configmaps?.deletecollection).toBe(1);
  });
});

describe('checklist 22 (API side): pod deletion, finalizers, unscheduled/terminal pods go at once', () => {
  it('a bound pod gets deletionTimestamp + grace and stays; grace 0 removes it (DELETE returns the Pod)', async () => {
    await raw(t.sim, 'POST', PODS, podBody('graceful', { nodeName: 'sim-node-1' }));
    const res = await raw(t.sim, 'DELETE', `${PODS}/graceful`, { gracePeriodSeconds: 5 });
    expect(res.status).toBe(200);
    const pod = res.json<KubeObject>();
    expect(pod.kind).toBe('Pod');
    expect(pod.metadata.deletionGracePeriodSeconds).toBe(5);
    expect(Date.parse(pod.metadata.deletionTimestamp ?? '') - Date.parse(pod.metadata.creationTimestamp ?? '')).toBeGreaterThanOrEqual(5000);
    const again = await raw(t.sim, 'DELETE', `${PODS}/graceful`, { gracePeriodSeconds: 0 });
    expect(again.json<KubeObject>().kind).toBe('Pod');
    expect(exists('pods', 'graceful')).toBe(false);
  });

  it('unscheduled and terminal pods go at once', async () => {
    await raw(t.sim, 'POST', PODS, podBody('unbound'));
    expect((await raw(t.sim, 'DELETE', `${PODS}/unbound`)).status).toBe(200);
    expect(exists('pods', 'unbound')).toBe(false);
    await raw(t.sim, 'POST', PODS, podBody('done', { nodeName: 'sim-node-1' }));
    await raw(t.sim, 'PATCH', `${PODS}/done/status`, { status: { phase: 'Succeeded' } }, { contentType: 'application/merge-patch+json' });
    await raw(t.sim, 'DELETE', `${PODS}/done`);
    expect(exists('pods', 'done')).toBe(false);
  });

  it('finalizers hold the pod until a strategic-merge $deleteFromPrimitiveList removes them', async () => {
    const body = podBody('tracked', { nodeName: 'sim-node-1' });
    (body.metadata as Record<string, unknown>).finalizers = ['batch.kubernetes.io/job-tracking'];
    await raw(t.sim, 'POST', PODS, body);
    await raw(t.sim, 'DELETE', `${PODS}/tracked?gracePeriodSeconds=0`);
    const held = t.sim.store.get('pods', 'del', 'tracked');
    expect(held?.metadata.deletionTimestamp).toBeDefined();
    expect(held?.metadata.finalizers).toEqual(['batch.kubernetes.io/job-tracking']);
    const patch = await raw(t.sim, 'PATCH', `${PODS}/tracked`, { metadata: { '$deleteFromPrimitiveList/finalizers': ['batch.kubernetes.io/job-tracking'] } }, {
      contentType: 'application/strategic-merge-patch+json',
    });
    expect(patch.status).toBe(200);
    expect(exists('pods', 'tracked')).toBe(false);
  });

  it('preconditions: a wrong uid gives 409 Conflict', async () => {
    await raw(t.sim, 'POST', PODS, podBody('precond'));
    const res = await raw(t.sim, 'DELETE', `${PODS}/precond`, { preconditions: { uid: 'nope' } });
    expect(res.status).toBe(409);
    expect(res.json<{ message: string }>().message).toContain('Precondition failed: UID in precondition: nope');
  });
});
