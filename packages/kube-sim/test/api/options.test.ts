import { describe, expect, it } from 'vitest';
import type { V1Pod, V1PodSpec } from '@kubernetes/client-node';
import type { KubeObject } from '../../src/index.js';
import { FakeClock } from '../controllers/support/fake-clock.js';
import { jobBody, raw, startTestSim, type TestSim } from '../support/test-sim.js';
import { WatchReader } from '../support/watch-reader.js';

/** Resolves once `predicate` holds, re-checking after every store change. */
function until(t: TestSim, predicate: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    if (predicate()) return resolve();
    const off = t.sim.store.subscribe(() => {
      if (predicate()) {
        off();
        resolve();
      }
    });
  });
}

const containerState = (pod: V1Pod | KubeObject | undefined): Record<string, unknown> | undefined =>
  (pod?.status as { containerStatuses?: { state: Record<string, unknown> }[] } | undefined)?.containerStatuses?.[0]?.state;

describe('startKubeSim options, seen through the API', () => {
  it('nodes: names, cpu, memory, pods, labels, architecture, OS, taints, images and per-node overrides', async () => {
    const t = await startTestSim({
      nodes: {
        names: ['amd-a', 'arm-b'],
        cpu: '8',
        memory: '32Gi',
        pods: '50',
        labels: { pool: 'batch' },
        taints: [{ key: 'team', value: 'hpc', effect: 'NoSchedule' }],
        images: ['busybox:1.36', 'ghcr.io/acme/solver:2.1'],
        overrides: { 'arm-b': { architecture: 'arm64', operatingSystem: 'linux', cpu: '2', labels: { pool: 'edge' } } },
      },
    });
    try {
      const nodes = (await t.core.listNode()).items;
      expect(nodes.map((n) => n.metadata?.name)).toEqual(['amd-a', 'arm-b']);
      const [a, b] = nodes;
      expect(a?.status?.capacity).toMatchObject({ cpu: '8', memory: '32Gi', pods: '50' });
      expect(b?.status?.capacity).toMatchObject({ cpu: '2', memory: '32Gi', pods: '50' });
      expect(a?.metadata?.labels).toMatchObject({ pool: 'batch', 'kubernetes.io/arch': 'amd64', 'kubernetes.io/os': 'linux', 'kubernetes.io/hostname': 'amd-a' });
      expect(b?.metadata?.labels).toMatchObject({ pool: 'edge', 'kubernetes.io/arch': 'arm64', 'kubernetes.io/hostname': 'arm-b' });
      expect(b?.status?.nodeInfo).toMatchObject({ architecture: 'arm64', operatingSystem: 'linux' });
      expect(a?.spec?.taints).toEqual([{ key: 'team', value: 'hpc', effect: 'NoSchedule' }]);
      expect(a?.status?.images?.map((i) => i.names?.at(-1))).toEqual(['docker.io/library/busybox:1.36', 'ghcr.io/acme/solver:2.1']);
      expect(a?.status?.images?.[1]?.names?.[0]).toMatch(/^ghcr\.io\/acme\/solver@sha256:[0-9a-f]{64}$/);
      const arm = await t.core.listNode({ labelSelector: 'kubernetes.io/arch=arm64' });
      expect(arm.items.map((n) => n.metadata?.name)).toEqual(['arm-b']);
    } finally {
      await t.sim.stop();
    }
  });

  it('nodes and the scheduler: a pod selecting arm64 that tolerates the taint lands on the arm node; without the toleration it stays Pending', async () => {
    const clock = new FakeClock();
    const t = await startTestSim({
      controllers: true,
      clock,
      recordEvents: false,
      nodes: {
        names: ['amd-a', 'arm-b'],
        taints: [{ key: 'team', value: 'hpc', effect: 'NoSchedule' }],
        overrides: { 'arm-b': { architecture: 'arm64' } },
      },
    });
    try {
      const spec = (tolerate: boolean): V1PodSpec => ({
        restartPolicy: 'Never',
        nodeSelector: { 'kubernetes.io/arch': 'arm64' },
        ...(tolerate ? { tolerations: [{ key: 'team', operator: 'Equal', value: 'hpc', effect: 'NoSchedule' }] } : {}),
        containers: [{ name: 'main', image: 'busybox:1.36' }],
      });
      await t.core.createNamespacedPod({ namespace: 'default', body: { metadata: { name: 'tolerant' }, spec: spec(true) } });
      await t.core.createNamespacedPod({ namespace: 'default', body: { metadata: { name: 'intolerant' }, spec: spec(false) } });
      clock.advance(0);
      expect((await t.core.readNamespacedPod({ name: 'tolerant', namespace: 'default' })).spec?.nodeName).toBe('arm-b');
      const pending = await t.core.readNamespacedPod({ name: 'intolerant', namespace: 'default' });
      expect(pending.spec?.nodeName).toBeUndefined();
      expect(pending.status?.conditions?.find((c) => c.type === 'PodScheduled')).toMatchObject({
        status: 'False',
        reason: 'Unschedulable',
        // TaintToleration runs before NodeAffinity and the first failing filter names the node's reason
        message: '0/2 nodes are available: 2 node(s) had untolerated taint {team: hpc}. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.',
      });
    } finally {
      await t.sim.stop();
    }
  });

  it('timing and clock: podStartMs and the scripted duration run on the given clock', async () => {
    const clock = new FakeClock();
    const t = await startTestSim({
      controllers: true,
      clock,
      recordEvents: false,
      timing: { podStartMs: 5000, syncBatchMs: 0 },
      kubelet: { mode: 'scripted', script: () => ({ durationMs: 2000 }) },
    });
    try {
      await t.batch.createNamespacedJob({ namespace: 'default', body: jobBody('timed') });
      clock.advance(0);
      const pod = (): KubeObject | undefined => t.sim.store.list('pods', 'default', { labelSelector: 'job-name=timed' })[0];
      expect(pod()?.metadata.creationTimestamp).toBe('2026-01-01T00:00:00Z');
      expect(containerState(pod())).toEqual({ waiting: { reason: 'ContainerCreating' } });
      clock.advance(4999);
      expect(containerState(pod())).toEqual({ waiting: { reason: 'ContainerCreating' } });
      clock.advance(1);
      expect(containerState(pod())).toEqual({ running: { startedAt: '2026-01-01T00:00:05Z' } });
      clock.advance(2000);
      expect(containerState(pod())).toMatchObject({ terminated: { exitCode: 0, reason: 'Completed', startedAt: '2026-01-01T00:00:05Z', finishedAt: '2026-01-01T00:00:07Z' } });
      clock.advance(0);
      const job = await t.batch.readNamespacedJob({ name: 'timed', namespace: 'default' });
      expect(job.status?.succeeded).toBe(1);
      expect(job.status?.conditions?.map((c) => c.type)).toEqual(['SuccessCriteriaMet', 'Complete']);
    } finally {
      await t.sim.stop();
    }
  });

  it('kubelet mode process: runs the command as a child process; the exit code and output reach the API', async () => {
    const t = await startTestSim({ controllers: true, kubelet: { mode: 'process' }, timing: { podStartMs: 0, syncBatchMs: 0 } });
    try {
      const body = jobBody('proc', { backoffLimit: 0 });
      const tspec = (body.spec as { template: { spec: { containers: Record<string, unknown>[] } } }).template.spec;
      tspec.containers[0] = { name: 'main', image: 'busybox:1.36', command: ['sh', '-c', 'echo "hello $WHO"; echo oops >&2; exit 3'], env: [{ name: 'WHO', value: 'world' }] };
      await t.batch.createNamespacedJob({ namespace: 'default', body });
      const failed = (): boolean =>
        ((t.sim.store.get('jobs', 'default', 'proc')?.status as { conditions?: { type: string }[] } | undefined)?.conditions ?? []).some((c) => c.type === 'Failed');
      await until(t, failed);
      const pod = (await t.core.listNamespacedPod({ namespace: 'default', labelSelector: 'job-name=proc' })).items[0];
      expect(containerState(pod)).toMatchObject({ terminated: { exitCode: 3, reason: 'Error' } });
      expect(pod?.status?.phase).toBe('Failed');
      const log = await raw(t.sim, 'GET', `/api/v1/namespaces/default/pods/${pod?.metadata?.name ?? ''}/log`);
      expect(log.text).toBe('hello world\noops\n');
    } finally {
      await t.sim.stop();
    }
  });

  it('faults given at start apply from the first request; namespaces are created', async () => {
    const t = await startTestSim({
      namespaces: ['team-a', 'team-b'],
      faults: {
        seed: 3,
        rules: [{ match: { verb: 'list', resource: 'nodes', nth: 1 }, action: { type: 'status', code: 503 } }],
        watchCuts: [{ match: { resource: 'namespaces' }, afterEvents: 2, mode: 'close' }],
      },
    });
    try {
      expect((await raw(t.sim, 'GET', '/api/v1/nodes')).status).toBe(503);
      expect((await raw(t.sim, 'GET', '/api/v1/nodes')).status).toBe(200);
      const w = new WatchReader(t.sim, '/api/v1/namespaces?watch=1');
      await w.done;
      expect(w.lines.map((l) => l.object.metadata.name)).toEqual(['default', 'kube-system']);
      expect((await t.core.listNamespace()).items.map((n) => n.metadata?.name)).toEqual(['default', 'kube-system', 'team-a', 'team-b']);
      expect(t.sim.stats().faultsInjected).toBe(2);
    } finally {
      await t.sim.stop();
    }
  });
});
