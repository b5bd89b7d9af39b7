import { describe, expect, test } from 'vitest';
import type { KubePod } from '../../src/kube-types.js';
import { arrayMemberStatus, jobStatus } from '../../src/state/index.js';
import { StringPool, slimJob, slimPod } from '../../src/tracker/slim-objects.js';
import { T, condition, indexedJob, job, pod, running, terminated, waiting } from '../state/fixtures.js';

type Json = Record<string, unknown>;

/** A pod as an API server sends it: more containers, conditions, labels and status than the tracker reads. */
function full(base: KubePod, extra: { initWaiting?: string; unscheduled?: boolean } = {}): Json {
  const status = (base.status ?? {}) as Json;
  const statuses = (status.containerStatuses as Json[] | undefined) ?? [];
  return {
    ...base,
    metadata: { ...base.metadata, uid: 'u', labels: { ...base.metadata?.labels, 'controller-uid': 'c', team: 'x' }, annotations: { ...base.metadata?.annotations, note: 'n' }, managedFields: [{ manager: 'k' }] },
    spec: { ...base.spec, containers: [{ name: 'job', image: 'busybox' }], volumes: [] },
    status: {
      ...status,
      hostIP: '10.0.0.1',
      podIP: '10.1.0.1',
      startTime: T.started,
      conditions: [{ type: 'Initialized', status: 'True' }, { type: 'PodScheduled', status: extra.unscheduled === true ? 'False' : 'True', reason: 'Unschedulable', message: '0/3 nodes' }],
      containerStatuses: [{ name: 'sidecar', state: { running: { startedAt: T.started } }, image: 'envoy' }, ...statuses.map((entry) => ({ ...entry, image: 'busybox:1.36', imageID: 'sha256:1', containerID: 'containerd://1' }))],
      ...(extra.initWaiting === undefined ? {} : { initContainerStatuses: [{ name: 'init0', state: { running: {} } }, { name: 'init1', state: { waiting: { reason: extra.initWaiting, message: 'pulling' } } }] }),
    },
  };
}

describe('slimPod and slimJob keep what the state mapping reads', () => {
  const pods = [
    full(pod({ phase: 'Succeeded', node: 'n1', state: terminated(0) })),
    full(pod({ phase: 'Failed', node: 'n1', state: terminated(137, 'OOMKilled', { signal: 9, message: 'killed' }) })),
    full(pod({ phase: 'Running', node: 'n2', state: running, lastState: terminated(1) })),
    full(pod({ phase: 'Pending', state: waiting('ImagePullBackOff', 'back-off') })),
    full(pod({ phase: 'Pending' }), { unscheduled: true }),
    full(pod({ phase: 'Pending' }), { initWaiting: 'ErrImagePull' }),
  ];
  const jobs = [job({ status: { active: 1, startTime: T.started } }), job({ status: { succeeded: 1, startTime: T.started, completionTime: T.finished, conditions: [condition('Complete')] } })];

  test('every state, subState, exit fact, machine and time is the same from the slim objects', () => {
    for (const raw of jobs) {
      for (const one of pods) {
        const slim = slimJob(raw as unknown as Json, new StringPool());
        expect(jobStatus(slim, [slimPod(one, new StringPool())], T.now)).toStrictEqual(jobStatus(raw, [one as KubePod], T.now));
      }
    }
    const array = indexedJob(3, { status: { startTime: T.started, completedIndexes: '0' } });
    const members = [full(pod({ name: 'a', index: 1, phase: 'Failed', failureCount: 1, state: terminated(2) })), full(pod({ name: 'b', index: 2, phase: 'Running', state: running }))];
    const pool = new StringPool();
    for (let i = 0; i < 3; i += 1) {
      expect(arrayMemberStatus(slimJob(array as unknown as Json, pool), members.map((one) => slimPod(one, pool)), i, T.now)).toStrictEqual(arrayMemberStatus(array, members as KubePod[], i, T.now));
    }
  });

  test('a pod keeps only its job container, the unscheduled condition, and the labels naming its Job and member', () => {
    const slim = slimPod(full(pod({ index: 4, phase: 'Running', node: 'n2', state: running })));
    expect(slim.metadata.labels).toEqual({ 'batch.kubernetes.io/job-name': 'drmaa2-j1', 'job-name': 'drmaa2-j1', 'batch.kubernetes.io/job-completion-index': '4' });
    expect(slim.metadata.annotations).toEqual({ 'batch.kubernetes.io/job-completion-index': '4' });
    expect(slim.metadata).not.toHaveProperty('managedFields');
    expect(slim.status).toEqual({ phase: 'Running', containerStatuses: [{ name: 'job', state: { running: { startedAt: T.running } } }] });
    expect(slim.spec).toEqual({ nodeName: 'n2' });
  });

  test("a Job keeps the first container's CPU request and its conditions without probe times", () => {
    const slim = slimJob(jobs[1] as unknown as Json);
    expect(slim.spec?.template).toEqual({ spec: { containers: [{ name: 'job', resources: { requests: { cpu: '2' } } }] } });
    expect(slim.status?.conditions).toEqual([{ type: 'Complete', status: 'True', lastTransitionTime: T.condition }]);
  });
});

describe('StringPool', () => {
  test('gives back equal strings, also after it filled up and started afresh', () => {
    const pool = new StringPool();
    for (let i = 0; i < 10_000; i += 1) expect(pool.intern(`value-${i % 5000}`)).toBe(`value-${i % 5000}`);
    const nested = pool.internAll({ a: ['x', { b: 'y' }], n: 1, none: null });
    expect(nested).toEqual({ a: ['x', { b: 'y' }], n: 1, none: null });
  });
});
