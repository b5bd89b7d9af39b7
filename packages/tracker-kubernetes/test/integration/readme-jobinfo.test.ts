/**
 * README "JobInfo mapping": every row, comparing the JobInfo the tracker reports with the objects
 * kube-sim stores.
 */
import { hostname, userInfo } from 'node:os';
import { JobState, type JobInfo, type JobTemplate } from '@drmaa2/core';
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

interface PodView {
  spec?: { nodeName?: string };
  status?: { containerStatuses?: { name: string; state?: { terminated?: { startedAt?: string; finishedAt?: string; exitCode?: number } } }[] };
}
const containerState = (pod: unknown) => (pod as PodView).status?.containerStatuses?.find((c) => c.name === 'job')?.state?.terminated;

/**
 * Deletes the Job's pods as if no process had watched: the harness's tracker writes the facts
 * they told into the Job (`drmaa2.io/final-facts`, see kept-facts.test.ts); they are removed
 * again, so only what the Job itself says is left.
 */
async function deletePods(jobId: string): Promise<void> {
  for (const pod of storedPods(h!, jobId)) h!.sim.store.delete('pods', pod.metadata.namespace, pod.metadata.name!, { gracePeriodSeconds: 0 });
  await expect.poll(() => storedPods(h!, jobId).length).toBe(0);
  await expect.poll(() => storedJob(h!, jobId).metadata.annotations?.['drmaa2.io/final-facts']).toBeDefined();
  const { namespace, name } = splitId(jobId);
  h!.sim.store.mutate('jobs', namespace, name, (job) => {
    delete job.metadata.annotations!['drmaa2.io/final-facts'];
  });
}

/** The JobInfo as a freshly connected tracker (another process) sees it. */
async function freshInfo(jobId: string): Promise<JobInfo> {
  const session = await h!.newManager().openJobSession('harness');
  const job = (await session.getJobs()).find((j) => j.id === jobId);
  if (job === undefined) throw new Error(`job ${jobId} not found by a new manager`);
  return job.getJobInfo();
}

describe('README JobInfo mapping', () => {
  it('`exitStatus`: state.terminated.exitCode of the job container', async () => {
    h = await startReadmeHarness();
    const job = await run({ ...base, remoteCommand: 'sh', args: ['-c', 'exit 42'] });
    await job.waitTerminated();
    expect(await job.getJobInfo()).toMatchObject({ jobState: JobState.Failed, exitStatus: 42 });
    expect(containerState(storedPods(h, job.id)[0])?.exitCode).toBe(42);
  });

  it('`exitStatus`: Done without a pod: 0', async () => {
    h = await startReadmeHarness();
    const job = await run(base);
    await job.waitTerminated();
    await expect.poll(() => storedJob(h!, job.id).status?.completionTime).toBeDefined();
    await deletePods(job.id);
    expect(await freshInfo(job.id)).toMatchObject({ jobState: JobState.Done, exitStatus: 0 });
  });

  it('JobInfo facts are complete when waitTerminated returns (no later refinement of exitStatus or subState)', async () => {
    h = await startReadmeHarness();
    const singles = await Promise.all(Array.from({ length: 20 }, () => run({ ...base, remoteCommand: 'sh', args: ['-c', 'exit 3'] })));
    const array = await h.session.runBulkJobs({ ...base, remoteCommand: 'exit-index' }, 1, 60, 1);
    const seen: string[] = [];
    for (const job of [...singles, ...array.getJobs()]) {
      await job.waitTerminated();
      const info = await job.getJobInfo();
      seen.push(`${info.jobState}/${info.jobSubState ?? ''}/${String(info.exitStatus)}`);
    }
    expect(seen.filter((s) => !/^FAILED\/Error\/\d+$/.test(s))).toEqual([]);
  });

  it('`terminatingSignal`: the container\'s signal, else exit code 128+N → signal N (137→SIGKILL, 143→SIGTERM)', async () => {
    h = await startReadmeHarness();
    const signalled = await run({ ...base, remoteCommand: 'signal', args: ['9'] });
    const exit143 = await run({ ...base, remoteCommand: 'sh', args: ['-c', 'exit 143'] });
    const exit137 = await run({ ...base, remoteCommand: 'sh', args: ['-c', 'exit 137'] });
    const plain = await run({ ...base, remoteCommand: 'sh', args: ['-c', 'exit 1'] });
    for (const job of [signalled, exit143, exit137, plain]) await job.waitTerminated();
    await expect.poll(async () => (await signalled.getJobInfo()).terminatingSignal).toBe('SIGKILL');
    await expect.poll(async () => (await exit143.getJobInfo()).terminatingSignal).toBe('SIGTERM');
    await expect.poll(async () => (await exit137.getJobInfo()).terminatingSignal).toBe('SIGKILL');
    await expect.poll(async () => (await plain.getJobInfo()).exitStatus).toBe(1);
    expect((await plain.getJobInfo()).terminatingSignal).toBeUndefined();
  });

  it('`annotation`: condition message + "job container exited with code N (reason)" + container message', async () => {
    h = await startReadmeHarness();
    const job = await run({ ...base, remoteCommand: 'fail-with', args: ['disk', 'full'] });
    await job.waitTerminated();
    await expect.poll(() => storedJob(h!, job.id).status?.conditions?.find((c) => c.type === 'Failed')).toBeDefined();
    const message = storedJob(h, job.id).status!.conditions!.find((c) => c.type === 'Failed')!.message!;
    await expect.poll(async () => (await job.getJobInfo()).annotation).toContain(message);
    const annotation = (await job.getJobInfo()).annotation!;
    expect(annotation).toContain('job container exited with code 3 (Error)');
    expect(annotation).toContain('disk full');
  });

  it('`annotation`: the pending pod\'s message', async () => {
    h = await startReadmeHarness();
    const job = await run({ ...base, candidateMachines: ['no-such-node'] });
    await expect.poll(async () => (await job.getJobInfo()).jobSubState).toBe('Unschedulable');
    const pod = storedPods(h, job.id)[0] as { status?: { conditions?: { type: string; message?: string }[] } };
    const message = pod.status?.conditions?.find((c) => c.type === 'PodScheduled')?.message;
    expect(message).toMatch(/node/);
    expect((await job.getJobInfo()).annotation).toContain(message);
  });

  it('`annotation`: hold/start-time/terminate notes', async () => {
    h = await startReadmeHarness();
    const held = await run({ ...base, submitAsHold: true });
    expect((await held.getJobInfo()).annotation).toMatch(/held/);
    const startTime = new Date(Date.now() + 3_600_000);
    const later = await run({ ...base, startTime });
    expect((await later.getJobInfo()).annotation).toContain(startTime.toISOString());
    const running = await run({ ...base, remoteCommand: 'wait' });
    await running.waitStarted();
    await running.terminate();
    await running.waitTerminated();
    expect((await running.getJobInfo()).annotation).toMatch(/terminated/);
  });

  it('`jobSubState`: see the state table', async () => {
    h = await startReadmeHarness();
    const job = await run({ ...base, remoteCommand: 'oom' });
    await job.waitTerminated();
    await expect.poll(async () => (await job.getJobInfo()).jobSubState).toBe('OOMKilled');
    expect((await job.getState()).subState).toBe('OOMKilled');
  });

  it('`dispatchTime`: earliest startedAt of the job container over the pods', async () => {
    h = await startReadmeHarness({ sim: { timing: { backoffBaseMs: 1100 } } });
    const job = await run({ ...base, remoteCommand: 'fail-once', rerunnable: true });
    await job.waitTerminated();
    const starts = storedPods(h, job.id).map((pod) => Date.parse(containerState(pod)!.startedAt!));
    expect(starts).toHaveLength(2);
    expect(new Set(starts).size).toBe(2);
    expect((await job.getJobInfo()).dispatchTime?.getTime()).toBe(Math.min(...starts));
  });

  it('`dispatchTime`: else the Job\'s status.startTime once it ran', async () => {
    h = await startReadmeHarness();
    const job = await run(base);
    await job.waitTerminated();
    await expect.poll(() => storedJob(h!, job.id).status?.completionTime).toBeDefined();
    await deletePods(job.id);
    const info = await freshInfo(job.id);
    expect(info.dispatchTime?.toISOString()).toBe(new Date(storedJob(h, job.id).status!.startTime!).toISOString());
    const queued = await run({ ...base, candidateMachines: ['no-such-node'] });
    await expect.poll(async () => (await queued.getJobInfo()).jobSubState).toBe('Unschedulable');
    expect(storedJob(h, queued.id).status?.startTime).toBeDefined();
    expect((await queued.getJobInfo()).dispatchTime).toBeUndefined();
  });

  it('`finishTime`: completionTime', async () => {
    h = await startReadmeHarness();
    const job = await run(base);
    await job.waitTerminated();
    await expect.poll(() => storedJob(h!, job.id).status?.completionTime).toBeDefined();
    await expect.poll(async () => (await job.getJobInfo()).finishTime?.toISOString()).toBe(new Date(storedJob(h, job.id).status!.completionTime!).toISOString());
  });

  it('`finishTime`: the Failed/FailureTarget transition time', async () => {
    h = await startReadmeHarness();
    const job = await run({ ...base, remoteCommand: 'false' });
    await job.waitTerminated();
    await expect.poll(() => storedJob(h!, job.id).status?.conditions?.find((c) => c.type === 'FailureTarget')).toBeDefined();
    const transition = storedJob(h, job.id).status!.conditions!.find((c) => c.type === 'FailureTarget')!.lastTransitionTime!;
    await expect.poll(async () => (await job.getJobInfo()).finishTime?.toISOString()).toBe(new Date(transition).toISOString());
  });

  it('`finishTime`: else the container\'s finishedAt (also for failed jobs)', async () => {
    h = await startReadmeHarness({ sim: { timing: { syncBatchMs: 60_000 } } });
    const job = await run({ ...base, remoteCommand: 'false' });
    await job.waitTerminated();
    expect(storedJob(h, job.id).status?.conditions ?? []).toEqual([]);
    const finishedAt = containerState(storedPods(h, job.id)[0])!.finishedAt!;
    expect((await job.getJobInfo()).finishTime?.toISOString()).toBe(new Date(finishedAt).toISOString());
  });

  it('`wallclockTime`: finish (or now while running) − dispatch, in seconds', async () => {
    h = await startReadmeHarness();
    const running = await run({ ...base, remoteCommand: 'wait' });
    await running.waitStarted();
    const first = (await running.getJobInfo()).wallclockTime!;
    expect(first).toBeGreaterThanOrEqual(0);
    await expect.poll(async () => (await running.getJobInfo()).wallclockTime!).toBeGreaterThan(first);
    const job = await run({ ...base, remoteCommand: 'sleep', args: ['1'] });
    await job.waitTerminated();
    await expect.poll(async () => (await job.getJobInfo()).finishTime).toBeDefined();
    const info = await job.getJobInfo();
    expect(info.wallclockTime).toBe((info.finishTime!.getTime() - info.dispatchTime!.getTime()) / 1000);
  });

  it('`allocatedMachines`: the pods\' spec.nodeName, each with slots', async () => {
    h = await startReadmeHarness();
    const job = await run({ ...base, candidateMachines: ['sim-node-2'], minSlots: 2 });
    await job.waitTerminated();
    expect((storedPods(h, job.id)[0] as PodView).spec?.nodeName).toBe('sim-node-2');
    expect((await job.getJobInfo()).allocatedMachines).toEqual([{ machineName: 'sim-node-2', slots: 2 }]);
  });

  it('`slots`: the cpu request of the job container (whole CPUs), else 1', async () => {
    h = await startReadmeHarness();
    const two = await run({ ...base, minSlots: 2, maxSlots: 3 });
    const none = await run(base);
    expect((await two.getJobInfo()).slots).toBe(2);
    expect((await none.getJobInfo()).slots).toBe(1);
  });

  it('`jobName`, `jobOwner`, `submissionMachine`, `queueName`: the annotations recorded at submission', async () => {
    h = await startReadmeHarness({ sim: { namespaces: ['batch'] }, tracker: { queues: ['default', 'batch'] } });
    const job = await run({ ...base, jobName: 'nightly report', queueName: 'batch' });
    const annotations = storedJob(h, job.id).metadata.annotations ?? {};
    const info = await job.getJobInfo();
    expect(info).toMatchObject({ jobName: 'nightly report', jobOwner: userInfo().username, submissionMachine: hostname(), queueName: 'batch' });
    expect([info.jobName, info.jobOwner, info.submissionMachine, info.queueName]).toEqual([
      annotations['drmaa2.io/job-name'],
      annotations['drmaa2.io/job-owner'],
      annotations['drmaa2.io/submission-machine'],
      annotations['drmaa2.io/queue-name'],
    ]);
    const { namespace, name } = splitId(job.id);
    h.sim.store.mutate('jobs', namespace, name, (j) => {
      j.metadata.annotations!['drmaa2.io/job-owner'] = 'someone-else';
    });
    await expect.poll(async () => (await job.getJobInfo()).jobOwner).toBe('someone-else');
  });

  it('`submissionTime`: the Job\'s creationTimestamp', async () => {
    h = await startReadmeHarness();
    const job = await run(base);
    const created = storedJob(h, job.id).metadata.creationTimestamp!;
    expect((await job.getJobInfo()).submissionTime?.toISOString()).toBe(new Date(created).toISOString());
  });
});
