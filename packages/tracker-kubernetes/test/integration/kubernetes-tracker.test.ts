import { ErrorCode, JobState, isDrmaa2Error } from '@drmaa2/core';
import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, testImage, type SimHarness } from '../support/sim-harness.js';

let h: SimHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const sleep = (seconds: number) => ({ remoteCommand: 'sleep', args: [String(seconds)], jobCategory: testImage });

describe('kubernetes tracker on kube-sim', () => {
  it('submits one job with exactly one create, and monitors any number of jobs with no further requests', async () => {
    h = await startHarness();
    h.sim.resetStats();
    const jobs = await Promise.all(Array.from({ length: 20 }, () => h!.session.runJob(sleep(0.2))));
    for (const job of jobs) await job.waitTerminated();
    const requests = h.sim.stats().requests;
    expect(requests.byResource.jobs).toEqual({ create: 20 });
    expect(requests.byResource.pods ?? {}).toEqual({});
    for (const job of jobs) expect((await job.getState()).state).toBe(JobState.Done);
  });

  it('submits an array as one Indexed Job and reports each member', async () => {
    h = await startHarness();
    h.sim.resetStats();
    const array = await h.session.runBulkJobs(sleep(0.1), 1, 10, 1, 3);
    expect(h.sim.stats().requests.byResource.jobs).toEqual({ create: 1 });
    expect(h.sim.stats().objects.Job).toBe(1);
    for (const job of array.getJobs()) await job.waitTerminated();
    expect(new Set(await Promise.all(array.getJobs().map(async (job) => (await job.getState()).state)))).toEqual(new Set([JobState.Done]));
  });

  it('terminate keeps the Job readable as FAILED/Terminated; reap removes it and its staged objects', async () => {
    h = await startHarness();
    const job = await h.session.runJob({ ...sleep(3600), stageInFiles: { '/data/in.txt': 'configmap-data:aGVsbG8=' } });
    await job.waitStarted();
    expect(h.sim.stats().objects.ConfigMap).toBe(2);
    await job.terminate();
    await job.waitTerminated();
    expect(await job.getState()).toEqual({ state: JobState.Failed, subState: 'Terminated' });
    expect(h.sim.stats().objects.Job).toBe(1);
    await job.reap();
    await expect(job.getState()).rejects.toMatchObject({ code: ErrorCode.InvalidArgument });
    await expect.poll(() => h!.sim.stats().objects.ConfigMap).toBe(1);
    await expect.poll(() => h!.sim.stats().objects.Pod ?? 0).toBe(0);
  });

  it('reports nothing more for a reaped job, though its deletion is still under way', async () => {
    h = await startHarness();
    const events: string[] = [];
    h.sm.registerEventNotification((event) => events.push(`${event.jobId} ${event.jobState}`));
    const job = await h.session.runJob({ ...sleep(0.05), stageInFiles: { '/data/in.txt': 'configmap-data:aGVsbG8=' } });
    await job.waitTerminated();
    const before = events.length;
    await job.reap();
    await expect.poll(() => (h!.sim.stats().objects.Pod ?? 0) + (h!.sim.stats().objects.Job ?? 0)).toBe(0);
    const marker = await h.session.runJob(sleep(0.05));
    await marker.waitTerminated();
    expect(events.slice(before).filter((line) => line.startsWith(`${job.id} `))).toEqual([]);
  });

  it('a failed submission leaves nothing behind', async () => {
    h = await startHarness({ tracker: { maxRetries: 1, retryBaseMs: 1 } });
    h.sim.faults.add({ match: { verb: 'create', resource: 'jobs' }, action: { type: 'status', code: 503 } });
    const attempt = h.session.runJob({ ...sleep(1), stageInFiles: { '/data/in.txt': 'configmap-data:aGVsbG8=' } });
    await expect(attempt).rejects.toMatchObject({ code: ErrorCode.TryLater });
    expect(h.sim.stats().requests.byResource.jobs?.create).toBe(2);
    expect(h.sim.stats().objects.Job ?? 0).toBe(0);
    expect(h.sim.stats().objects.ConfigMap).toBe(1);
    expect(await h.session.getJobs()).toEqual([]);
  });

  it('a create retried after the server acted adopts its own Job instead of making two', async () => {
    h = await startHarness();
    h.sim.faults.add({ match: { verb: 'create', resource: 'jobs', times: 1 }, action: { type: 'reset', when: 'after' } });
    const job = await h.session.runJob(sleep(0.1));
    expect(h.sim.stats().objects.Job).toBe(1);
    await job.waitTerminated();
    expect((await h.session.getJobs()).map((j) => j.id)).toEqual([job.id]);
  });

  it('a job held for its startTime starts then, also when the submitting process is gone', async () => {
    h = await startHarness();
    const job = await h.session.runJob({ ...sleep(0.1), startTime: new Date(Date.now() + 1500) });
    expect(await job.getState()).toMatchObject({ state: JobState.Queued });
    await h.sm.close();
    const other = h.newManager();
    const [again] = await (await other.openJobSession('harness')).getJobs();
    expect(again?.id).toBe(job.id);
    await again!.waitTerminated();
    const info = await again!.getJobInfo();
    expect(info.jobState).toBe(JobState.Done);
    expect(info.dispatchTime!.getTime()).toBeGreaterThanOrEqual(info.submissionTime!.getTime() + 1000);
  });

  it('a Job deleted behind the tracker\'s back is UNDETERMINED, not lost', async () => {
    h = await startHarness();
    const job = await h.session.runJob(sleep(3600));
    await job.waitStarted();
    const [namespace, name] = job.id.split('/');
    h.sim.store.delete('jobs', namespace, name!, { propagationPolicy: 'Background' });
    await job.waitTerminated();
    expect((await job.getState()).state).toBe(JobState.Undetermined);
  });

  it('reports the real exit status and signal of the job container', async () => {
    h = await startHarness();
    const job = await h.session.runJob({ remoteCommand: 'sh', args: ['-c', 'exit 42'], jobCategory: testImage });
    await job.waitTerminated();
    expect(await job.getJobInfo()).toMatchObject({ jobState: JobState.Failed, exitStatus: 42 });
  });

  it('rejects what Kubernetes cannot run before any request', async () => {
    h = await startHarness();
    h.sim.resetStats();
    for (const template of [{ remoteCommand: 'true' }, { ...sleep(1), queueName: 'elsewhere' }, { ...sleep(1), extensions: { namespace: 'Not_A_Namespace' } }]) {
      const error = await h.session.runJob(template).catch((e: unknown) => e);
      expect(isDrmaa2Error(error, ErrorCode.InvalidArgument)).toBe(true);
    }
    expect(h.sim.stats().requests.total).toBe(0);
  });
});
