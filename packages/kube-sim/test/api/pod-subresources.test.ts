import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KubeObject } from '../../src/index.js';
import { podBody, raw, startTestSim, type TestSim } from '../support/test-sim.js';

let t: TestSim;
beforeAll(async () => {
  t = await startTestSim();
});
afterAll(async () => {
  await t.sim.stop();
});

type Conditions = { status: { conditions?: { type: string; status: string; reason?: string }[] } };

describe('pods/binding and pods/eviction (reference §4 paths)', () => {
  it('binding sets spec.nodeName and PodScheduled=True, 201 Success; a second binding is 409', async () => {
    await raw(t.sim, 'POST', '/api/v1/namespaces/default/pods', podBody('to-bind'));
    const target = { apiVersion: 'v1', kind: 'Binding', metadata: { name: 'to-bind' }, target: { apiVersion: 'v1', kind: 'Node', name: 'sim-node-2' } };
    const res = await raw(t.sim, 'POST', '/api/v1/namespaces/default/pods/to-bind/binding', target);
    expect(res.status).toBe(201);
    expect(res.json()).toEqual({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 });
    const pod = t.sim.store.get('pods', 'default', 'to-bind') as KubeObject & Conditions;
    expect((pod.spec as { nodeName: string }).nodeName).toBe('sim-node-2');
    expect(pod.status.conditions?.find((c) => c.type === 'PodScheduled')?.status).toBe('True');
    const again = await raw(t.sim, 'POST', '/api/v1/namespaces/default/pods/to-bind/binding', target);
    expect(again.status).toBe(409);
  });

  it('eviction adds DisruptionTarget (EvictionByEvictionAPI) and deletes the pod gracefully', async () => {
    await raw(t.sim, 'POST', '/api/v1/namespaces/default/pods', podBody('evictee', { nodeName: 'sim-node-1' }));
    const res = await t.core.createNamespacedPodEviction({ name: 'evictee', namespace: 'default', body: { metadata: { name: 'evictee', namespace: 'default' } } });
    expect(res).toBeDefined();
    const pod = t.sim.store.get('pods', 'default', 'evictee') as KubeObject & Conditions;
    expect(pod.metadata.deletionTimestamp).toBeDefined();
    expect(pod.status.conditions?.find((c) => c.type === 'DisruptionTarget')).toMatchObject({ status: 'True', reason: 'EvictionByEvictionAPI' });
  });
});

describe('dryRun=All', () => {
  it('create, update, patch and delete validate and answer without storing', async () => {
    const rv = t.sim.store.resourceVersion;
    const created = await raw(t.sim, 'POST', '/api/v1/namespaces/default/configmaps?dryRun=All', { metadata: { name: 'dry' }, data: { a: '1' } });
    expect(created.status).toBe(201);
    expect(created.json<KubeObject>().metadata.uid).toBeDefined();
    expect(t.sim.store.get('configmaps', 'default', 'dry')).toBeUndefined();
    const invalid = await raw(t.sim, 'POST', '/api/v1/namespaces/default/configmaps?dryRun=All', { metadata: { name: 'Dry' } });
    expect(invalid.status).toBe(422);
    t.sim.store.create('configmaps', 'default', { metadata: { name: 'wet' }, data: { a: '1' } });
    const before = t.sim.store.resourceVersion;
    const patched = await raw(t.sim, 'PATCH', '/api/v1/namespaces/default/configmaps/wet?dryRun=All', { data: { a: '2' } }, { contentType: 'application/merge-patch+json' });
    expect(patched.json<{ data: { a: string } }>().data.a).toBe('2');
    expect((t.sim.store.get('configmaps', 'default', 'wet')?.data as { a: string }).a).toBe('1');
    const current = t.sim.store.get('configmaps', 'default', 'wet');
    const updated = await raw(t.sim, 'PUT', '/api/v1/namespaces/default/configmaps/wet?dryRun=All', { ...current, data: { a: '3' } });
    expect(updated.status).toBe(200);
    expect(updated.json<{ data: { a: string } }>().data.a).toBe('3');
    expect((t.sim.store.get('configmaps', 'default', 'wet')?.data as { a: string }).a).toBe('1');
    expect((await raw(t.sim, 'DELETE', '/api/v1/namespaces/default/configmaps/wet?dryRun=All')).status).toBe(200);
    expect(t.sim.store.get('configmaps', 'default', 'wet')).toBeDefined();
    expect(t.sim.store.resourceVersion).toBe(before);
    expect(Number(before)).toBe(Number(rv) + 1);
    expect((await raw(t.sim, 'POST', '/api/v1/namespaces/default/configmaps?dryRun=Some', { metadata: { name: 'x' } })).status).toBe(400);
  });
});
