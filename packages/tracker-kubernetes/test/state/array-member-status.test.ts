import { describe, expect, test } from 'vitest';
import { arrayMemberStatus } from '../../src/state/index.js';
import { T, condition, indexedJob, pod, running, terminated, waiting } from './fixtures.js';

describe('arrayMemberStatus', () => {
  const active = indexedJob(4, { status: { active: 3, startTime: T.started, completedIndexes: '0', failedIndexes: '2', failed: 1, succeeded: 1 } });
  const pods = [
    pod({ name: 'p0', index: 0, phase: 'Succeeded', node: 'n1', state: terminated(0) }),
    pod({ name: 'p1', index: 1, phase: 'Running', node: 'n2', state: running }),
    pod({ name: 'p2', index: 2, phase: 'Failed', node: 'n1', state: terminated(137, 'OOMKilled') }),
    pod({ name: 'p3', index: 3, phase: 'Pending', node: 'n3', state: waiting('ImagePullBackOff') }),
  ];

  test('each member has its own state from its index and its pods', () => {
    expect(arrayMemberStatus(active, pods, 0, T.now)).toMatchObject({ state: 'DONE', exitStatus: 0, finishTime: new Date(T.finished), allocatedMachines: [{ machineName: 'n1', slots: 2 }] });
    expect(arrayMemberStatus(active, pods, 1, T.now)).toMatchObject({ state: 'RUNNING', allocatedMachines: [{ machineName: 'n2', slots: 2 }], dispatchTime: new Date(T.running) });
    expect(arrayMemberStatus(active, pods, 2, T.now)).toMatchObject({ state: 'FAILED', subState: 'OOMKilled', exitStatus: 137, terminatingSignal: 'SIGKILL' });
    expect(arrayMemberStatus(active, pods, 3, T.now)).toMatchObject({ state: 'QUEUED', subState: 'ImagePullBackOff' });
  });

  test('a member whose pod failed within its per-index retries is REQUEUED', () => {
    const retrying = indexedJob(2, { spec: { backoffLimitPerIndex: 3 }, status: { active: 1, failed: 1, startTime: T.started } });
    const failed = pod({ name: 'a', index: 1, phase: 'Failed', state: terminated(1) });
    const again = pod({ name: 'b', index: 1, phase: 'Pending', failureCount: 1, created: T.running });
    expect(arrayMemberStatus(retrying, [failed, again], 1, T.now)).toMatchObject({ state: 'REQUEUED' });
    expect(arrayMemberStatus(retrying, [failed, again], 0, T.now)).toMatchObject({ state: 'QUEUED' });
  });

  test('a failed member without retries is FAILED before failedIndexes is written', () => {
    const job = indexedJob(2, { status: { active: 1, startTime: T.started } });
    expect(arrayMemberStatus(job, [pod({ index: 0, phase: 'Failed', state: terminated(4) })], 0, T.now)).toMatchObject({ state: 'FAILED', exitStatus: 4 });
  });

  test('a Job deadline fails the unfinished members and keeps the finished ones', () => {
    const deadline = indexedJob(3, { status: { completedIndexes: '0', startTime: T.started, conditions: [condition('FailureTarget', 'DeadlineExceeded'), condition('Failed', 'DeadlineExceeded')] } });
    expect(arrayMemberStatus(deadline, [], 0, T.now).state).toBe('DONE');
    expect(arrayMemberStatus(deadline, [], 1, T.now)).toMatchObject({ state: 'FAILED', subState: 'DeadlineExceeded' });
  });

  test('a held array is QUEUED_HELD for every member; a suspended started one SUSPENDED; terminated FAILED/Terminated', () => {
    const held = indexedJob(2, { metadata: { annotations: { 'drmaa2.io/hold': 'user' } }, spec: { suspend: true } });
    expect(arrayMemberStatus(held, [], 1, T.now).state).toBe('QUEUED_HELD');
    const suspended = indexedJob(2, { spec: { suspend: true }, status: { startTime: T.started, completedIndexes: '0' } });
    expect(arrayMemberStatus(suspended, [], 0, T.now).state).toBe('DONE');
    expect(arrayMemberStatus(suspended, [], 1, T.now).state).toBe('SUSPENDED');
    const killed = indexedJob(2, { metadata: { annotations: { 'drmaa2.io/terminated': '2026-05-01T10:00:30.000Z' } }, spec: { suspend: true }, status: { completedIndexes: '1' } });
    expect(arrayMemberStatus(killed, [], 0, T.now)).toMatchObject({ state: 'FAILED', subState: 'Terminated' });
    expect(arrayMemberStatus(killed, [], 1, T.now).state).toBe('DONE');
  });

  test('compressed index lists are understood', () => {
    const job = indexedJob(10, { status: { completedIndexes: '1,3-5,7', failedIndexes: '8-9' } });
    expect([0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map((i) => arrayMemberStatus(job, [], i, T.now).state)).toEqual([
      'QUEUED', 'DONE', 'QUEUED', 'DONE', 'DONE', 'DONE', 'QUEUED', 'DONE', 'FAILED', 'FAILED',
    ]);
  });

  test('an unreadable Job is UNDETERMINED', () => {
    expect(arrayMemberStatus({ status: { conditions: 'x' } } as never, [], 0, T.now).state).toBe('UNDETERMINED');
  });
});
