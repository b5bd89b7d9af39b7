import { afterEach, describe, expect, it } from 'vitest';
import { Harness } from './support/harness.js';

let h: Harness;
afterEach(async () => {
  await h.stop();
  expect(h.errors).toEqual([]);
});

function createPod(name: string, spec: Record<string, unknown>) {
  return h.store.create('pods', 'default', { metadata: { name }, spec: { restartPolicy: 'Never', ...spec } });
}

describe('kubelet details', () => {
  it('a missing ConfigMap volume keeps the pod in ContainerCreating until it exists', () => {
    h = new Harness({ timing: { podStartMs: 0 }, recordEvents: true });
    createPod('mnt', {
      volumes: [{ name: 'cfg', configMap: { name: 'later' } }],
      containers: [{ name: 'main', image: 'busybox', volumeMounts: [{ name: 'cfg', mountPath: '/cfg' }] }],
    });
    h.run(30_000);
    const pod = h.pod('mnt')!;
    expect(pod.status?.phase).toBe('Pending');
    expect(pod.status?.containerStatuses?.[0]?.state.waiting?.reason).toBe('ContainerCreating');
    expect(pod.status?.conditions?.find((c) => c.type === 'PodReadyToStartContainers')?.status).toBe('False');
    const failed = (h.store.list('events', 'default') as unknown as { reason: string; message: string }[]).find((e) => e.reason === 'FailedMount');
    expect(failed?.message).toBe('MountVolume.SetUp failed for volume "cfg" : configmap "later" not found');
    h.store.create('configmaps', 'default', { metadata: { name: 'later' }, data: { a: 'b' } });
    h.run(1500);
    expect(h.pod('mnt')?.status?.phase).toBe('Succeeded');
  });

  it('pod activeDeadlineSeconds kills the pod: Failed, reason DeadlineExceeded', () => {
    h = new Harness({ timing: { podStartMs: 0 } });
    h.script = () => ({ durationMs: Infinity });
    createPod('slow', { activeDeadlineSeconds: 5, containers: [{ name: 'main', image: 'busybox' }] });
    h.run(4999);
    expect(h.pod('slow')?.status?.phase).toBe('Running');
    h.run(1);
    const pod = h.pod('slow')!;
    expect(pod.status).toMatchObject({ phase: 'Failed', reason: 'DeadlineExceeded', message: 'Pod was active on the node longer than the specified deadline' });
    expect(pod.status?.containerStatuses?.[0]?.state.terminated?.exitCode).toBe(143);
  });

  it('a native sidecar starts before the main container, keeps running, and is stopped at the end without affecting the phase', () => {
    h = new Harness({ timing: { podStartMs: 0 } });
    h.script = (ctx) => (ctx.containerName === 'proxy' ? { durationMs: Infinity } : { durationMs: 1000 });
    createPod('side', {
      initContainers: [{ name: 'proxy', image: 'envoy', restartPolicy: 'Always' }],
      containers: [{ name: 'main', image: 'busybox' }],
    });
    h.run(500);
    let pod = h.pod('side')!;
    expect(pod.status?.initContainerStatuses?.[0]?.state.running).toBeDefined();
    expect(pod.status?.containerStatuses?.[0]?.state.running).toBeDefined();
    expect(pod.status?.phase).toBe('Running');
    h.run(1000);
    pod = h.pod('side')!;
    expect(pod.status?.phase).toBe('Succeeded');
    expect(pod.status?.initContainerStatuses?.[0]?.state.terminated?.exitCode).toBe(143);
  });

  it('deleting a Job in the background: pods are deleted, lose the finalizer, terminate and go', () => {
    h = new Harness({ timing: { podStartMs: 0 } });
    h.script = () => ({ durationMs: Infinity });
    h.createJob('bg', { parallelism: 2, completions: 2 });
    h.run(2000);
    expect(h.pods('bg')).toHaveLength(2);
    h.store.delete('jobs', 'default', 'bg', { propagationPolicy: 'Background' });
    h.run(0);
    expect(h.pods()).toHaveLength(0);
  });
});
