import { ErrorCode, JobState, type Job } from '@drmaa2/core';
import { afterEach, describe, expect, it } from 'vitest';
import { storedJob, storedPods, startReadmeHarness, type ReadmeHarness } from '../support/readme-harness.js';
import { testImage } from '../support/sim-harness.js';

let h: ReadmeHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const states = (jobs: readonly Job[]) => Promise.all(jobs.map(async (job) => (await job.getState()).state));

describe('array-level control of the one Indexed Job', () => {
  it('suspend, resume and terminate are one patch each for all members; a member alone is UNSUPPORTED_OPERATION', async () => {
    h = await startReadmeHarness();
    const array = await h.session.runBulkJobs({ remoteCommand: 'wait', jobCategory: testImage }, 1, 3, 1);
    const members = array.getJobs();
    for (const job of members) await job.waitStarted();
    await expect(members[0]!.suspend()).rejects.toMatchObject({ code: ErrorCode.UnsupportedOperation });
    await expect(members[0]!.terminate()).rejects.toMatchObject({ code: ErrorCode.UnsupportedOperation });

    h.sim.resetStats();
    await array.suspend();
    expect(h.sim.stats().requests.byResource.jobs).toEqual({ patch: 1 });
    expect(storedJob(h, array.id).spec.suspend).toBe(true);
    await expect.poll(() => states(members)).toEqual([JobState.Suspended, JobState.Suspended, JobState.Suspended]);
    await expect.poll(() => storedPods(h!, array.id).length).toBe(0);

    await array.resume();
    for (const job of members) await job.waitStarted();
    await expect.poll(() => states(members)).toEqual([JobState.Running, JobState.Running, JobState.Running]);

    await array.terminate();
    for (const job of members) await job.waitTerminated();
    expect(await Promise.all(members.map((job) => job.getState()))).toEqual(Array.from({ length: 3 }, () => ({ state: JobState.Failed, subState: 'Terminated' })));
    expect(h.sim.stats().requests.byResource.jobs).toEqual({ patch: 3 });
  });

  it('reaping members one by one records them; the Job goes with the last one', async () => {
    h = await startReadmeHarness();
    const array = await h.session.runBulkJobs({ remoteCommand: 'true', jobCategory: testImage }, 2, 6, 2);
    const [first, second, third] = array.getJobs();
    for (const job of array.getJobs()) await job.waitTerminated();
    await first!.reap();
    await second!.reap();
    expect(storedJob(h, array.id).metadata.annotations?.['drmaa2.io/reaped']).toBe('2,4');
    await expect(first!.getState()).rejects.toMatchObject({ code: ErrorCode.InvalidArgument });
    expect((await h.session.getJobs()).map((job) => job.id)).toEqual([third!.id]);
    h.sim.resetStats();
    await third!.reap();
    expect(h.sim.stats().requests.byResource.jobs).toEqual({ delete: 1 });
    await expect.poll(() => (h!.sim.stats().objects.Job ?? 0) + (h!.sim.stats().objects.Pod ?? 0)).toBe(0);
    expect(await h.session.getJobs()).toEqual([]);
  });
});
