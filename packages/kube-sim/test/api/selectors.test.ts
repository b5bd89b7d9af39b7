import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KubeObject } from '../../src/index.js';
import { apiFailure, podBody, raw, startTestSim, type TestSim } from '../support/test-sim.js';
import { WatchReader } from '../support/watch-reader.js';

let t: TestSim;
beforeAll(async () => {
  t = await startTestSim({ namespaces: ['sel'] });
  const pods: [string, Record<string, string>, string | undefined][] = [
    ['p1', { app: 'a', tier: 'web' }, 'sim-node-1'],
    ['p2', { app: 'b', tier: 'web' }, 'sim-node-2'],
    ['p3', { app: 'c' }, undefined],
    ['p4', {}, 'sim-node-1'],
  ];
  for (const [name, labels, nodeName] of pods) {
    await raw(t.sim, 'POST', '/api/v1/namespaces/sel/pods', podBody(name, { labels, ...(nodeName !== undefined ? { nodeName } : {}) }));
  }
});
afterAll(async () => {
  await t.sim.stop();
});

async function names(query: string): Promise<string[]> {
  const res = await raw(t.sim, 'GET', `/api/v1/namespaces/sel/pods?${query}`);
  expect(res.status, res.text).toBe(200);
  return res.json<{ items: { metadata: { name: string } }[] }>().items.map((i) => i.metadata.name);
}

const q = (sel: string): string => `labelSelector=${encodeURIComponent(sel)}`;

describe('checklist 9: same selector semantics in LIST and WATCH; 400 for unsupported fields', () => {
  it('label selector operators: =, ==, !=, in, notin, exists, !exists, comma = AND', async () => {
    expect(await names(q('app=a'))).toEqual(['p1']);
    expect(await names(q('app==b'))).toEqual(['p2']);
    expect(await names(q('app!=a'))).toEqual(['p2', 'p3', 'p4']);
    expect(await names(q('app in (a,c)'))).toEqual(['p1', 'p3']);
    expect(await names(q('app notin (a)'))).toEqual(['p2', 'p3', 'p4']);
    expect(await names(q('tier'))).toEqual(['p1', 'p2']);
    expect(await names(q('!tier'))).toEqual(['p3', 'p4']);
    expect(await names(q('tier=web,app!=a'))).toEqual(['p2']);
  });

  it('malformed label selectors give 400', async () => {
    const res = await raw(t.sim, 'GET', `/api/v1/namespaces/sel/pods?${q('app in a')}`);
    expect(res.status).toBe(400);
    expect(res.json<{ reason: string }>().reason).toBe('BadRequest');
  });

  it('field selectors: =, ==, != on supported pod fields', async () => {
    expect(await names('fieldSelector=spec.nodeName=sim-node-1')).toEqual(['p1', 'p4']);
    expect(await names('fieldSelector=spec.nodeName%3D%3Dsim-node-2')).toEqual(['p2']);
    expect(await names('fieldSelector=metadata.name!=p1,status.phase=Pending')).toEqual(['p2', 'p3', 'p4']);
    expect(await names('fieldSelector=spec.nodeName=')).toEqual(['p3']);
  });

  it('unsupported fields give 400 field label not supported, per resource', async () => {
    const pod = await raw(t.sim, 'GET', '/api/v1/namespaces/sel/pods?fieldSelector=spec.hostname=x');
    expect(pod.status).toBe(400);
    expect(pod.json()).toEqual({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'field label not supported: spec.hostname', reason: 'BadRequest', code: 400 });
    const job = await apiFailure(t.batch.listNamespacedJob({ namespace: 'sel', fieldSelector: 'spec.suspend=true' }));
    expect(job.code).toBe(400);
    expect((await t.batch.listNamespacedJob({ namespace: 'sel', fieldSelector: 'status.successful=0' })).items).toEqual([]);
    const secrets = await t.core.listNamespacedSecret({ namespace: 'sel', fieldSelector: 'type=Opaque' });
    expect(secrets.items).toEqual([]);
    expect((await apiFailure(t.core.listNamespacedConfigMap({ namespace: 'sel', fieldSelector: 'data.x=1' }))).code).toBe(400);
    expect((await t.core.listNode({ fieldSelector: 'spec.unschedulable=false' })).items).toHaveLength(3);
    const watch = await raw(t.sim, 'GET', '/api/v1/namespaces/sel/pods?watch=1&fieldSelector=spec.hostname=x');
    expect(watch.status).toBe(400);
  });

  it('field selectors on jobs, secrets, nodes and namespaces select by the rendered value', async () => {
    const job = (name: string): KubeObject => ({ metadata: { name }, spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox' }] } } } });
    for (const name of ['j0', 'j1']) t.sim.store.create('jobs', 'sel', job(name));
    t.sim.store.mutate('jobs', 'sel', 'j1', (o) => {
      o.status = { succeeded: 1 };
    }, { subresource: 'status' });
    const jobNames = async (selector: string): Promise<(string | undefined)[]> => (await t.batch.listNamespacedJob({ namespace: 'sel', fieldSelector: selector })).items.map((j) => j.metadata?.name);
    expect(await jobNames('status.successful=0')).toEqual(['j0']);
    expect(await jobNames('status.successful=1')).toEqual(['j1']);
    expect(await jobNames('status.successful!=1,metadata.namespace=sel')).toEqual(['j0']);
    t.sim.store.create('secrets', 'sel', { metadata: { name: 's-opaque' }, stringData: { a: 'b' } });
    t.sim.store.create('secrets', 'sel', { metadata: { name: 's-tls' }, type: 'kubernetes.io/dockerconfigjson', data: { '.dockerconfigjson': Buffer.from('{}').toString('base64') } });
    expect((await t.core.listNamespacedSecret({ namespace: 'sel', fieldSelector: 'type=Opaque' })).items.map((i) => i.metadata?.name)).toEqual(['s-opaque']);
    expect((await t.core.listNamespacedSecret({ namespace: 'sel', fieldSelector: 'type!=Opaque' })).items.map((i) => i.metadata?.name)).toEqual(['s-tls']);
    t.sim.store.mutate('nodes', undefined, 'sim-node-2', (o) => {
      o.spec = { ...(o.spec as object), unschedulable: true };
    });
    expect((await t.core.listNode({ fieldSelector: 'spec.unschedulable=true' })).items.map((n) => n.metadata?.name)).toEqual(['sim-node-2']);
    expect((await t.core.listNode({ fieldSelector: 'spec.unschedulable=false' })).items).toHaveLength(2);
    expect((await t.core.listNamespace({ fieldSelector: 'status.phase=Active,metadata.name=sel' })).items.map((n) => n.metadata?.name)).toEqual(['sel']);
  });

  it('WATCH applies the same selectors, including objects entering (ADDED) and leaving (DELETED) the selection', async () => {
    const w = new WatchReader(t.sim, `/api/v1/namespaces/sel/pods?watch=1&${q('tier=web,app!=a')}`);
    await w.waitForCount(1);
    expect(w.lines.map((l) => [l.type, l.object.metadata.name])).toEqual([['ADDED', 'p2']]);
    const merge = { contentType: 'application/merge-patch+json' };
    await raw(t.sim, 'PATCH', '/api/v1/namespaces/sel/pods/p3', { metadata: { labels: { tier: 'web' } } }, merge);
    await raw(t.sim, 'PATCH', '/api/v1/namespaces/sel/pods/p2', { metadata: { labels: { note: 'x' } } }, merge);
    await raw(t.sim, 'PATCH', '/api/v1/namespaces/sel/pods/p2', { metadata: { labels: { tier: null } } }, merge);
    await raw(t.sim, 'PATCH', '/api/v1/namespaces/sel/pods/p1', { metadata: { labels: { note: 'ignored' } } }, merge);
    await w.waitForCount(4);
    expect(w.lines.map((l) => [l.type, l.object.metadata.name])).toEqual([['ADDED', 'p2'], ['ADDED', 'p3'], ['MODIFIED', 'p2'], ['DELETED', 'p2']]);
    w.close();
    const f = new WatchReader(t.sim, `/api/v1/namespaces/sel/pods?watch=1&resourceVersion=${t.sim.store.resourceVersion}&fieldSelector=spec.nodeName%3Dsim-node-1`);
    await raw(t.sim, 'DELETE', '/api/v1/namespaces/sel/pods/p3');
    await raw(t.sim, 'PATCH', '/api/v1/namespaces/sel/pods/p4', { metadata: { labels: { seen: 'yes' } } }, merge);
    await f.waitForCount(1);
    expect(f.lines.map((l) => [l.type, l.object.metadata.name])).toEqual([['MODIFIED', 'p4']]);
    f.close();
  });
});
