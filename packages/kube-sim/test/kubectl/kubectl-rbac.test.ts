import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RbacObject } from '../../src/index.js';
import { kubectlFor, type Kubectl } from '../support/kubectl.js';
import { startTestSim, type TestSim } from '../support/test-sim.js';

const SA = 'system:serviceaccount:team-a:runner';
const OBJECTS: RbacObject[] = [
  {
    apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: 'runner', namespace: 'team-a' },
    rules: [{ apiGroups: ['batch'], resources: ['jobs'], verbs: ['get', 'list', 'watch', 'create', 'delete'] }],
  },
  {
    apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: { name: 'runner', namespace: 'team-a' },
    subjects: [{ kind: 'ServiceAccount', name: 'runner', namespace: 'team-a' }], roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'runner' },
  },
];

let t: TestSim;
let k: Kubectl;
beforeAll(async () => {
  t = await startTestSim({ namespaces: ['team-a', 'team-b'], rbac: { objects: OBJECTS } });
  const path = await t.sim.writeKubeconfig({ token: t.sim.tokens.serviceAccountToken('team-a', 'runner'), namespace: 'team-a' });
  k = await kubectlFor(t.sim, path);
});
afterAll(async () => {
  await t.sim.stop();
  await k.dispose();
});

const JOB = `apiVersion: batch/v1
kind: Job
metadata:
  name: rbac-job
spec:
  suspend: true
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: main
        image: busybox:1.36
        command: ["true"]
`;

describe('kubectl with a ServiceAccount kubeconfig bound to a namespaced Role', () => {
  it('works in its namespace; other namespaces and nodes are Forbidden with the real message', async () => {
    const created = await k.run('create', '-f', await k.file('job.yaml', JOB));
    expect(created.stdout.trim()).toBe('job.batch/rbac-job created');
    expect(t.sim.store.get('jobs', 'team-a', 'rbac-job')).toBeDefined();
    expect((await k.run('get', 'jobs', '-o', 'name')).stdout.trim()).toBe('job.batch/rbac-job');
    const other = await k.run('get', 'jobs', '-n', 'team-b');
    expect(other.code).not.toBe(0);
    expect(other.stderr).toContain(`Error from server (Forbidden): jobs.batch is forbidden: User "${SA}" cannot list resource "jobs" in API group "batch" in the namespace "team-b"`);
    const nodes = await k.run('get', 'nodes');
    expect(nodes.stderr).toContain(`Error from server (Forbidden): nodes is forbidden: User "${SA}" cannot list resource "nodes" in API group "" at the cluster scope`);
    const createB = await k.run('create', '-n', 'team-b', '-f', await k.file('job.yaml', JOB));
    expect(createB.stderr).toContain(`cannot create resource "jobs" in API group "batch" in the namespace "team-b"`);
    expect(t.sim.store.get('jobs', 'team-b', 'rbac-job')).toBeUndefined();
    expect((await k.run('delete', 'job', 'rbac-job')).stdout.trim()).toBe('job.batch "rbac-job" deleted');
  });

  it('kubectl apply of a ServiceAccount + Role + RoleBinding manifest (admin) grants the rules; deleting the binding revokes them', async () => {
    const admin = await kubectlFor(t.sim);
    try {
      const manifest = `apiVersion: v1
kind: ServiceAccount
metadata:
  name: drmaa
  namespace: team-b
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: drmaa
  namespace: team-b
rules:
- apiGroups: [""]
  resources: ["configmaps"]
  verbs: ["get", "list", "create"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: drmaa
  namespace: team-b
subjects:
- kind: ServiceAccount
  name: drmaa
  namespace: team-b
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: Role
  name: drmaa
`;
      const applied = await admin.run('apply', '-f', await admin.file('rbac.yaml', manifest));
      expect(applied.stderr).toBe('');
      expect(applied.stdout.trim().split('\n')).toEqual(['serviceaccount/drmaa created', 'role.rbac.authorization.k8s.io/drmaa created', 'rolebinding.rbac.authorization.k8s.io/drmaa created']);
      expect((await admin.run('get', 'roles,rolebindings', '-n', 'team-b', '-o', 'name')).stdout.trim().split('\n')).toEqual(['role.rbac.authorization.k8s.io/drmaa', 'rolebinding.rbac.authorization.k8s.io/drmaa']);
      const table = (await admin.run('get', 'rolebindings', '-n', 'team-b', '-o', 'wide')).stdout.split('\n');
      expect(table[0]).toMatch(/^NAME\s+ROLE\s+AGE\s+USERS\s+GROUPS\s+SERVICEACCOUNTS$/);
      expect(table[1]).toMatch(/^drmaa\s+Role\/drmaa\s+\d+s\s+team-b\/drmaa$/);
      expect((await admin.run('get', 'serviceaccounts', '-n', 'team-b')).stdout.split('\n')[1]).toMatch(/^drmaa\s+0\s+\d+s$/);
      const sa = await kubectlFor(t.sim, await t.sim.writeKubeconfig({ token: t.sim.tokens.serviceAccountToken('team-b', 'drmaa'), namespace: 'team-b' }));
      try {
        expect((await sa.run('get', 'configmaps', '-o', 'name')).code).toBe(0);
        expect((await sa.run('get', 'secrets')).stderr).toContain('Error from server (Forbidden): secrets is forbidden: User "system:serviceaccount:team-b:drmaa" cannot list resource "secrets" in API group "" in the namespace "team-b"');
        expect((await admin.run('delete', 'rolebinding', 'drmaa', '-n', 'team-b')).stdout.trim()).toBe('rolebinding.rbac.authorization.k8s.io "drmaa" deleted');
        expect((await sa.run('get', 'configmaps')).stderr).toContain('Error from server (Forbidden)');
      } finally {
        await sa.dispose();
      }
    } finally {
      await admin.dispose();
    }
  });
});
