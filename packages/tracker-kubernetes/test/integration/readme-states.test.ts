/**
 * README "State mapping": every row driven on kube-sim, asserting the state and subState the
 * tracker reports (through `getState` and the events of `registerEventNotification`).
 */
import { JobState, type JobTemplate } from '@drmaa2/core';
import { afterEach, describe, expect, it } from 'vitest';
import { testImage } from '../support/sim-harness.js';
import { splitId, startReadmeHarness, storedJob, storedPods, type ReadmeHarness } from '../support/readme-harness.js';

let h: ReadmeHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const base: JobTemplate = { remoteCommand: 'true', jobCategory: testImage };
const run = (template: JobTemplate) => h!.session.runJob(template);
const stateOf = async (job: { getState(): Promise<{ state: string; subState?: string }> }) => job.getState();

function condition(jobId: string, type: string) {
  return storedJob(h!, jobId).status?.conditions?.find((c) => c.type === type && c.status === 'True');
}

describe('README State mapping', () => {
  it('`DONE`: Complete (or SuccessCriteriaMet) True, or the pod Succeeded', async () => {
    h = await startReadmeHarness();
    const job = await run(base);
    await job.waitTerminated();
    expect(await job.getState()).toEqual({ state: JobState.Done });
    await expect.poll(() => condition(job.id, 'Complete')).toBeDefined();
    expect(h.statesOf(job.id).at(-1)).toBe('DONE/');
  });

  it('`DONE`: array member: its index is in completedIndexes, or its pod succeeded', async () => {
    h = await startReadmeHarness({ script: (ctx) => (ctx.env.JOB_COMPLETION_INDEX === '0' ? { durationMs: 0 } : { durationMs: Infinity }) });
    const array = await h.session.runBulkJobs(base, 1, 2, 1);
    const [first, second] = array.getJobs();
    await first!.waitTerminated();
    expect(await first!.getState()).toEqual({ state: JobState.Done });
    await expect.poll(() => storedJob(h!, array.id).status?.completedIndexes).toBe('0');
    expect((await second!.getState()).state).toBe(JobState.Running);
  });

  it('`FAILED`: annotation drmaa2.io/terminated (set by terminate) → Terminated', async () => {
    h = await startReadmeHarness();
    const job = await run({ ...base, remoteCommand: 'wait' });
    await job.waitStarted();
    await job.terminate();
    await job.waitTerminated();
    expect(await job.getState()).toEqual({ state: JobState.Failed, subState: 'Terminated' });
    expect(storedJob(h, job.id).metadata.annotations?.['drmaa2.io/terminated']).toMatch(/^\d{4}-/);
    const queued = await run({ ...base, submitAsHold: true });
    await queued.terminate();
    await queued.waitTerminated();
    expect(await queued.getState()).toEqual({ state: JobState.Failed, subState: 'Terminated' });
  });

  it('`FAILED`: Failed or FailureTarget True → the reason (DeadlineExceeded)', async () => {
    h = await startReadmeHarness({ sim: { timing: { secondMs: 50 } } });
    const job = await run({ ...base, remoteCommand: 'wait', resourceLimits: { WALLCLOCK_TIME: 2 } });
    await job.waitTerminated();
    expect(await job.getState()).toEqual({ state: JobState.Failed, subState: 'DeadlineExceeded' });
    expect(condition(job.id, 'Failed')?.reason ?? condition(job.id, 'FailureTarget')?.reason).toBe('DeadlineExceeded');
    const deadline = await run({ ...base, remoteCommand: 'wait', deadlineTime: new Date(Date.now() + 3000) });
    await deadline.waitTerminated();
    expect(await deadline.getState()).toEqual({ state: JobState.Failed, subState: 'DeadlineExceeded' });
  });

  it.each([
    ['OOMKilled', 'oom'],
    ['Error', 'false'],
    ['ContainerCannotRun', 'cannot-run'],
  ])('`FAILED`: for BackoffLimitExceeded the container\'s reason: %s', async (reason, command) => {
    h = await startReadmeHarness();
    const job = await run({ ...base, remoteCommand: command });
    await job.waitTerminated();
    await expect.poll(() => condition(job.id, 'Failed')?.reason).toBe('BackoffLimitExceeded');
    await expect.poll(() => stateOf(job)).toEqual({ state: JobState.Failed, subState: reason });
  });

  it('`FAILED`: for BackoffLimitExceeded the pod\'s reason (Evicted)', async () => {
    h = await startReadmeHarness();
    const job = await run({ ...base, remoteCommand: 'wait' });
    await job.waitStarted();
    const pod = storedPods(h, job.id)[0]!;
    h.sim.store.mutate('pods', pod.metadata.namespace, pod.metadata.name!, (p) => {
      const status = p.status as Record<string, unknown>;
      status.phase = 'Failed';
      status.reason = 'Evicted';
      status.message = 'The node was low on resource: memory.';
    });
    await job.waitTerminated();
    await expect.poll(() => stateOf(job)).toEqual({ state: JobState.Failed, subState: 'Evicted' });
  });

  it('`FAILED`: array member: its index is in failedIndexes → the container\'s reason', async () => {
    h = await startReadmeHarness({ script: (ctx) => (ctx.env.JOB_COMPLETION_INDEX === '1' ? { reason: 'OOMKilled', durationMs: 0 } : { durationMs: 0 }) });
    const array = await h.session.runBulkJobs(base, 1, 3, 1);
    for (const job of array.getJobs()) await job.waitTerminated();
    await expect.poll(() => storedJob(h!, array.id).status?.failedIndexes).toBe('1');
    const member = array.getJobs()[1]!;
    await expect.poll(() => stateOf(member)).toEqual({ state: JobState.Failed, subState: 'OOMKilled' });
    expect((await array.getJobs()[0]!.getState()).state).toBe(JobState.Done);
  });

  it('`FAILED`: array member: the whole Job failed first (the deadline) → DeadlineExceeded', async () => {
    h = await startReadmeHarness({ sim: { timing: { secondMs: 50 } } });
    const array = await h.session.runBulkJobs({ ...base, remoteCommand: 'wait', resourceLimits: { WALLCLOCK_TIME: 2 } }, 1, 2, 1);
    for (const job of array.getJobs()) {
      await job.waitTerminated();
      expect(await job.getState()).toEqual({ state: JobState.Failed, subState: 'DeadlineExceeded' });
    }
  });

  it('`FAILED`: more failed pods than backoffLimit, before the controller writes the condition', async () => {
    // the Job controller syncs pod events only after a minute: the tracker must not wait for it
    h = await startReadmeHarness({ sim: { timing: { syncBatchMs: 60_000 } } });
    const job = await run({ ...base, remoteCommand: 'sh', args: ['-c', 'exit 7'] });
    await job.waitTerminated();
    expect(await job.getState()).toEqual({ state: JobState.Failed, subState: 'Error' });
    expect(storedJob(h, job.id).status?.conditions ?? []).toEqual([]);
  });

  it('`QUEUED_HELD` / `REQUEUED_HELD`: spec.suspend + drmaa2.io/hold → Held', async () => {
    h = await startReadmeHarness();
    const job = await run({ ...base, submitAsHold: true });
    expect(await job.getState()).toEqual({ state: JobState.QueuedHeld, subState: 'Held' });
    const queued = await run({ ...base, remoteCommand: 'created-slowly' });
    await expect.poll(() => stateOf(queued)).toEqual({ state: JobState.Queued, subState: 'ContainerCreating' });
    await queued.hold();
    await expect.poll(() => stateOf(queued)).toEqual({ state: JobState.QueuedHeld, subState: 'Held' });
    expect(storedJob(h, queued.id).spec.suspend).toBe(true);
  });

  it('`QUEUED_HELD` / `REQUEUED_HELD`: REQUEUED_HELD once a pod failed', async () => {
    h = await startReadmeHarness({ sim: { timing: { backoffBaseMs: 3_600_000 } } });
    const job = await run({ ...base, remoteCommand: 'false', rerunnable: true });
    await expect.poll(() => stateOf(job)).toEqual({ state: JobState.Requeued, subState: 'BackoffRetry' });
    await job.hold();
    await expect.poll(() => stateOf(job)).toEqual({ state: JobState.RequeuedHeld, subState: 'Held' });
  });

  it('`QUEUED`: spec.suspend + a future drmaa2.io/start-time, never ran → StartTime', async () => {
    h = await startReadmeHarness();
    const job = await run({ ...base, startTime: new Date(Date.now() + 3_600_000) });
    expect(await job.getState()).toEqual({ state: JobState.Queued, subState: 'StartTime' });
    expect(h.statesOf(job.id)).toEqual(['QUEUED/StartTime']);
  });

  it('`SUSPENDED`: spec.suspend after it started → Suspended', async () => {
    h = await startReadmeHarness();
    const job = await run({ ...base, remoteCommand: 'wait' });
    await job.waitStarted();
    await job.suspend();
    await expect.poll(() => stateOf(job)).toEqual({ state: JobState.Suspended, subState: 'Suspended' });
    await expect.poll(() => storedPods(h!, job.id).length).toBe(0);
    expect(await job.getState()).toEqual({ state: JobState.Suspended, subState: 'Suspended' });
    await job.resume();
    await expect.poll(() => stateOf(job)).toEqual({ state: JobState.Running });
  });

  it('`QUEUED`: spec.suspend, never started, Kueue queue label → WaitingForAdmission', async () => {
    // no controllers: Kueue's webhook (simulated) suspends the labelled Job before anything runs it
    h = await startReadmeHarness({ sim: { controllers: false }, tracker: { kueue: { enabled: true }, queues: ['default', 'team-queue'] } });
    const job = await run({ ...base, queueName: 'team-queue' });
    const { namespace, name } = splitId(job.id);
    expect(storedJob(h, job.id).metadata.labels?.['kueue.x-k8s.io/queue-name']).toBe('team-queue');
    h.sim.store.mutate('jobs', namespace, name, (j) => {
      (j.spec as Record<string, unknown>).suspend = true;
    });
    await expect.poll(() => stateOf(job)).toEqual({ state: JobState.Queued, subState: 'WaitingForAdmission' });
  });

  it('`QUEUED_HELD`: spec.suspend, never started, no annotation (suspended by someone else) → Suspended', async () => {
    h = await startReadmeHarness();
    const job = await run({ ...base, submitAsHold: true });
    const { namespace, name } = splitId(job.id);
    h.sim.store.mutate('jobs', namespace, name, (j) => {
      delete j.metadata.annotations!['drmaa2.io/hold'];
    });
    await expect.poll(() => stateOf(job)).toEqual({ state: JobState.QueuedHeld, subState: 'Suspended' });
  });

  it('`RUNNING`: a pod is in phase Running (not merely "active")', async () => {
    h = await startReadmeHarness();
    const job = await run({ ...base, remoteCommand: 'wait' });
    await job.waitStarted();
    expect(await job.getState()).toEqual({ state: JobState.Running });
    expect(storedPods(h, job.id).map((p) => (p.status as { phase?: string }).phase)).toEqual(['Running']);
    const slow = await run({ ...base, remoteCommand: 'created-slowly' });
    await expect.poll(() => storedJob(h!, slow.id).status?.conditions === undefined && (storedJob(h!, slow.id).status as { active?: number } | undefined)?.active).toBe(1);
    await expect.poll(() => stateOf(slow)).toEqual({ state: JobState.Queued, subState: 'ContainerCreating' });
    expect((storedJob(h, slow.id).status as { active?: number }).active).toBe(1);
  });

  it('`REQUEUED`: a pod failed and the Job retries → the new pod\'s reason, else BackoffRetry', async () => {
    h = await startReadmeHarness({ sim: { timing: { backoffBaseMs: 300 } } });
    const job = await run({ ...base, remoteCommand: 'fail-once', rerunnable: true });
    await job.waitTerminated();
    expect((await job.getState()).state).toBe(JobState.Done);
    // (core delivers NEW_STATE per state, so only the first subState of REQUEUED is an event)
    const states = h.statesOf(job.id);
    expect(states).toContain('REQUEUED/BackoffRetry');
    expect(states.indexOf('REQUEUED/BackoffRetry')).toBeGreaterThan(0);
    expect(states.at(-1)).toBe('DONE/');
  });

  it('`REQUEUED`: a pod failed and the Job retries → the new pod\'s reason (ContainerCreating)', async () => {
    const started = new Set<string>();
    h = await startReadmeHarness({
      script: (ctx) => {
        const job = ctx.labels['batch.kubernetes.io/job-name'] ?? '';
        if (started.has(job)) return { startDelayMs: 3_600_000 };
        started.add(job);
        return { durationMs: 0, exitCode: 1 };
      },
    });
    const job = await run({ ...base, rerunnable: true });
    await expect.poll(() => stateOf(job)).toEqual({ state: JobState.Requeued, subState: 'ContainerCreating' });
    expect(storedPods(h, job.id)).toHaveLength(2);
  });

  it.each([
    ['Unschedulable', { candidateMachines: ['no-such-node'] }],
    ['ContainerCreating', { remoteCommand: 'created-slowly' }],
    ['CreateContainerConfigError', { extensions: { 'env-from-secret': 'missing-secret' } }],
    ['PodInitializing', { extensions: { podSpecPatch: JSON.stringify({ initContainers: [{ name: 'init-forever', image: testImage }] }) } }],
  ] as const)('`QUEUED`: otherwise → the pod\'s reason: %s', async (reason, template) => {
    h = await startReadmeHarness();
    const job = await run({ ...base, ...template });
    await expect.poll(() => stateOf(job)).toEqual({ state: JobState.Queued, subState: reason });
  });

  it('`QUEUED`: otherwise → the pod\'s reason: ErrImagePull, ImagePullBackOff (the sim\'s failing image pattern)', async () => {
    // ErrImagePull and ImagePullBackOff alternate, 300 ms each
    h = await startReadmeHarness({ sim: { timing: { podStartMs: 300, kubeletBackoffBaseMs: 300 } } });
    const job = await run({ ...base, jobCategory: 'registry.example.com/does-not-exist:1' });
    await expect.poll(() => stateOf(job), { timeout: 3000 }).toEqual({ state: JobState.Queued, subState: 'ErrImagePull' });
    await expect.poll(() => stateOf(job), { timeout: 3000 }).toEqual({ state: JobState.Queued, subState: 'ImagePullBackOff' });
    expect((await job.getJobInfo()).annotation).toContain('does-not-exist');
  });

  it('`UNDETERMINED`: only for an unreadable object (annotation says why) → Unreadable', async () => {
    h = await startReadmeHarness();
    const job = await run({ ...base, remoteCommand: 'wait' });
    await job.waitStarted();
    const { namespace, name } = splitId(job.id);
    h.sim.store.mutate('jobs', namespace, name, (j) => {
      (j.status as Record<string, unknown>).conditions = 'not a list';
    });
    await expect.poll(() => stateOf(job)).toEqual({ state: JobState.Undetermined, subState: 'Unreadable' });
    expect((await job.getJobInfo()).annotation).toContain('conditions');
  });

  it('`UNDETERMINED`: a missing Job is handled by the tracker (deleted behind its back)', async () => {
    h = await startReadmeHarness();
    const job = await run({ ...base, remoteCommand: 'wait' });
    await job.waitStarted();
    const { namespace, name } = splitId(job.id);
    h.sim.store.delete('jobs', namespace, name, { propagationPolicy: 'Background' });
    await job.waitTerminated();
    expect((await job.getState()).state).toBe(JobState.Undetermined);
    expect((await job.getJobInfo()).annotation).toMatch(/deleted/);
  });

  it('every job is reported QUEUED first', async () => {
    h = await startReadmeHarness();
    const job = await run(base);
    await job.waitTerminated();
    expect(h.statesOf(job.id)[0]).toMatch(/^QUEUED\//);
    expect(h.statesOf(job.id).at(-1)).toBe('DONE/');
  });
});
