/**
 * README "Arrays": the bullets and every row of the environment table, through `runBulkJobs` on
 * kube-sim.
 */
import { JobState, type JobTemplate } from '@drmaa2/core';
import { afterEach, describe, expect, it } from 'vitest';
import { testImage } from '../support/sim-harness.js';
import { expectInvalidBeforeAnyRequest, startReadmeHarness, storedContainer, storedJob, storedPods, type ReadmeHarness } from '../support/readme-harness.js';

let h: ReadmeHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const base: JobTemplate = { remoteCommand: 'true', jobCategory: testImage };

describe('README Arrays', () => {
  it('runBulkJobs becomes one Indexed Job; completions = the member count', async () => {
    h = await startReadmeHarness();
    h.sim.resetStats();
    const array = await h.session.runBulkJobs(base, 3, 20, 4);
    expect(h.sim.stats().requests.byResource.jobs).toEqual({ create: 1 });
    const stored = storedJob(h, array.id);
    expect(stored.spec.completionMode).toBe('Indexed');
    expect(stored.spec.completions).toBe(5);
    expect(array.getJobs()).toHaveLength(5);
  });

  it('parallelism = maxParallel; the controller enforces it', async () => {
    h = await startReadmeHarness();
    const array = await h.session.runBulkJobs({ ...base, remoteCommand: 'wait' }, 1, 6, 1, 2);
    expect(storedJob(h, array.id).spec.parallelism).toBe(2);
    await expect.poll(() => storedPods(h!, array.id).length).toBe(2);
    await expect.poll(async () => (await Promise.all(array.getJobs().map(async (job) => (await job.getState()).state))).filter((s) => s === JobState.Running).length).toBe(2);
    expect(storedPods(h, array.id)).toHaveLength(2);
  });

  it('parallelism = all members when maxParallel is unset', async () => {
    h = await startReadmeHarness();
    const array = await h.session.runBulkJobs(base, 1, 7, 1);
    expect(storedJob(h, array.id).spec.parallelism).toBe(7);
  });

  it('backoffLimitPerIndex = 0 (3 when rerunnable), maxFailedIndexes unset, so a failing member does not fail the others', async () => {
    h = await startReadmeHarness();
    const failing: JobTemplate = { ...base, remoteCommand: 'exit-index' };
    const array = await h.session.runBulkJobs(failing, 1, 3, 1);
    const stored = storedJob(h, array.id);
    expect(stored.spec.backoffLimitPerIndex).toBe(0);
    expect(stored.spec.maxFailedIndexes).toBeUndefined();
    for (const job of array.getJobs()) await job.waitTerminated();
    // every member exits with its (non-zero) index: each fails on its own, none takes the others along
    // (polled: exit facts may follow the terminal state, see readme-jobinfo for that race)
    const facts = async () => (await Promise.all(array.getJobs().map((job) => job.getJobInfo()))).map((info) => [info.jobState, info.exitStatus]);
    await expect.poll(facts).toEqual([
      [JobState.Failed, 1],
      [JobState.Failed, 2],
      [JobState.Failed, 3],
    ]);
    const rerunnable = await h.session.runBulkJobs({ ...base, rerunnable: true }, 1, 2, 1);
    expect(storedJob(h, rerunnable.id).spec.backoffLimitPerIndex).toBe(3);
  });

  it('a failing member does not fail the others (one member fails, the rest are DONE)', async () => {
    h = await startReadmeHarness({
      script: (ctx) => ({ durationMs: 0, exitCode: ctx.env.JOB_COMPLETION_INDEX === '1' ? 5 : 0 }),
    });
    const array = await h.session.runBulkJobs(base, 10, 14, 2);
    for (const job of array.getJobs()) await job.waitTerminated();
    const states = await Promise.all(array.getJobs().map(async (job) => [job.id.slice(job.id.indexOf('[')), (await job.getState()).state]));
    expect(states).toEqual([
      ['[10]', JobState.Done],
      ['[12]', JobState.Failed],
      ['[14]', JobState.Done],
    ]);
  });

  it('completion index i is DRMAA2 index begin + i*step; the annotation drmaa2.io/array: "begin,end,step" records the range', async () => {
    h = await startReadmeHarness();
    const array = await h.session.runBulkJobs({ ...base, remoteCommand: 'exit-index' }, 3, 11, 4);
    expect(storedJob(h, array.id).metadata.annotations?.['drmaa2.io/array']).toBe('3,11,4');
    expect(array.getJobs().map((job) => job.id.slice(job.id.indexOf('[')))).toEqual(['[3]', '[7]', '[11]']);
    for (const job of array.getJobs()) await job.waitTerminated();
    for (const job of array.getJobs()) {
      const index = Number(/\[(\d+)\]$/.exec(job.id)?.[1]);
      await expect.poll(async () => (await job.getJobInfo()).exitStatus).toBe(index);
    }
  });

  it('`JOB_COMPLETION_INDEX`: i, 0-based (fieldRef to the pod\'s batch.kubernetes.io/job-completion-index annotation)', async () => {
    h = await startReadmeHarness();
    const array = await h.session.runBulkJobs(base, 5, 9, 2);
    expect(storedContainer(h, array.id).env?.[0]).toMatchObject({
      name: 'JOB_COMPLETION_INDEX',
      valueFrom: { fieldRef: { fieldPath: "metadata.annotations['batch.kubernetes.io/job-completion-index']" } },
    });
    for (const job of array.getJobs()) await job.waitTerminated();
    const seen = h.containers.map((ctx) => [ctx.env.JOB_COMPLETION_INDEX, ctx.annotations['batch.kubernetes.io/job-completion-index']]);
    expect(seen.map(([env]) => env).sort()).toEqual(['0', '1', '2']);
    for (const [env, annotation] of seen) expect(env).toBe(annotation);
  });

  it('`DRMAA2_INDEX_BEGIN`, `DRMAA2_INDEX_STEP`, `DRMAA2_INDEX_END`: the range; the member computes BEGIN + JOB_COMPLETION_INDEX * STEP', async () => {
    h = await startReadmeHarness();
    const array = await h.session.runBulkJobs({ ...base, jobEnvironment: { OTHER: 'x' } }, 5, 9, 2);
    expect(storedContainer(h, array.id).env?.slice(1)).toEqual([
      { name: 'DRMAA2_INDEX_BEGIN', value: '5' },
      { name: 'DRMAA2_INDEX_STEP', value: '2' },
      { name: 'DRMAA2_INDEX_END', value: '9' },
      { name: 'OTHER', value: 'x' },
    ]);
    for (const job of array.getJobs()) await job.waitTerminated();
    const computed = h.containers.map((ctx) => Number(ctx.env.DRMAA2_INDEX_BEGIN) + Number(ctx.env.JOB_COMPLETION_INDEX) * Number(ctx.env.DRMAA2_INDEX_STEP));
    expect(computed.sort()).toEqual([5, 7, 9]);
    expect(new Set(h.containers.map((ctx) => ctx.env.DRMAA2_INDEX_END))).toEqual(new Set(['9']));
    await expectInvalidBeforeAnyRequest(h, () => h!.session.runBulkJobs({ ...base, jobEnvironment: { DRMAA2_INDEX_BEGIN: '1' } }, 1, 2, 1), 'jobEnvironment["DRMAA2_INDEX_BEGIN"]');
  });

  it('$DRMAA2_INDEX$ in workingDirectory is refused', async () => {
    h = await startReadmeHarness();
    await expectInvalidBeforeAnyRequest(h, () => h!.session.runBulkJobs({ ...base, workingDirectory: '/w/$DRMAA2_INDEX$' }, 1, 2, 1), 'workingDirectory');
  });
});
