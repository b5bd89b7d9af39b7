import { BatchV1Api, CoreV1Api, KubeConfig, loadAllYaml } from '@kubernetes/client-node';
import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RbacConfigError, startKubeSim, type RbacObject } from '../../src/index.js';
import { apiFailure, jobBody, raw, startTestSim, type RawResponse, type TestSim } from '../support/test-sim.js';

const SA = 'system:serviceaccount:team-a:tracker';
const RBAC = 'rbac.authorization.k8s.io';

/** A least-privilege Role for a job tracker in team-a, bound to the ServiceAccount team-a/tracker. */
const OBJECTS: RbacObject[] = [
  {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'Role',
    metadata: { name: 'tracker', namespace: 'team-a' },
    rules: [
      { apiGroups: ['batch'], resources: ['jobs'], verbs: ['get', 'list', 'watch', 'create', 'patch', 'delete'] },
      { apiGroups: ['batch'], resources: ['jobs/status'], verbs: ['get'] },
      { apiGroups: [''], resources: ['pods', 'pods/log'], verbs: ['get', 'list', 'watch'] },
      { apiGroups: [''], resources: ['configmaps'], resourceNames: ['allowed-cm'], verbs: ['get'] },
      { apiGroups: [''], resources: ['namespaces'], verbs: ['get'] },
    ],
  },
  {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'RoleBinding',
    metadata: { name: 'tracker', namespace: 'team-a' },
    subjects: [{ kind: 'ServiceAccount', name: 'tracker' }],
    roleRef: { apiGroup: RBAC, kind: 'Role', name: 'tracker' },
  },
];

let t: TestSim;
let sa: string;
beforeAll(async () => {
  t = await startTestSim({ namespaces: ['team-a', 'team-b'], rbac: { objects: OBJECTS } });
  sa = t.sim.tokens.serviceAccountToken('team-a', 'tracker');
});
afterAll(async () => {
  await t.sim.stop();
});

function as(token: string, method: string, path: string, body?: unknown, contentType?: string): Promise<RawResponse> {
  return raw(t.sim, method, path, body, { token, ...(contentType !== undefined ? { contentType } : {}) });
}

function expectForbidden(res: RawResponse, message: string, details: Record<string, unknown>): void {
  expect(res.status).toBe(403);
  expect(res.headers.get('content-type')).toBe('application/json');
  expect(res.json()).toEqual({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason: 'Forbidden', details, code: 403 });
}

describe('RBAC authorizer: tokens bound to Roles', () => {
  it('allows what the Role grants in its namespace, and nothing in another namespace', async () => {
    expect((await as(sa, 'POST', '/apis/batch/v1/namespaces/team-a/jobs', jobBody('a1'))).status).toBe(201);
    expect((await as(sa, 'GET', '/apis/batch/v1/namespaces/team-a/jobs')).status).toBe(200);
    expect((await as(sa, 'GET', '/apis/batch/v1/namespaces/team-a/jobs/a1')).status).toBe(200);
    const before = t.sim.store.count('jobs');
    expectForbidden(await as(sa, 'POST', '/apis/batch/v1/namespaces/team-b/jobs', jobBody('b1')),
      `jobs.batch is forbidden: User "${SA}" cannot create resource "jobs" in API group "batch" in the namespace "team-b"`, { group: 'batch', kind: 'jobs' });
    expect(t.sim.store.count('jobs')).toBe(before);
    expect(t.sim.store.get('jobs', 'team-b', 'b1')).toBeUndefined();
    expectForbidden(await as(sa, 'GET', '/apis/batch/v1/namespaces/team-b/jobs'),
      `jobs.batch is forbidden: User "${SA}" cannot list resource "jobs" in API group "batch" in the namespace "team-b"`, { group: 'batch', kind: 'jobs' });
    expectForbidden(await as(sa, 'GET', '/apis/batch/v1/jobs'),
      `jobs.batch is forbidden: User "${SA}" cannot list resource "jobs" in API group "batch" at the cluster scope`, { group: 'batch', kind: 'jobs' });
  });

  it('denies by verb: update and deletecollection are not granted, patch and delete are', async () => {
    const job = (await as(t.sim.token, 'GET', '/apis/batch/v1/namespaces/team-a/jobs/a1')).json();
    expectForbidden(await as(sa, 'PUT', '/apis/batch/v1/namespaces/team-a/jobs/a1', job),
      `jobs.batch "a1" is forbidden: User "${SA}" cannot update resource "jobs" in API group "batch" in the namespace "team-a"`, { name: 'a1', group: 'batch', kind: 'jobs' });
    expectForbidden(await as(sa, 'DELETE', '/apis/batch/v1/namespaces/team-a/jobs'),
      `jobs.batch is forbidden: User "${SA}" cannot deletecollection resource "jobs" in API group "batch" in the namespace "team-a"`, { group: 'batch', kind: 'jobs' });
    expect((await as(sa, 'PATCH', '/apis/batch/v1/namespaces/team-a/jobs/a1', { spec: { suspend: true } }, 'application/merge-patch+json')).status).toBe(200);
    expect((await as(sa, 'DELETE', '/apis/batch/v1/namespaces/team-a/jobs/a1?propagationPolicy=Background')).status).toBe(200);
    expect(t.sim.store.get('jobs', 'team-a', 'a1')).toBeUndefined();
  });

  it('subresources are separate: jobs/status get only, pods/log yes, pods/status no', async () => {
    await as(t.sim.token, 'POST', '/apis/batch/v1/namespaces/team-a/jobs', jobBody('a2'));
    t.sim.store.create('pods', 'team-a', { metadata: { name: 'p1' }, spec: { restartPolicy: 'Never', containers: [{ name: 'main', image: 'busybox' }] } });
    expect((await as(sa, 'GET', '/apis/batch/v1/namespaces/team-a/jobs/a2/status')).status).toBe(200);
    expectForbidden(await as(sa, 'PATCH', '/apis/batch/v1/namespaces/team-a/jobs/a2/status', { status: {} }, 'application/merge-patch+json'),
      `jobs.batch "a2" is forbidden: User "${SA}" cannot patch resource "jobs/status" in API group "batch" in the namespace "team-a"`, { name: 'a2', group: 'batch', kind: 'jobs' });
    expect((await as(sa, 'GET', '/api/v1/namespaces/team-a/pods/p1/log')).status).toBe(200);
    expectForbidden(await as(sa, 'GET', '/api/v1/namespaces/team-a/pods/p1/status'),
      `pods "p1" is forbidden: User "${SA}" cannot get resource "pods/status" in API group "" in the namespace "team-a"`, { name: 'p1', kind: 'pods' });
    expectForbidden(await as(sa, 'GET', '/api/v1/namespaces/team-b/pods/p1/log'),
      `pods "p1" is forbidden: User "${SA}" cannot get resource "pods/log" in API group "" in the namespace "team-b"`, { name: 'p1', kind: 'pods' });
  });

  it('resourceNames limit gets to the named objects; a list is allowed only when the field selector names one', async () => {
    for (const name of ['allowed-cm', 'other-cm']) t.sim.store.create('configmaps', 'team-a', { metadata: { name } });
    expect((await as(sa, 'GET', '/api/v1/namespaces/team-a/configmaps/allowed-cm')).status).toBe(200);
    expectForbidden(await as(sa, 'GET', '/api/v1/namespaces/team-a/configmaps/other-cm'),
      `configmaps "other-cm" is forbidden: User "${SA}" cannot get resource "configmaps" in API group "" in the namespace "team-a"`, { name: 'other-cm', kind: 'configmaps' });
    expect((await as(sa, 'GET', '/api/v1/namespaces/team-a/configmaps')).status).toBe(403);
    // get is granted, list is not: the named list is still a list.
    expectForbidden(await as(sa, 'GET', '/api/v1/namespaces/team-a/configmaps?fieldSelector=metadata.name%3Dallowed-cm'),
      `configmaps "allowed-cm" is forbidden: User "${SA}" cannot list resource "configmaps" in API group "" in the namespace "team-a"`, { name: 'allowed-cm', kind: 'configmaps' });
    t.sim.rbac.apply([{ ...OBJECTS[0], rules: [{ apiGroups: [''], resources: ['configmaps'], resourceNames: ['allowed-cm'], verbs: ['list'] }] }]);
    const named = await as(sa, 'GET', '/api/v1/namespaces/team-a/configmaps?fieldSelector=metadata.name%3Dallowed-cm');
    expect(named.status).toBe(200);
    expect(named.json<{ items: { metadata: { name: string } }[] }>().items.map((i) => i.metadata.name)).toEqual(['allowed-cm']);
    expect((await as(sa, 'GET', '/api/v1/namespaces/team-a/configmaps')).status).toBe(403);
    t.sim.rbac.apply([OBJECTS[0]]);
  });

  it('cluster-scoped resources: nodes and namespaces need cluster grants; a namespace object is in its own namespace', async () => {
    expectForbidden(await as(sa, 'GET', '/api/v1/nodes/sim-node-1'),
      `nodes "sim-node-1" is forbidden: User "${SA}" cannot get resource "nodes" in API group "" at the cluster scope`, { name: 'sim-node-1', kind: 'nodes' });
    expectForbidden(await as(sa, 'GET', '/api/v1/namespaces'),
      `namespaces is forbidden: User "${SA}" cannot list resource "namespaces" in API group "" at the cluster scope`, { kind: 'namespaces' });
    expect((await as(sa, 'GET', '/api/v1/namespaces/team-a')).status).toBe(200);
    expectForbidden(await as(sa, 'GET', '/api/v1/namespaces/team-b'),
      `namespaces "team-b" is forbidden: User "${SA}" cannot get resource "namespaces" in API group "" in the namespace "team-b"`, { name: 'team-b', kind: 'namespaces' });
    t.sim.rbac.apply([
      { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'node-reader' }, rules: [{ apiGroups: [''], resources: ['nodes'], verbs: ['get', 'list'] }] },
      {
        apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', metadata: { name: 'node-reader' },
        subjects: [{ kind: 'Group', apiGroup: RBAC, name: 'system:serviceaccounts:team-a' }], roleRef: { apiGroup: RBAC, kind: 'ClusterRole', name: 'node-reader' },
      },
    ]);
    expect((await as(sa, 'GET', '/api/v1/nodes')).status).toBe(200);
    expect(t.sim.rbac.delete('ClusterRoleBinding', 'node-reader')).toBe(true);
    expect((await as(sa, 'GET', '/api/v1/nodes')).status).toBe(403);
  });

  it('a RoleBinding to a ClusterRole grants it only inside the binding namespace', async () => {
    const user = t.sim.tokens.addToken({ user: 'alice' });
    t.sim.rbac.apply([
      { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'cm-reader' }, rules: [{ apiGroups: ['*'], resources: ['configmaps'], verbs: ['*'] }] },
      { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: { name: 'alice', namespace: 'team-b' }, subjects: [{ kind: 'User', apiGroup: RBAC, name: 'alice' }], roleRef: { apiGroup: RBAC, kind: 'ClusterRole', name: 'cm-reader' } },
    ]);
    expect((await as(user, 'GET', '/api/v1/namespaces/team-b/configmaps')).status).toBe(200);
    expectForbidden(await as(user, 'GET', '/api/v1/namespaces/team-a/configmaps'),
      'configmaps is forbidden: User "alice" cannot list resource "configmaps" in API group "" in the namespace "team-a"', { kind: 'configmaps' });
    expect((await as(user, 'GET', '/api/v1/configmaps')).status).toBe(403);
  });

  it('a binding to a missing role adds the RBAC reason to the message', async () => {
    const bob = t.sim.tokens.addToken({ user: 'bob' });
    t.sim.rbac.apply([{ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: { name: 'bob', namespace: 'team-b' }, subjects: [{ kind: 'User', apiGroup: RBAC, name: 'bob' }], roleRef: { apiGroup: RBAC, kind: 'Role', name: 'missing' } }]);
    expectForbidden(await as(bob, 'GET', '/api/v1/namespaces/team-b/pods'),
      'pods is forbidden: User "bob" cannot list resource "pods" in API group "" in the namespace "team-b": RBAC: role.rbac.authorization.k8s.io "missing" not found', { kind: 'pods' });
  });

  it('watch is a verb of its own and is checked before the stream opens', async () => {
    const abort = new AbortController();
    const ok = await fetch(`${t.sim.url}/apis/batch/v1/namespaces/team-a/jobs?watch=1&resourceVersion=${t.sim.store.resourceVersion}`, { headers: { Authorization: `Bearer ${sa}` }, signal: abort.signal });
    expect(ok.status).toBe(200);
    expect(t.sim.stats().openWatches).toBe(1);
    abort.abort();
    const denied = await as(sa, 'GET', '/apis/batch/v1/namespaces/team-b/jobs?watch=1');
    expectForbidden(denied, `jobs.batch is forbidden: User "${SA}" cannot watch resource "jobs" in API group "batch" in the namespace "team-b"`, { group: 'batch', kind: 'jobs' });
  });

  it('discovery is open to every authenticated user; other non-resource paths are forbidden; unknown tokens get 401', async () => {
    for (const path of ['/api', '/api/v1', '/apis', '/apis/batch/v1', '/version', '/openapi/v3']) expect((await as(sa, 'GET', path)).status).toBe(200);
    expectForbidden(await as(sa, 'GET', '/metrics'), `forbidden: User "${SA}" cannot get path "/metrics"`, {});
    expect((await as('not-a-token', 'GET', '/api')).status).toBe(401);
    expect((await as(t.sim.token, 'GET', '/metrics')).status).toBe(404);
    t.sim.tokens.removeToken(t.sim.tokens.addToken({ user: 'gone', token: 'revoked-token' }));
    expect((await as('revoked-token', 'GET', '/api')).status).toBe(401);
  });

  it('an unserved API group is authorized before it is found missing: 403 without a grant, 404 with one', async () => {
    const path = '/apis/kueue.x-k8s.io/v1beta1/namespaces/team-a/workloads';
    expectForbidden(await as(sa, 'GET', path),
      `workloads.kueue.x-k8s.io is forbidden: User "${SA}" cannot list resource "workloads" in API group "kueue.x-k8s.io" in the namespace "team-a"`, { group: 'kueue.x-k8s.io', kind: 'workloads' });
    expect((await as(t.sim.token, 'GET', path)).status).toBe(404);
    t.sim.rbac.apply([
      { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'kueue-reader' }, rules: [{ apiGroups: ['kueue.x-k8s.io'], resources: ['*'], verbs: ['list'] }] },
      { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: { name: 'kueue-reader', namespace: 'team-a' }, subjects: [{ kind: 'ServiceAccount', name: 'tracker' }], roleRef: { apiGroup: RBAC, kind: 'ClusterRole', name: 'kueue-reader' } },
    ]);
    expect((await as(sa, 'GET', path)).status).toBe(404);
    expect(t.sim.rbac.delete('RoleBinding', 'kueue-reader', 'team-a')).toBe(true);
  });

  it('the admin token stays all-powerful; stats count forbidden requests', async () => {
    t.sim.resetStats();
    expect((await as(t.sim.token, 'GET', '/api/v1/nodes')).status).toBe(200);
    expect((await as(t.sim.token, 'DELETE', '/api/v1/namespaces/team-b/configmaps')).status).toBe(200);
    expect((await as(sa, 'GET', '/api/v1/nodes')).status).toBe(403);
    expect((await as(sa, 'GET', '/api/v1/namespaces/team-b/secrets')).status).toBe(403);
    const s = t.sim.stats();
    expect(s.forbidden).toBe(2);
    expect(s.requests.byResource.nodes).toEqual({ list: 2 });
  });
});

describe('RBAC objects are API resources (rbac.authorization.k8s.io/v1)', () => {
  it('options and bootstrap objects are stored and listed; created Roles are validated with field causes', async () => {
    const roles = (await as(t.sim.token, 'GET', '/apis/rbac.authorization.k8s.io/v1/namespaces/team-a/roles')).json<{ kind: string; items: { metadata: { name: string } }[] }>();
    expect(roles.kind).toBe('RoleList');
    expect(roles.items.map((r) => r.metadata.name)).toEqual(['tracker']);
    const clusterRoles = (await as(t.sim.token, 'GET', '/apis/rbac.authorization.k8s.io/v1/clusterroles')).json<{ items: { metadata: { name: string; labels?: Record<string, string> } }[] }>();
    expect(clusterRoles.items.find((r) => r.metadata.name === 'cluster-admin')?.metadata.labels).toEqual({ 'kubernetes.io/bootstrapping': 'rbac-defaults' });
    const bad = await as(t.sim.token, 'POST', '/apis/rbac.authorization.k8s.io/v1/namespaces/team-a/roles', { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: 'bad' }, rules: [{ apiGroups: [''], resources: ['pods'] }] });
    expect(bad.status).toBe(422);
    expect(bad.json<{ details: { causes: unknown[] } }>().details.causes).toEqual([{ reason: 'FieldValueRequired', field: 'rules[0].verbs', message: 'Required value' }]);
    expect(t.sim.rbac.objects().map((o) => `${o.kind}/${o.metadata.name}`)).toContain('RoleBinding/tracker');
  });

  it('a RoleBinding created through the API takes effect at once; its roleRef cannot change', async () => {
    const dave = t.sim.tokens.addToken({ user: 'dave' });
    expect((await as(dave, 'GET', '/api/v1/namespaces/team-b/pods')).status).toBe(403);
    const binding = { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: { name: 'dave' }, subjects: [{ kind: 'User', apiGroup: RBAC, name: 'dave' }], roleRef: { apiGroup: RBAC, kind: 'ClusterRole', name: 'cluster-admin' } };
    expect((await as(t.sim.token, 'POST', '/apis/rbac.authorization.k8s.io/v1/namespaces/team-b/rolebindings', binding)).status).toBe(201);
    expect((await as(dave, 'GET', '/api/v1/namespaces/team-b/pods')).status).toBe(200);
    expect((await as(dave, 'GET', '/api/v1/nodes')).status).toBe(403);
    const changed = await as(t.sim.token, 'PATCH', '/apis/rbac.authorization.k8s.io/v1/namespaces/team-b/rolebindings/dave', { roleRef: { name: 'system:discovery' } }, 'application/merge-patch+json');
    expect(changed.status).toBe(422);
    expect(changed.json<{ message: string }>().message).toContain('roleRef: Invalid value');
    expect((await as(t.sim.token, 'DELETE', '/apis/rbac.authorization.k8s.io/v1/namespaces/team-b/rolebindings/dave')).status).toBe(200);
    expect((await as(dave, 'GET', '/api/v1/namespaces/team-b/pods')).status).toBe(403);
  });

  it('sim.rbac.apply rejects objects in a missing namespace before writing any', async () => {
    const role = (ns: string): RbacObject => ({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: 'x', namespace: ns }, rules: [] });
    expect(() => t.sim.rbac.apply([role('team-a'), role('nowhere')])).toThrow(expect.objectContaining({ field: 'objects[1].metadata.namespace' }) as Error);
    expect(t.sim.store.get('roles', 'team-a', 'x')).toBeUndefined();
  });
});

describe('RBAC through @kubernetes/client-node with sim.writeKubeconfig', () => {
  it('a kubeconfig for the ServiceAccount token works in team-a and gets 403 Forbidden in team-b', async () => {
    const path = await t.sim.writeKubeconfig({ token: sa, namespace: 'team-a' });
    const doc = JSON.parse(readFileSync(path, 'utf8')) as { contexts: { context: { namespace: string } }[]; users: { user: { token: string } }[] };
    expect(doc.contexts[0]?.context.namespace).toBe('team-a');
    expect(doc.users[0]?.user.token).toBe(sa);
    const kc = new KubeConfig();
    kc.loadFromFile(path);
    expect(kc.getContextObject(kc.getCurrentContext())?.namespace).toBe('team-a');
    const batch = kc.makeApiClient(BatchV1Api);
    const created = await batch.createNamespacedJob({ namespace: 'team-a', body: jobBody('via-client') });
    expect(created.metadata?.name).toBe('via-client');
    const listed = await batch.listNamespacedJob({ namespace: 'team-a' });
    expect(listed.items.map((j) => j.metadata?.name)).toContain('via-client');
    const failure = await apiFailure(batch.createNamespacedJob({ namespace: 'team-b', body: jobBody('nope') }));
    expect(failure.code).toBe(403);
    expect(failure.body).toMatchObject({ reason: 'Forbidden', code: 403, message: `jobs.batch is forbidden: User "${SA}" cannot create resource "jobs" in API group "batch" in the namespace "team-b"` });
    expect(t.sim.store.get('jobs', 'team-b', 'nope')).toBeUndefined();
    const core = kc.makeApiClient(CoreV1Api);
    expect((await apiFailure(core.listNode())).code).toBe(403);
  });

  it('rejects unknown tokens and bad namespaces; the files are removed on stop', async () => {
    const sim = await startKubeSim({ controllers: false, rbac: { tokens: [{ token: 'extra-token-1', user: 'carol' }] } });
    await expect(sim.writeKubeconfig({ token: 'unknown' })).rejects.toMatchObject({ name: 'RbacConfigError', field: 'token' });
    await expect(sim.writeKubeconfig({ token: 'extra-token-1', namespace: 'Bad_NS' })).rejects.toMatchObject({ field: 'namespace' });
    const path = await sim.writeKubeconfig({ token: 'extra-token-1' });
    expect(existsSync(path)).toBe(true);
    await sim.stop();
    expect(existsSync(path)).toBe(false);
  });
});

describe('a whole RBAC manifest as options', () => {
  it('ServiceAccount + Role + RoleBinding documents parsed by client-node loadAllYaml load as they are', async () => {
    const manifest = `apiVersion: v1
kind: ServiceAccount
metadata:
  name: drmaa2
  namespace: jobs
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: drmaa2
  namespace: jobs
  labels:
    app.kubernetes.io/name: drmaa2
rules:
- apiGroups: ["batch"]
  resources: ["jobs"]
  verbs: ["get", "list", "watch", "create", "patch", "delete"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: drmaa2
  namespace: jobs
subjects:
- kind: ServiceAccount
  name: drmaa2
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: Role
  name: drmaa2
`;
    const sim = await startKubeSim({ controllers: false, namespaces: ['jobs', 'elsewhere'], rbac: { objects: loadAllYaml(manifest) as RbacObject[] } });
    try {
      expect(sim.store.get('serviceaccounts', 'jobs', 'drmaa2')?.kind).toBe('ServiceAccount');
      expect(sim.store.get('roles', 'jobs', 'drmaa2')?.metadata.labels).toEqual({ 'app.kubernetes.io/name': 'drmaa2' });
      const token = sim.tokens.serviceAccountToken('jobs', 'drmaa2');
      const get = (path: string): Promise<number> => fetch(`${sim.url}${path}`, { headers: { Authorization: `Bearer ${token}` } }).then((r) => r.status);
      expect(await get('/apis/batch/v1/namespaces/jobs/jobs')).toBe(200);
      expect(await get('/apis/batch/v1/namespaces/elsewhere/jobs')).toBe(403);
      expect(await get('/api/v1/namespaces/jobs/pods')).toBe(403);
    } finally {
      await sim.stop();
    }
  });
});

describe('RBAC options are validated before the simulator starts', () => {
  const role = (extra: Record<string, unknown>): unknown => ({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: 'r', namespace: 'n' }, ...extra });
  const cases: [string, unknown, string][] = [
    ['missing namespace', { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: 'r' } }, 'rbac.objects[0].metadata.namespace'],
    ['wrong apiVersion', { apiVersion: 'v1', kind: 'Role', metadata: { name: 'r', namespace: 'n' } }, 'rbac.objects[0].apiVersion'],
    ['rule without verbs', role({ rules: [{ apiGroups: [''], resources: ['pods'] }] }), 'rbac.objects[0].rules[0].verbs'],
    ['rule without apiGroups', role({ rules: [{ resources: ['pods'], verbs: ['get'] }] }), 'rbac.objects[0].rules[0].apiGroups'],
    ['nonResourceURLs in a Role', role({ rules: [{ nonResourceURLs: ['/x'], verbs: ['get'] }] }), 'rbac.objects[0].rules[0].nonResourceURLs'],
    ['ClusterRoleBinding to a Role', { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', metadata: { name: 'b' }, roleRef: { apiGroup: RBAC, kind: 'Role', name: 'r' } }, 'rbac.objects[0].roleRef.kind'],
    ['ServiceAccount without a namespace', { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'sa' } }, 'rbac.objects[0].metadata.namespace'],
    ['Role in a namespace that does not exist', role({}), 'rbac.objects[0].metadata.namespace'],
    ['ServiceAccount subject without namespace in a ClusterRoleBinding', { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', metadata: { name: 'b' }, subjects: [{ kind: 'ServiceAccount', name: 'sa' }], roleRef: { apiGroup: RBAC, kind: 'ClusterRole', name: 'r' } }, 'rbac.objects[0].subjects[0].namespace'],
  ];
  it.each(cases)('%s', async (_title, object, field) => {
    const attempt = startKubeSim({ controllers: false, rbac: { objects: [object as RbacObject] } });
    await expect(attempt).rejects.toBeInstanceOf(RbacConfigError);
    await expect(attempt).rejects.toMatchObject({ field });
  });

  it('duplicate or malformed tokens are rejected without showing the token', async () => {
    const attempt = startKubeSim({ controllers: false, rbac: { tokens: [{ token: 's3cr3t-value', user: 'a' }, { token: 's3cr3t-value', user: 'b' }] } });
    await expect(attempt).rejects.toMatchObject({ field: 'rbac.tokens[1].token' });
    const message = await attempt.catch((e: unknown) => (e as Error).message);
    expect(message).not.toContain('s3cr3t-value');
    await expect(startKubeSim({ controllers: false, rbac: { tokens: [{ token: 'has space', user: 'a' }] } })).rejects.toMatchObject({ field: 'rbac.tokens[0].token' });
  });
});
