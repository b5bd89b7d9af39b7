import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KubeObject } from '../../src/index.js';
import { kubectlFor, type Kubectl } from '../support/kubectl.js';
import { startTestSim, type TestSim } from '../support/test-sim.js';

let t: TestSim;
let k: Kubectl;
beforeAll(async () => {
  t = await startTestSim();
  k = await kubectlFor(t.sim);
});
afterAll(async () => {
  await t.sim.stop();
  await k.dispose();
});

const JOB_YAML = (name: string, labels = 'app: demo'): string => `apiVersion: batch/v1
kind: Job
metadata:
  name: ${name}
  labels:
    ${labels}
spec:
  suspend: true
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: main
        image: busybox:1.36
        command: ["sh", "-c", "echo hello"]
`;

describe('kubectl against the simulator (no flags beyond --kubeconfig)', () => {
  it('create a Job from YAML, get it with -o json', async () => {
    const file = await k.file('job.yaml', JOB_YAML('kc-job'));
    const created = await k.run('create', '-f', file);
    expect(created.stderr).toBe('');
    expect(created.stdout.trim()).toBe('job.batch/kc-job created');
    const got = await k.run('get', 'job', 'kc-job', '-o', 'json');
    const job = JSON.parse(got.stdout) as KubeObject;
    expect(job.kind).toBe('Job');
    expect((job.spec as { backoffLimit: number }).backoffLimit).toBe(6);
    const table = await k.run('get', 'jobs');
    expect(table.stdout.split('\n')[0]).toMatch(/^NAME\s+STATUS\s+COMPLETIONS\s+DURATION\s+AGE$/);
    expect(table.stdout.split('\n')[1]).toMatch(/^kc-job\s+Suspended\s+0\/1\s+\d+s$/);
  });

  it('list with label and field selectors', async () => {
    await k.run('create', '-f', await k.file('other.yaml', JOB_YAML('kc-other', 'app: other')));
    const byLabel = JSON.parse((await k.run('get', 'jobs', '-l', 'app=demo', '-o', 'json')).stdout) as { kind: string; items: KubeObject[] };
    expect(byLabel.items.map((i) => i.metadata.name)).toEqual(['kc-job']);
    const byField = await k.run('get', 'jobs', '--field-selector', 'metadata.name=kc-other', '-o', 'name');
    expect(byField.stdout.trim()).toBe('job.batch/kc-other');
    const notIn = await k.run('get', 'jobs', '-l', 'app notin (demo)', '-o', 'name');
    expect(notIn.stdout.trim()).toBe('job.batch/kc-other');
    const bad = await k.run('get', 'jobs', '--field-selector', 'spec.suspend=true');
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('field label not supported: spec.suspend');
  });

  it('patch spec.suspend (strategic by default, and --type=merge / --type=json)', async () => {
    expect((await k.run('patch', 'job', 'kc-job', '-p', '{"spec":{"suspend":false}}')).stdout.trim()).toBe('job.batch/kc-job patched');
    expect((t.sim.store.get('jobs', 'default', 'kc-job')?.spec as { suspend: boolean }).suspend).toBe(false);
    await k.run('patch', 'job', 'kc-job', '--type=merge', '-p', '{"spec":{"suspend":true}}');
    expect((t.sim.store.get('jobs', 'default', 'kc-job')?.spec as { suspend: boolean }).suspend).toBe(true);
    await k.run('patch', 'job', 'kc-job', '--type=json', '-p', '[{"op":"replace","path":"/spec/suspend","value":false}]');
    expect((t.sim.store.get('jobs', 'default', 'kc-job')?.spec as { suspend: boolean }).suspend).toBe(false);
    expect(t.sim.stats().requests.byResource.jobs?.patch).toBe(3);
  });

  it('apply (client-side, then server-side) creates and updates', async () => {
    const file = await k.file('applied.yaml', JOB_YAML('kc-applied'));
    expect((await k.run('apply', '-f', file)).stdout.trim()).toBe('job.batch/kc-applied created');
    const changed = await k.file('applied2.yaml', JOB_YAML('kc-applied', 'app: changed'));
    expect((await k.run('apply', '-f', changed)).stdout.trim()).toBe('job.batch/kc-applied configured');
    expect(t.sim.store.get('jobs', 'default', 'kc-applied')?.metadata.labels).toEqual({ app: 'changed' });
    const ssa = await k.run('apply', '--server-side', '-f', file);
    expect(ssa.stdout.trim()).toBe('job.batch/kc-applied serverside-applied');
    expect(t.sim.store.get('jobs', 'default', 'kc-applied')?.metadata.labels).toEqual({ app: 'demo' });
  });

  it('delete with cascade: background and orphan', async () => {
    const pod = (name: string, job: string): KubeObject => {
      const owner = t.sim.store.get('jobs', 'default', job);
      return {
        metadata: { name, ownerReferences: [{ apiVersion: 'batch/v1', kind: 'Job', name: job, uid: owner?.metadata.uid ?? '', controller: true, blockOwnerDeletion: true }] },
        spec: { restartPolicy: 'Never', containers: [{ name: 'main', image: 'busybox' }] },
      };
    };
    t.sim.store.create('pods', 'default', pod('kc-job-pod', 'kc-job'));
    t.sim.store.create('pods', 'default', pod('kc-other-pod', 'kc-other'));
    const bg = await k.run('delete', 'job', 'kc-job');
    expect(bg.stdout.trim()).toBe('job.batch "kc-job" deleted');
    expect(t.sim.store.get('pods', 'default', 'kc-job-pod')).toBeUndefined();
    const orphan = await k.run('delete', 'job', 'kc-other', '--cascade=orphan');
    expect(orphan.stdout.trim()).toBe('job.batch "kc-other" deleted');
    expect(t.sim.store.get('jobs', 'default', 'kc-other')).toBeUndefined();
    expect(t.sim.store.get('pods', 'default', 'kc-other-pod')?.metadata.ownerReferences).toBeUndefined();
  });

  it('get pods and nodes print the server-side Table columns', async () => {
    t.sim.store.create('pods', 'default', { metadata: { name: 'table-pod' }, spec: { restartPolicy: 'Never', containers: [{ name: 'a', image: 'busybox' }, { name: 'b', image: 'busybox' }] } });
    const pods = (await k.run('get', 'pods', 'table-pod')).stdout.split('\n');
    expect(pods[0]).toMatch(/^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE$/);
    expect(pods[1]).toMatch(/^table-pod\s+0\/2\s+Pending\s+0\s+\d+s$/);
    const wide = (await k.run('get', 'pods', 'table-pod', '-o', 'wide')).stdout.split('\n');
    expect(wide[0]).toMatch(/^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\s+IP\s+NODE\s+NOMINATED NODE\s+READINESS GATES$/);
    const nodes = (await k.run('get', 'nodes')).stdout.split('\n');
    expect(nodes[0]).toMatch(/^NAME\s+STATUS\s+ROLES\s+AGE\s+VERSION$/);
    expect(nodes[1]).toMatch(/^sim-node-1\s+Ready\s+<none>\s+\d+s\s+v1\.\d+\.\d+/);
  });

  it('get -w streams changes', async () => {
    const watching = k.lines(3, 'get', 'configmaps', '-w', '-o', 'name');
    const started = Number(t.sim.stats().requests.byResource.configmaps?.watch ?? 0);
    await until(() => (t.sim.stats().requests.byResource.configmaps?.watch ?? 0) > started && t.sim.stats().openWatches > 0);
    t.sim.store.create('configmaps', 'default', { metadata: { name: 'watched' } });
    t.sim.store.mutate('configmaps', 'default', 'watched', (o) => {
      o.data = { a: 'b' };
    });
    t.sim.store.delete('configmaps', 'default', 'watched');
    expect(await watching).toEqual(['configmap/watched', 'configmap/watched', 'configmap/watched']);
  });
});

/** Polls a condition on the simulator's own counters (kubectl runs in another process). */
async function until(predicate: () => boolean): Promise<void> {
  while (!predicate()) await new Promise((r) => setTimeout(r, 10));
}
