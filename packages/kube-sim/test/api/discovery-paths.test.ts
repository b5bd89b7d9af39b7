import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobBody, raw, startTestSim, type TestSim } from '../support/test-sim.js';

let t: TestSim;
beforeAll(async () => {
  t = await startTestSim({ namespaces: ['one', 'two'] });
  for (const ns of ['one', 'two']) await raw(t.sim, 'POST', `/apis/batch/v1/namespaces/${ns}/jobs`, jobBody(`job-${ns}`, { suspend: true }));
});
afterAll(async () => {
  await t.sim.stop();
});

describe('discovery and paths', () => {
  it('/version, /api, /apis, /apis/batch, /apis/rbac.authorization.k8s.io, group-version resource lists', async () => {
    expect((await raw(t.sim, 'GET', '/version', undefined, { token: null })).json()).toMatchObject({ major: '1', minor: '32' });
    expect((await raw(t.sim, 'GET', '/api')).json()).toMatchObject({ kind: 'APIVersions', versions: ['v1'] });
    expect((await raw(t.sim, 'GET', '/apis')).json()).toMatchObject({
      kind: 'APIGroupList',
      groups: [{ name: 'batch', preferredVersion: { groupVersion: 'batch/v1' } }, { name: 'rbac.authorization.k8s.io', preferredVersion: { groupVersion: 'rbac.authorization.k8s.io/v1' } }],
    });
    expect((await raw(t.sim, 'GET', '/apis/batch')).json()).toMatchObject({ kind: 'APIGroup', name: 'batch' });
    const core = (await raw(t.sim, 'GET', '/api/v1')).json<{ groupVersion: string; resources: { name: string; kind: string; namespaced: boolean }[] }>();
    expect(core.groupVersion).toBe('v1');
    expect(core.resources.map((r) => r.name)).toEqual([
      'namespaces', 'namespaces/status', 'nodes', 'nodes/status', 'pods', 'pods/status', 'pods/binding', 'pods/eviction', 'pods/log',
      'configmaps', 'secrets', 'persistentvolumeclaims', 'persistentvolumeclaims/status', 'events', 'serviceaccounts',
    ]);
    const batch = (await raw(t.sim, 'GET', '/apis/batch/v1')).json<{ resources: { name: string; kind: string; namespaced: boolean }[] }>();
    expect(batch.resources).toEqual([
      expect.objectContaining({ name: 'jobs', kind: 'Job', namespaced: true }),
      expect.objectContaining({ name: 'jobs/status', kind: 'Job' }),
    ]);
    expect((await raw(t.sim, 'GET', '/apis/rbac.authorization.k8s.io')).json()).toMatchObject({ kind: 'APIGroup', name: 'rbac.authorization.k8s.io' });
    const rbac = (await raw(t.sim, 'GET', '/apis/rbac.authorization.k8s.io/v1')).json<{ groupVersion: string; resources: { name: string; namespaced: boolean }[] }>();
    expect(rbac.groupVersion).toBe('rbac.authorization.k8s.io/v1');
    expect(rbac.resources.map((r) => [r.name, r.namespaced])).toEqual([['roles', true], ['clusterroles', false], ['rolebindings', true], ['clusterrolebindings', false]]);
  });

  it('lists across all namespaces and cluster-scoped resources', async () => {
    const all = (await raw(t.sim, 'GET', '/apis/batch/v1/jobs')).json<{ items: { metadata: { namespace: string } }[] }>();
    expect(all.items.map((i) => i.metadata.namespace)).toEqual(['one', 'two']);
    const one = (await t.batch.listJobForAllNamespaces({ fieldSelector: 'metadata.namespace=two' })).items;
    expect(one.map((j) => j.metadata?.name)).toEqual(['job-two']);
    expect((await raw(t.sim, 'GET', '/api/v1/nodes/sim-node-1')).status).toBe(200);
    expect((await raw(t.sim, 'GET', '/api/v1/namespaces/one/nodes')).status).toBe(404);
    expect((await raw(t.sim, 'GET', '/api/v1/namespaces/one/jobs')).status).toBe(404);
    expect((await raw(t.sim, 'GET', '/apis/batch/v1/namespaces/one/jobs/job-one/status')).json<{ kind: string }>().kind).toBe('Job');
    expect((await raw(t.sim, 'GET', '/api/v1/namespaces/one/configmaps/x/status')).status).toBe(404);
  });

  it('openapi: v3 discovery is served (for kubectl field validation), v2 is 404', async () => {
    const root = (await raw(t.sim, 'GET', '/openapi/v3')).json<{ paths: Record<string, { serverRelativeURL: string }> }>();
    expect(Object.keys(root.paths)).toEqual(['api/v1', 'apis/batch/v1', 'apis/rbac.authorization.k8s.io/v1']);
    const doc = await raw(t.sim, 'GET', root.paths['apis/batch/v1']?.serverRelativeURL ?? '');
    expect(doc.json<{ paths: Record<string, unknown> }>().paths).toHaveProperty(['/apis/batch/v1/namespaces/{namespace}/jobs/{name}']);
    expect((await raw(t.sim, 'GET', '/openapi/v2')).status).toBe(404);
  });
});
