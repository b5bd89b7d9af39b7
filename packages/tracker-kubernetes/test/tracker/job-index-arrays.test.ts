import type { JobStateChange } from '@drmaa2/core';
import { describe, expect, test } from 'vitest';
import type { KubeHttp, KubeRequest, KubeWatchEvent } from '../../src/client/kube-http.js';
import type { KubeJob, KubePod } from '../../src/kube-types.js';
import { JobIndex } from '../../src/tracker/job-index.js';
import { T, indexedJob, pod, running, terminated } from '../state/fixtures.js';
import { ManualClock } from '../support/manual-clock.js';

const members = 300;
const jobsPath = '/apis/batch/v1/namespaces/batch/jobs';
const podsPath = '/api/v1/namespaces/batch/pods';

/** A KubeHttp stand-in: lists answer with `listed`, watches stay open and take events from `push`. */
function fakeHttp(listed: Record<string, unknown[]>): { http: KubeHttp; push: (path: string, event: KubeWatchEvent) => void } {
  const watchers = new Map<string, (event: KubeWatchEvent) => void>();
  const http = {
    request: (req: KubeRequest) => Promise.resolve({ metadata: { resourceVersion: '10' }, items: listed[req.path] ?? [] }),
    watch: (path: string, _query: unknown, onEvent: (event: KubeWatchEvent) => void, signal: AbortSignal) => {
      watchers.set(path, onEvent);
      return new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
    },
  } as unknown as KubeHttp;
  return { http, push: (path, event) => watchers.get(path)?.(event) };
}

let version = 10;
function versioned<T extends KubeJob | KubePod>(object: T): T {
  version += 1;
  return { ...object, metadata: { ...object.metadata, resourceVersion: String(version) } };
}

function arrayJob(status: KubeJob['status'], annotations: Record<string, string> = {}): KubeJob {
  return versioned(
    indexedJob(members, {
      metadata: {
        name: 'drmaa2-j1',
        namespace: 'batch',
        creationTimestamp: T.created,
        labels: { 'drmaa2.io/session': 's', 'app.kubernetes.io/managed-by': 'drmaa2' },
        annotations: { 'drmaa2.io/array': `1,${members},1`, ...annotations },
      },
      status,
    }),
  );
}

function memberPod(index: number, options: Parameters<typeof pod>[0]): KubePod {
  return versioned(pod({ name: `drmaa2-j1-${index}-x`, index, node: 'n1', ...options }));
}

async function started(): Promise<{ index: JobIndex; changes: JobStateChange[]; push: (path: string, event: KubeWatchEvent) => void }> {
  const pods = [memberPod(0, { phase: 'Running', state: running }), memberPod(1, { phase: 'Running', state: running })];
  const { http, push } = fakeHttp({ [jobsPath]: [arrayJob({ active: 2, startTime: T.started })], [podsPath]: pods });
  const changes: JobStateChange[] = [];
  const index = new JobIndex(http, ['batch'], new ManualClock(T.now.getTime()), { emit: (change) => changes.push(change), onJob: () => undefined, onError: () => undefined });
  await index.start();
  return { index, changes, push };
}

const id = (member: number): string => `batch/drmaa2-j1[${member}]`;

describe('JobIndex: arrays', () => {
  test('a pod event changes only its own member, and a member is read from its own pods', async () => {
    const { index, changes, push } = await started();
    expect(index.record('batch', 'drmaa2-j1', 1)?.info.jobState).toBe('RUNNING');
    expect(index.record('batch', 'drmaa2-j1', 3)?.info.jobState).toBe('QUEUED');
    changes.length = 0;
    push(podsPath, { type: 'MODIFIED', object: memberPod(1, { phase: 'Succeeded', state: terminated(0) }) as never });
    expect(changes).toEqual([{ jobId: id(2), state: 'DONE', sessionName: 's' }]);
    expect(index.record('batch', 'drmaa2-j1', 2)?.info).toMatchObject({ jobState: 'DONE', exitStatus: 0, allocatedMachines: [{ machineName: 'n1', slots: 2 }] });
    expect(index.record('batch', 'drmaa2-j1', 1)?.info.jobState).toBe('RUNNING');
    await index.stop();
  });

  test('a Job event that only moves indexes into completedIndexes/failedIndexes reports exactly those members', async () => {
    const { index, changes, push } = await started();
    changes.length = 0;
    push(jobsPath, { type: 'MODIFIED', object: arrayJob({ active: 2, startTime: T.started, completedIndexes: '5-7', failedIndexes: '9', succeeded: 3, failed: 1 }) as never });
    expect(changes.map((change) => `${change.jobId} ${change.state}`)).toEqual([
      `${id(6)} RUNNING`, `${id(6)} DONE`, `${id(7)} RUNNING`, `${id(7)} DONE`, `${id(8)} RUNNING`, `${id(8)} DONE`, `${id(10)} FAILED`,
    ]);
    changes.length = 0;
    push(jobsPath, { type: 'MODIFIED', object: arrayJob({ active: 1, startTime: T.started, completedIndexes: '5-8', failedIndexes: '9', succeeded: 4, failed: 1 }) as never });
    expect(changes.map((change) => `${change.jobId} ${change.state}`)).toEqual([`${id(9)} RUNNING`, `${id(9)} DONE`]);
    await index.stop();
  });

  test('a Job event that changes more than the index lists refreshes every member', async () => {
    const { index, changes, push } = await started();
    changes.length = 0;
    push(jobsPath, { type: 'MODIFIED', object: arrayJob({ active: 2, startTime: T.started }, { 'drmaa2.io/hold': 'user' }) as never });
    expect(changes).toEqual([]);
    const suspended = arrayJob({ active: 0, startTime: T.started }, { 'drmaa2.io/hold': 'user' });
    push(jobsPath, { type: 'MODIFIED', object: { ...suspended, spec: { ...suspended.spec, suspend: true } } });
    // Held and suspended: every member without a running pod is QUEUED_HELD; the two running ones still run.
    const expected = Array.from({ length: members - 2 }, (_, i) => `${id(i + 3)} QUEUED_HELD`);
    expect(changes.map((change) => `${change.jobId} ${change.state}`)).toEqual(expected);
    await index.stop();
  });

  test('record() answers only for members the array has and has not reaped', async () => {
    const { index, push } = await started();
    expect(index.record('batch', 'drmaa2-j1', 0)).toBeUndefined();
    expect(index.record('batch', 'drmaa2-j1', members + 1)).toBeUndefined();
    expect(index.record('batch', 'drmaa2-j1')).toBeUndefined();
    expect(index.record('batch', 'drmaa2-j1', members)?.jobId).toBe(id(members));
    push(jobsPath, { type: 'MODIFIED', object: arrayJob({ active: 2, startTime: T.started, completedIndexes: '3' }, { 'drmaa2.io/reaped': '4' }) as never });
    expect(index.record('batch', 'drmaa2-j1', 4)).toBeUndefined();
    expect(index.records(index.job('batch', 'drmaa2-j1')!)).toHaveLength(members - 1);
    await index.stop();
  });
});
