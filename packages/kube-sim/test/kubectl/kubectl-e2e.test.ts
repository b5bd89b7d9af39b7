import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kubectlFor, type Kubectl } from '../support/kubectl.js';
import { startTestSim, type TestSim } from '../support/test-sim.js';

let t: TestSim;
let k: Kubectl;
beforeAll(async () => {
  t = await startTestSim({
    controllers: true,
    timing: { syncBatchMs: 0, podStartMs: 0, defaultRunMs: 50 },
    kubelet: {
      mode: 'scripted',
      script: (c) => (c.podName.startsWith('follow-') ? { durationMs: 400, log: 'start\n', finalLog: 'end\n' } : { durationMs: 50, log: `hello from ${c.podName}\n` }),
    },
  });
  k = await kubectlFor(t.sim);
});
afterAll(async () => {
  await t.sim.stop();
  await k.dispose();
});

const JOB_YAML = `apiVersion: batch/v1
kind: Job
metadata:
  name: e2e
spec:
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: main
        image: busybox:1.36
        command: ["echo", "hello"]
`;

describe('end to end with the controllers: kubectl wait and kubectl logs', () => {
  it('kubectl wait --for=condition=complete job/e2e, then kubectl logs job/e2e', async () => {
    expect((await k.run('create', '-f', await k.file('job.yaml', JOB_YAML))).code).toBe(0);
    const wait = await k.run('wait', '--for=condition=complete', 'job/e2e', '--timeout=60s');
    expect(wait.stderr).toBe('');
    expect(wait.stdout.trim()).toBe('job.batch/e2e condition met');
    const logs = await k.run('logs', 'job/e2e');
    expect(logs.code).toBe(0);
    expect(logs.stdout).toMatch(/^hello from e2e-[bcdfghjklmnpqrstvwxz2456789]{5}\n$/);
    const describe = await k.run('get', 'job', 'e2e', '-o', 'jsonpath={.status.succeeded}');
    expect(describe.stdout).toBe('1');
  });

  it('kubectl logs -f follows a running container until it exits', async () => {
    const yaml = JOB_YAML.replace('name: e2e', 'name: follow');
    expect((await k.run('create', '-f', await k.file('follow.yaml', yaml))).code).toBe(0);
    const logs = await k.run('logs', '-f', 'job/follow');
    expect(logs.stderr).toBe('');
    expect(logs.stdout).toBe('start\nend\n');
  });

  it('kubectl delete --cascade=foreground waits until the pods are gone', async () => {
    const res = await k.run('delete', 'job', 'e2e', '--cascade=foreground');
    expect(res.stdout.trim()).toBe('job.batch "e2e" deleted');
    expect(t.sim.store.list('pods', 'default', { labelSelector: 'job-name=e2e' })).toEqual([]);
  });
});
