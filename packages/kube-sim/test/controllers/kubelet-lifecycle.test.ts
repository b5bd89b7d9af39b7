import { afterEach, describe, expect, it } from 'vitest';
import { Harness } from './support/harness.js';
import type { PodView } from '../../src/controllers/kube-types.js';

let h: Harness;
afterEach(async () => {
  await h.stop();
  expect(h.errors).toEqual([]);
});

function summary(p: PodView) {
  const c = p.status?.containerStatuses?.[0];
  const state = c ? Object.keys(c.state)[0] : undefined;
  const reason = c?.state.waiting?.reason ?? c?.state.terminated?.reason;
  return `${p.status?.phase}|${p.spec.nodeName ?? '-'}|${p.status?.startTime ? 'start' : '-'}|${state ?? '-'}${reason ? `:${reason}` : ''}`;
}

describe('checklist 12: kubelet order nodeName, startTime, ContainerCreating → running → terminated, phase, conditions', () => {
  it('walks a successful pod through every state in order', () => {
    h = new Harness({ timing: { podStartMs: 500 } });
    h.script = () => ({ durationMs: 2000, log: 'hello\n' });
    h.createJob('walk');
    h.runUntil(() => h.finished('walk'));
    const name = h.pods('walk')[0]!.metadata.name!;
    const history = h.podHistory(name);
    expect(history.map(summary)).toEqual([
      'Pending|-|-|-',
      'Pending|sim-node-1|-|-',
      'Pending|sim-node-1|start|waiting:ContainerCreating',
      'Running|sim-node-1|start|running',
      'Succeeded|sim-node-1|start|terminated:Completed',
      'Succeeded|sim-node-1|start|terminated:Completed',
    ]);
    expect(history[5]!.metadata.finalizers ?? []).toEqual([]);
    const scheduled = history[1]!.status!.conditions!;
    expect(scheduled).toEqual([{ type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: '2026-01-01T00:00:00Z' }]);
    const accepted = history[2]!;
    expect(accepted.status?.conditions?.map((c) => `${c.type}=${c.status}${c.reason ? `/${c.reason}` : ''}`)).toEqual([
      'PodReadyToStartContainers=False',
      'Initialized=True',
      'Ready=False/ContainersNotReady',
      'ContainersReady=False/ContainersNotReady',
      'PodScheduled=True',
    ]);
    expect(accepted.status?.hostIP).toBe('172.18.0.3');
    expect(accepted.status?.containerStatuses?.[0]).toEqual({
      name: 'main', state: { waiting: { reason: 'ContainerCreating' } }, lastState: {}, ready: false, restartCount: 0, started: false, image: 'busybox:1.36', imageID: '',
    });
    const running = history[3]!;
    expect(running.status?.conditions?.map((c) => `${c.type}=${c.status}`)).toEqual([
      'PodReadyToStartContainers=True', 'Initialized=True', 'Ready=True', 'ContainersReady=True', 'PodScheduled=True',
    ]);
    const rc = running.status!.containerStatuses![0]!;
    expect(rc.state.running?.startedAt).toBe('2026-01-01T00:00:00Z');
    expect(rc.image).toBe('docker.io/library/busybox:1.36');
    expect(rc.imageID).toMatch(/^docker\.io\/library\/busybox@sha256:[0-9a-f]{64}$/);
    expect(rc.containerID).toMatch(/^containerd:\/\/[0-9a-f]{64}$/);
    expect(running.status?.podIP).toMatch(/^10\.244\.1\.\d+$/);
    const done = history[4]!;
    const t = done.status!.containerStatuses![0]!.state.terminated!;
    expect(t).toEqual({ exitCode: 0, reason: 'Completed', startedAt: '2026-01-01T00:00:00Z', finishedAt: '2026-01-01T00:00:02Z', containerID: rc.containerID });
    expect(done.status?.conditions?.map((c) => `${c.type}=${c.status}${c.reason ? `/${c.reason}` : ''}`)).toEqual([
      'PodReadyToStartContainers=False', 'Initialized=True', 'Ready=False/PodCompleted', 'ContainersReady=False/PodCompleted', 'PodScheduled=True',
    ]);
    expect(h.controllers.logs.read('default', name, 'main')).toBe('hello\n');
  });

  it('a failing container ends Failed with reason Error and its exit code', () => {
    h = new Harness();
    h.script = () => ({ durationMs: 100, exitCode: 3 });
    h.createJob('bad', { backoffLimit: 0 });
    h.runUntil(() => h.finished('bad'));
    const pod = h.pods('bad')[0]!;
    expect(pod.status?.phase).toBe('Failed');
    expect(pod.status?.containerStatuses?.[0]?.state.terminated).toMatchObject({ exitCode: 3, reason: 'Error' });
  });

  it('OOMKilled and signals give 137 / 128+N', () => {
    h = new Harness();
    h.script = (ctx) => (ctx.env['JOB_COMPLETION_INDEX'] === '0' ? { durationMs: 100, reason: 'OOMKilled' } : { durationMs: 100, signal: 15 });
    h.createJob('sig', { completionMode: 'Indexed', completions: 2, parallelism: 2, backoffLimit: 1 });
    h.runUntil(() => h.finished('sig'));
    const states = h.pods('sig').map((p) => p.status?.containerStatuses?.[0]?.state.terminated);
    expect(states).toEqual(expect.arrayContaining([
      expect.objectContaining({ exitCode: 137, reason: 'OOMKilled' }),
      expect.objectContaining({ exitCode: 143, reason: 'Error', signal: 15 }),
    ]));
  });

  it('init containers run first; Initialized stays False until they end', () => {
    h = new Harness({ timing: { podStartMs: 0 } });
    h.script = (ctx) => ({ durationMs: ctx.init ? 500 : 1000 });
    h.createJob('init', {
      template: { spec: { restartPolicy: 'Never', initContainers: [{ name: 'setup', image: 'busybox' }], containers: [{ name: 'main', image: 'busybox' }] } },
    });
    h.runUntil(() => h.finished('init'));
    const history = h.podHistory(h.pods('init')[0]!.metadata.name!);
    const initRunning = history.find((p) => p.status?.initContainerStatuses?.[0]?.state.running)!;
    expect(initRunning.status?.phase).toBe('Pending');
    expect(initRunning.status?.conditions?.find((c) => c.type === 'Initialized')).toMatchObject({
      status: 'False', reason: 'ContainersNotInitialized', message: 'containers with incomplete status: [setup]',
    });
    expect(initRunning.status?.containerStatuses?.[0]?.state.waiting?.reason).toBe('PodInitializing');
    const last = history[history.length - 1]!;
    expect(last.status?.phase).toBe('Succeeded');
    expect(last.status?.initContainerStatuses?.[0]?.state.terminated?.reason).toBe('Completed');
  });
});

describe('restartPolicy OnFailure, image pull and config errors', () => {
  it('restarts in place with restartCount, lastState and CrashLoopBackOff', () => {
    h = new Harness({ timing: { podStartMs: 0 } });
    h.script = (ctx) => ({ durationMs: 100, exitCode: ctx.attempt < 3 ? 1 : 0 });
    h.createJob('crash', { template: { spec: { restartPolicy: 'OnFailure', containers: [{ name: 'main', image: 'busybox' }] } } });
    h.runUntil(() => h.finished('crash'));
    const history = h.podHistory(h.pods('crash')[0]!.metadata.name!);
    const waits = history.map((p) => p.status?.containerStatuses?.[0]).filter((c) => c?.state.waiting?.reason === 'CrashLoopBackOff');
    expect(waits.length).toBeGreaterThan(0);
    expect(waits[0]!.state.waiting!.message).toMatch(/^back-off 10s restarting failed container=main pod=crash-\w{5}_default\(/);
    expect(waits[0]!.lastState.terminated).toMatchObject({ exitCode: 1, reason: 'Error' });
    expect(history.filter((p) => p.status?.phase === 'Running').length).toBeGreaterThan(0);
    const last = history[history.length - 1]!;
    expect(last.status?.phase).toBe('Succeeded');
    expect(last.status?.containerStatuses?.[0]?.restartCount).toBe(3);
    expect(h.controllers.logs.read('default', last.metadata.name!, 'main', { previous: true })).toBe('');
  });

  it('images matching the failing pattern alternate ErrImagePull / ImagePullBackOff and stay Pending', () => {
    h = new Harness({ timing: { podStartMs: 0 } });
    h.createJob('pull', { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'main', image: 'example.com/does-not-exist:1' }] } } });
    h.run(60_000);
    const history = h.podHistory(h.pods('pull')[0]!.metadata.name!);
    const reasons = history.map((p) => p.status?.containerStatuses?.[0]?.state.waiting?.reason).filter((r) => r !== undefined);
    expect(reasons.slice(0, 5)).toEqual(['ContainerCreating', 'ErrImagePull', 'ImagePullBackOff', 'ErrImagePull', 'ImagePullBackOff']);
    expect(history[history.length - 1]!.status?.phase).toBe('Pending');
    expect(h.job('pull').status?.active).toBe(1);
  });

  it('a missing ConfigMap gives CreateContainerConfigError until it appears', () => {
    h = new Harness({ timing: { podStartMs: 0 } });
    h.createJob('cfg', {
      template: {
        spec: {
          restartPolicy: 'Never',
          containers: [{ name: 'main', image: 'busybox', env: [{ name: 'X', valueFrom: { configMapKeyRef: { name: 'settings', key: 'x' } } }] }],
        },
      },
    });
    h.run(2000);
    const pod = h.pods('cfg')[0]!;
    expect(pod.status?.containerStatuses?.[0]?.state.waiting).toEqual({ reason: 'CreateContainerConfigError', message: 'configmap "settings" not found' });
    expect(pod.status?.phase).toBe('Pending');
    let seen: string | undefined;
    h.script = (ctx) => {
      seen = ctx.env['X'];
      return { durationMs: 10 };
    };
    h.store.create('configmaps', 'default', { metadata: { name: 'settings' }, data: { x: 'forty-two' } });
    h.runUntil(() => h.finished('cfg'));
    expect(seen).toBe('forty-two');
    expect(h.condition('cfg', 'Complete')).toBeDefined();
  });
});
