import { JobState, type JobInfo } from '@drmaa2/core';
import { afterEach, describe, expect, it } from 'vitest';
import { startReadmeHarness, storedJob, storedPods, type ReadmeHarness } from '../support/readme-harness.js';
import { testImage } from '../support/sim-harness.js';

let h: ReadmeHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** The JobInfo fields only the pods tell. */
function podFacts(info: JobInfo): Partial<JobInfo> {
  const { jobState, jobSubState, exitStatus, terminatingSignal, allocatedMachines, slots, dispatchTime, finishTime, wallclockTime } = info;
  return { jobState, jobSubState, exitStatus, terminatingSignal, allocatedMachines, slots, dispatchTime, finishTime, wallclockTime };
}

describe('facts of a finished job once its pods are gone', () => {
  it('exit status, signal, subState, machines and times stay as they were when the pods are garbage-collected; no new event; a later process reads them too', async () => {
    h = await startReadmeHarness();
    const failed = await h.session.runJob({ remoteCommand: 'fail-with', args: ['broken'], jobCategory: testImage, minSlots: 2 });
    const killed = await h.session.runJob({ remoteCommand: 'signal', args: ['9'], jobCategory: testImage });
    const array = await h.session.runBulkJobs({ remoteCommand: 'exit-index', jobCategory: testImage }, 1, 3, 1);
    const jobs = [failed, killed, ...array.getJobs()];
    for (const job of jobs) await job.waitTerminated();
    // Pods go only once the Job controller has counted them (their tracking finalizer), as on a
    // cluster. Its Failed condition sets the finish time of a single job, so the facts are read
    // once the tracker has seen it.
    const failedAt = (id: string) => storedJob(h!, id).status?.conditions?.find((c) => c.type === 'Failed' && c.status === 'True')?.lastTransitionTime;
    for (const id of [failed.id, killed.id, array.id]) await expect.poll(() => failedAt(id)).toBeDefined();
    for (const job of [failed, killed]) await expect.poll(async () => (await job.getJobInfo()).finishTime?.getTime()).toBe(Date.parse(failedAt(job.id)!));
    const before = await Promise.all(jobs.map(async (job) => podFacts(await job.getJobInfo())));
    expect(before.map((facts) => [facts.jobState, facts.exitStatus, facts.terminatingSignal])).toEqual([
      [JobState.Failed, 3, undefined],
      [JobState.Failed, 137, 'SIGKILL'],
      [JobState.Failed, 1, undefined],
      [JobState.Failed, 2, undefined],
      [JobState.Failed, 3, undefined],
    ]);
    for (const facts of before) {
      expect(facts.allocatedMachines?.length).toBe(1);
      expect(facts.dispatchTime).toBeInstanceOf(Date);
      expect(facts.finishTime).toBeInstanceOf(Date);
    }

    const ids = new Set(jobs.map((job) => job.id));
    const eventsBefore = h.events.filter((event) => ids.has(event.jobId)).length;
    h.sim.resetStats();
    for (const id of [failed.id, killed.id, array.id]) {
      for (const pod of storedPods(h, id)) h.sim.store.delete('pods', pod.metadata.namespace, pod.metadata.name!, { gracePeriodSeconds: 0 });
    }
    // The pod watch is ordered: once a later job's pods were seen, so were those deletions.
    const marker = await h.session.runJob({ remoteCommand: 'true', jobCategory: testImage });
    await marker.waitTerminated();
    expect(storedPods(h, failed.id)).toEqual([]);

    const after = await Promise.all(jobs.map(async (job) => podFacts(await job.getJobInfo())));
    expect(after).toEqual(before);
    expect(h.events.filter((event) => ids.has(event.jobId)).length).toBe(eventsBefore);

    // The watcher wrote the facts into each Job (one patch per Job), so a process connecting now reads them too.
    await expect.poll(() => h!.sim.stats().requests.byResource.jobs?.patch).toBe(3);
    const later = await h.newManager().openJobSession('harness');
    const seen = new Map((await later.getJobs()).map((job) => [job.id, job]));
    expect(await Promise.all(jobs.map(async (job) => podFacts(await seen.get(job.id)!.getJobInfo())))).toEqual(before);
    expect(h.sim.stats().requests.byResource.jobs).toMatchObject({ create: 1, patch: 3 });
  });

  it('a job shown FAILED before the Job controller counted its pod stays FAILED when the pod is deleted meanwhile', async () => {
    // The controller's next sync is a minute away, so only the pod says the job failed.
    h = await startReadmeHarness({ sim: { timing: { syncBatchMs: 60_000 } } });
    const job = await h.session.runJob({ remoteCommand: 'false', jobCategory: testImage });
    await job.waitTerminated();
    expect(storedJob(h, job.id).status?.failed ?? 0).toBe(0);
    const info = await job.getJobInfo();
    expect(info).toMatchObject({ jobState: JobState.Failed, exitStatus: 1 });
    const states = h.statesOf(job.id);
    // A drain, or the garbage collector while a reap is under way: the pod gets its deletionTimestamp.
    const [pod] = storedPods(h, job.id);
    h.sim.store.delete('pods', pod!.metadata.namespace, pod!.metadata.name!, {});
    expect(storedPods(h, job.id)[0]?.metadata.deletionTimestamp).toBeDefined(); // the tracking finalizer holds it
    const marker = await h.session.runJob({ remoteCommand: 'true', jobCategory: testImage });
    await marker.waitTerminated();
    expect(h.statesOf(job.id)).toEqual(states);
    expect(podFacts(await job.getJobInfo())).toEqual(podFacts(info));
  });
});
