import { describe, expect, test } from 'vitest';
import { jobStatus } from '../../src/state/index.js';
import { T, condition, job, pod, running, terminated, waiting } from './fixtures.js';

describe('jobStatus: queued and held', () => {
  test('a Job just created, without pods, is QUEUED', () => {
    expect(jobStatus(job(), [], T.now)).toEqual({ state: 'QUEUED', slots: 2 });
  });

  test('submitAsHold (suspend + hold annotation) is QUEUED_HELD', () => {
    const held = job({ metadata: { annotations: { 'drmaa2.io/hold': 'user' } }, spec: { suspend: true }, status: { conditions: [condition('Suspended', 'JobSuspended', 'Job suspended')] } });
    expect(jobStatus(held, [], T.now)).toMatchObject({ state: 'QUEUED_HELD', subState: 'Held' });
  });

  test('a future start time is QUEUED with subState StartTime', () => {
    const waitingJob = job({ metadata: { annotations: { 'drmaa2.io/start-time': '2026-05-01T11:00:00.000Z' } }, spec: { suspend: true } });
    expect(jobStatus(waitingJob, [], T.now)).toMatchObject({ state: 'QUEUED', subState: 'StartTime', annotation: 'waiting for the start time 2026-05-01T11:00:00.000Z' });
  });

  test('suspended by someone else before it started is QUEUED_HELD; Kueue-labelled is QUEUED waiting for admission', () => {
    expect(jobStatus(job({ spec: { suspend: true } }), [], T.now)).toMatchObject({ state: 'QUEUED_HELD', subState: 'Suspended' });
    const kueue = job({ metadata: { labels: { 'kueue.x-k8s.io/queue-name': 'lq' } }, spec: { suspend: true } });
    expect(jobStatus(kueue, [], T.now)).toMatchObject({ state: 'QUEUED', subState: 'WaitingForAdmission' });
  });

  test.each([
    ['Unschedulable', { conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message: '0/3 nodes are available: 3 Insufficient cpu.' }] }, '0/3 nodes are available: 3 Insufficient cpu.'],
    ['ContainerCreating', { node: 'n1', state: waiting('ContainerCreating') }, undefined],
    ['ImagePullBackOff', { node: 'n1', state: waiting('ImagePullBackOff', 'Back-off pulling image "nope"') }, 'Back-off pulling image "nope"'],
    ['ErrImagePull', { node: 'n1', state: waiting('ErrImagePull') }, undefined],
    ['CreateContainerConfigError', { node: 'n1', state: waiting('CreateContainerConfigError', 'configmap "x" not found') }, 'configmap "x" not found'],
  ] as const)('a pending pod gives QUEUED with subState %s', (reason, options, message) => {
    const status = jobStatus(job({ status: { active: 1, ready: 0, startTime: T.started } }), [pod(options)], T.now);
    expect(status.state).toBe('QUEUED');
    expect(status.subState).toBe(reason);
    expect(status.annotation).toBe(message);
    expect(status.dispatchTime).toBeUndefined();
  });
});

describe('jobStatus: running, suspended, requeued', () => {
  test('RUNNING only when a pod is in phase Running; dispatch time from the container, machines from the pod', () => {
    const status = jobStatus(job({ status: { active: 1, ready: 1, startTime: T.started } }), [pod({ phase: 'Running', node: 'node-1', state: running })], T.now);
    expect(status).toEqual({
      state: 'RUNNING',
      slots: 2,
      allocatedMachines: [{ machineName: 'node-1', slots: 2 }],
      dispatchTime: new Date(T.running),
      wallclockTime: 30,
    });
  });

  test('active but not running (pod pending) is not RUNNING', () => {
    expect(jobStatus(job({ status: { active: 1, startTime: T.started } }), [pod({ node: 'n1', state: waiting('ContainerCreating') })], T.now).state).toBe('QUEUED');
  });

  test('suspended after it started is SUSPENDED, also once the pods are gone', () => {
    const suspended = job({ spec: { suspend: true }, status: { startTime: T.started, conditions: [condition('Suspended', 'JobSuspended')] } });
    expect(jobStatus(suspended, [], T.now)).toMatchObject({ state: 'SUSPENDED' });
    expect(jobStatus(suspended, [pod({ phase: 'Running', node: 'n1', state: running })], T.now)).toMatchObject({ state: 'SUSPENDED', dispatchTime: new Date(T.running) });
  });

  test('a failed pod of a rerunnable Job is REQUEUED, and RUNNING again once the replacement runs', () => {
    const retrying = job({ spec: { backoffLimit: 3 }, status: { failed: 1, startTime: T.started } });
    const failedPod = pod({ name: 'p1', phase: 'Failed', node: 'n1', state: terminated(1) });
    expect(jobStatus(retrying, [failedPod], T.now)).toMatchObject({ state: 'REQUEUED', subState: 'BackoffRetry' });
    const replacement = pod({ name: 'p2', phase: 'Pending', created: T.running, conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable' }] });
    expect(jobStatus(retrying, [failedPod, replacement], T.now)).toMatchObject({ state: 'REQUEUED', subState: 'Unschedulable' });
    const rerun = pod({ name: 'p2', phase: 'Running', node: 'n2', created: T.running, state: running });
    expect(jobStatus(retrying, [failedPod, rerun], T.now)).toMatchObject({ state: 'RUNNING', allocatedMachines: [{ machineName: 'n1', slots: 2 }, { machineName: 'n2', slots: 2 }] });
  });

  test('a hold on a requeued Job is REQUEUED_HELD', () => {
    const held = job({ metadata: { annotations: { 'drmaa2.io/hold': 'user' } }, spec: { suspend: true, backoffLimit: 3 }, status: { failed: 1, startTime: T.started } });
    expect(jobStatus(held, [], T.now)).toMatchObject({ state: 'REQUEUED_HELD' });
  });
});

describe('jobStatus: done and failed', () => {
  test('Complete is DONE with exit 0, times and wallclock', () => {
    const complete = job({ status: { succeeded: 1, startTime: T.started, completionTime: T.condition, conditions: [condition('SuccessCriteriaMet', 'CompletionsReached'), condition('Complete', 'CompletionsReached', 'Reached expected number of succeeded pods')] } });
    const status = jobStatus(complete, [pod({ phase: 'Succeeded', node: 'n1', state: terminated(0) })], T.now);
    expect(status).toEqual({
      state: 'DONE',
      exitStatus: 0,
      annotation: 'Reached expected number of succeeded pods',
      finishTime: new Date(T.condition),
      dispatchTime: new Date(T.running),
      wallclockTime: 62,
      slots: 2,
      allocatedMachines: [{ machineName: 'n1', slots: 2 }],
    });
  });

  test('SuccessCriteriaMet alone, or a succeeded pod before the conditions, is DONE', () => {
    expect(jobStatus(job({ status: { conditions: [condition('SuccessCriteriaMet', 'CompletionsReached')] } }), [], T.now).state).toBe('DONE');
    expect(jobStatus(job({ status: { active: 1 } }), [pod({ phase: 'Succeeded', state: terminated(0) })], T.now)).toMatchObject({ state: 'DONE', finishTime: new Date(T.finished) });
  });

  test('the Job\'s verdict waits for the final update of a pod that still looks live, so the exit facts come with it', () => {
    const failed = job({ status: { failed: 1, conditions: [condition('Failed', 'BackoffLimitExceeded')] } });
    expect(jobStatus(failed, [pod({ phase: 'Running', node: 'n1', state: running })], T.now).state).toBe('RUNNING');
    expect(jobStatus(failed, [pod({ phase: 'Failed', node: 'n1', state: terminated(3) })], T.now)).toMatchObject({ state: 'FAILED', exitStatus: 3, subState: 'Error' });
    const complete = job({ status: { succeeded: 1, conditions: [condition('Complete', 'CompletionsReached')] } });
    expect(jobStatus(complete, [pod({ phase: 'Pending' })], T.now).state).toBe('QUEUED');
    const deleting = { ...pod({ phase: 'Running', state: running }), metadata: { ...pod().metadata, deletionTimestamp: T.condition } };
    expect(jobStatus(job({ status: { conditions: [condition('Failed', 'DeadlineExceeded')] } }), [deleting], T.now)).toMatchObject({ state: 'FAILED', subState: 'DeadlineExceeded' });
  });

  test('BackoffLimitExceeded is FAILED with the real exit code and the container reason', () => {
    const failed = job({ status: { failed: 1, startTime: T.started, conditions: [condition('FailureTarget', 'BackoffLimitExceeded', 'Job has reached the specified backoff limit'), condition('Failed', 'BackoffLimitExceeded', 'Job has reached the specified backoff limit')] } });
    const status = jobStatus(failed, [pod({ phase: 'Failed', node: 'n1', state: terminated(3) })], T.now);
    expect(status).toMatchObject({ state: 'FAILED', subState: 'Error', exitStatus: 3, finishTime: new Date(T.condition) });
    expect(status.terminatingSignal).toBeUndefined();
    expect(status.annotation).toBe('Job has reached the specified backoff limit; job container exited with code 3 (Error)');
  });

  test('OOMKilled is FAILED/OOMKilled with SIGKILL', () => {
    const failed = job({ status: { failed: 1, conditions: [condition('Failed', 'BackoffLimitExceeded')] } });
    expect(jobStatus(failed, [pod({ phase: 'Failed', state: terminated(137, 'OOMKilled') })], T.now)).toMatchObject({ state: 'FAILED', subState: 'OOMKilled', exitStatus: 137, terminatingSignal: 'SIGKILL' });
  });

  test('a container signal field wins over the exit code convention', () => {
    const failed = job({ status: { conditions: [condition('Failed', 'BackoffLimitExceeded')] } });
    expect(jobStatus(failed, [pod({ phase: 'Failed', state: terminated(2, 'Error', { signal: 11 }) })], T.now).terminatingSignal).toBe('SIGSEGV');
  });

  test('DeadlineExceeded and PodFailurePolicy keep the Job reason', () => {
    const deadline = job({ status: { conditions: [condition('FailureTarget', 'DeadlineExceeded', 'Job was active longer than specified deadline')] } });
    expect(jobStatus(deadline, [pod({ phase: 'Failed', state: terminated(143) })], T.now)).toMatchObject({ state: 'FAILED', subState: 'DeadlineExceeded', exitStatus: 143, terminatingSignal: 'SIGTERM' });
    const policy = job({ status: { conditions: [condition('Failed', 'PodFailurePolicy', 'Container job for pod batch/p failed with exit code 42 matching FailJob rule at index 0')] } });
    expect(jobStatus(policy, [], T.now)).toMatchObject({ state: 'FAILED', subState: 'PodFailurePolicy', finishTime: new Date(T.condition) });
  });

  test('an evicted pod refines the failure to the pod reason', () => {
    const failed = job({ status: { failed: 1, conditions: [condition('Failed', 'BackoffLimitExceeded')] } });
    expect(jobStatus(failed, [pod({ phase: 'Failed', reason: 'Evicted', message: 'The node was low on resource: memory.' })], T.now)).toMatchObject({ state: 'FAILED', subState: 'Evicted' });
  });

  test('more failed pods than backoffLimit is FAILED before the controller writes the condition', () => {
    expect(jobStatus(job({ status: { active: 0 } }), [pod({ phase: 'Failed', state: terminated(1) })], T.now)).toMatchObject({ state: 'FAILED', subState: 'Error', exitStatus: 1 });
  });

  test('the terminated annotation is FAILED/Terminated, with or without pods', () => {
    const killed = job({ metadata: { annotations: { 'drmaa2.io/terminated': '2026-05-01T10:00:30.000Z' } }, spec: { suspend: true }, status: { startTime: T.started } });
    expect(jobStatus(killed, [], T.now)).toMatchObject({ state: 'FAILED', subState: 'Terminated', finishTime: new Date('2026-05-01T10:00:30.000Z') });
    const withPod = jobStatus(killed, [pod({ phase: 'Failed', state: terminated(143) })], T.now);
    expect(withPod).toMatchObject({ state: 'FAILED', subState: 'Terminated', exitStatus: 143, terminatingSignal: 'SIGTERM', finishTime: new Date(T.finished) });
  });

  test('a terminated job whose container still runs waits for its end (verdict pending); a pending pod does not hold it up', () => {
    const killed = job({ metadata: { annotations: { 'drmaa2.io/terminated': '2026-05-01T10:00:30.000Z' } }, spec: { suspend: true }, status: { startTime: T.started } });
    const stopping = { ...pod({ phase: 'Running', node: 'n1', state: running }), metadata: { ...pod().metadata, deletionTimestamp: '2026-05-01T10:01:00Z' } };
    const pending = jobStatus(killed, [stopping], T.now);
    expect(pending).toMatchObject({ state: 'RUNNING', verdictPending: true });
    expect(pending.exitStatus).toBeUndefined();
    expect(jobStatus(killed, [pod({ phase: 'Pending', state: waiting('ContainerCreating') })], T.now)).toMatchObject({ state: 'FAILED', subState: 'Terminated' });
    expect(jobStatus(job(), [pod({ phase: 'Running', state: running })], T.now).verdictPending).toBeUndefined();
  });
});

describe('jobStatus: robustness', () => {
  test.each([
    ['null', null],
    ['a string', 'job'],
    ['status not an object', { metadata: {}, status: 'weird' }],
    ['conditions not a list', { status: { conditions: {} } }],
    ['counter not a number', { status: { failed: 'one' } }],
  ])('an unreadable Job (%s) is UNDETERMINED with an annotation, never a throw', (_what, value) => {
    const status = jobStatus(value as never, [], T.now);
    expect(status.state).toBe('UNDETERMINED');
    expect(status.annotation).toBeTruthy();
  });

  test('malformed pods are ignored; pods of other Jobs are ignored', () => {
    const other = pod({ phase: 'Running', state: running });
    other.metadata = { ...other.metadata, labels: { 'batch.kubernetes.io/job-name': 'someone-else' } };
    expect(jobStatus(job(), [null, 'x', { status: 'bad' }, other] as never, T.now).state).toBe('QUEUED');
  });
});
