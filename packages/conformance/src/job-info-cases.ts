import { JobState } from '@drmaa2/core';
import { describe, expect } from 'vitest';
import { conformanceCase } from './conformance-case.js';
import type { TrackerConformanceOptions } from './conformance-options.js';

/** §4: JobInfo fields, and JobInfo as a filter. */
export function describeJobInfoCases(options: TrackerConformanceOptions): void {
  const test = (title: string, body: Parameters<typeof conformanceCase>[2]): void => conformanceCase(options, title, body);

  describe('JobInfo (§4)', () => {
    test('jobId and submissionTime are set from the start; exitStatus and finishTime only once ended', async (ctx) => {
      const job = await ctx.session.runJob(ctx.long());
      const early = await job.getJobInfo();
      expect(early.jobId).toBe(job.id);
      expect(early.submissionTime).toBeInstanceOf(Date);
      expect(early.exitStatus).toBeUndefined();
      expect(early.finishTime).toBeUndefined();
      await job.terminate();
      await job.waitTerminated();
      expect((await job.getJobInfo()).finishTime).toBeInstanceOf(Date);
    });

    test('a JobInfo is a snapshot: it does not change when the job does', async (ctx) => {
      const job = await ctx.session.runJob(ctx.short());
      const snapshot = await job.getJobInfo();
      const before = snapshot.jobState;
      await job.waitTerminated();
      expect(snapshot.jobState).toBe(before);
      expect(snapshot.finishTime).toBeUndefined();
      expect((await job.getJobInfo()).jobState).toBe(JobState.Done);
    });

    test('a started job has dispatchTime and allocatedMachines; a finished one its exit status', async (ctx) => {
      const job = await ctx.session.runJob(ctx.options.templates.exit(3));
      await job.waitTerminated();
      const info = await job.getJobInfo();
      expect(info.jobState).toBe(JobState.Failed);
      expect(info.exitStatus).toBe(3);
      expect(info.dispatchTime).toBeInstanceOf(Date);
      expect(info.finishTime).toBeInstanceOf(Date);
      expect(info.finishTime!.getTime()).toBeGreaterThanOrEqual(info.dispatchTime!.getTime());
      expect(info.allocatedMachines?.length).toBeGreaterThan(0);
      expect(info.wallclockTime).toBeGreaterThanOrEqual(0);
    });

    test('a successful job is DONE with exitStatus 0 and no terminating signal', async (ctx) => {
      const job = await ctx.session.runJob(ctx.options.templates.succeed());
      await job.waitTerminated();
      const info = await job.getJobInfo();
      expect(info.jobState).toBe(JobState.Done);
      expect(info.exitStatus).toBe(0);
      expect(info.terminatingSignal).toBeUndefined();
    });

    test('no filter returns every job of the session; no match is an empty list', async (ctx) => {
      const a = await ctx.session.runJob(ctx.long());
      const b = await ctx.session.runJob(ctx.long());
      expect((await ctx.session.getJobs()).map((j) => j.id).sort()).toEqual([a.id, b.id].sort());
      expect(await ctx.session.getJobs({ jobId: 'conformance-no-such-job' })).toEqual([]);
    });

    test('filters compare jobId, jobName, jobState and exitStatus for equality, ANDed', async (ctx) => {
      const ok = await ctx.session.runJob({ ...ctx.options.templates.exit(0), jobName: 'conformance-a' });
      const bad = await ctx.session.runJob({ ...ctx.options.templates.exit(4), jobName: 'conformance-b' });
      await ok.waitTerminated();
      await bad.waitTerminated();
      const ids = async (filter: Parameters<typeof ctx.session.getJobs>[0]): Promise<string[]> =>
        (await ctx.session.getJobs(filter)).map((job) => job.id);
      expect(await ids({ jobId: bad.id })).toEqual([bad.id]);
      expect(await ids({ jobName: 'conformance-a' })).toEqual([ok.id]);
      expect(await ids({ jobState: JobState.Failed })).toEqual([bad.id]);
      expect(await ids({ exitStatus: 4 })).toEqual([bad.id]);
      expect(await ids({ exitStatus: 4, jobName: 'conformance-a' })).toEqual([]);
    });

    test('filters compare terminatingSignal, jobSubState, submissionMachine, jobOwner, slots and queueName for equality', async (ctx) => {
      const job = await ctx.session.runJob(ctx.options.templates.exit(2));
      await job.waitTerminated();
      const info = await job.getJobInfo();
      const fields = ['terminatingSignal', 'jobSubState', 'submissionMachine', 'jobOwner', 'slots', 'queueName'] as const;
      for (const field of fields) {
        const value = info[field];
        if (value === undefined) continue;
        expect((await ctx.session.getJobs({ [field]: value })).map((j) => j.id)).toEqual([job.id]);
        const other = typeof value === 'number' ? value + 1000 : `${value}-conformance-other`;
        expect(await ctx.session.getJobs({ [field]: other })).toEqual([]);
      }
    });

    test('getState agrees with JobInfo: jobState and jobSubState', async (ctx) => {
      const queued = await ctx.session.runJob(ctx.queued());
      const done = await ctx.session.runJob(ctx.options.templates.succeed());
      await done.waitTerminated();
      for (const job of [queued, done]) {
        const status = await job.getState();
        const info = await job.getJobInfo();
        expect(status.state).toBe(info.jobState);
        expect(status.subState).toBe(info.jobSubState);
      }
    });

    test('an empty filter, or one whose fields are all unset, matches every job; a set field the job lacks matches nothing', async (ctx) => {
      const queued = await ctx.session.runJob(ctx.queued());
      const done = await ctx.session.runJob(ctx.options.templates.succeed());
      await done.waitTerminated();
      const all = [queued.id, done.id].sort();
      expect((await ctx.session.getJobs({})).map((j) => j.id).sort()).toEqual(all);
      expect((await ctx.session.getJobs({ jobName: undefined, exitStatus: undefined, jobState: undefined })).map((j) => j.id).sort()).toEqual(all);
      // The queued job has no exit status yet: it does not match exitStatus 0, the finished one does.
      expect((await ctx.session.getJobs({ exitStatus: 0 })).map((j) => j.id)).toEqual([done.id]);
    });

    test('annotation is never evaluated in a filter', async (ctx) => {
      const job = await ctx.session.runJob(ctx.long());
      expect((await ctx.session.getJobs({ jobId: job.id, annotation: 'conformance: matches nothing' })).map((j) => j.id)).toEqual([job.id]);
    });

    test('allocatedMachines matches when the allocation contains every listed machine', async (ctx) => {
      const job = await ctx.session.runJob(ctx.long());
      await job.waitStarted();
      const machines = (await job.getJobInfo()).allocatedMachines ?? [];
      expect(machines.length).toBeGreaterThan(0);
      expect((await ctx.session.getJobs({ allocatedMachines: machines })).map((j) => j.id)).toEqual([job.id]);
      expect(await ctx.session.getJobs({ allocatedMachines: [{ machineName: 'conformance-no-such-machine', slots: 1 }] })).toEqual([]);
    });

    test('wallclockTime matches when the job has at least that much; times when at or after', async (ctx) => {
      const job = await ctx.session.runJob(ctx.options.templates.succeed());
      await job.waitTerminated();
      const info = await job.getJobInfo();
      const submitted = info.submissionTime!;
      expect((await ctx.session.getJobs({ submissionTime: submitted })).map((j) => j.id)).toEqual([job.id]);
      expect((await ctx.session.getJobs({ submissionTime: new Date(submitted.getTime() - 60_000) })).map((j) => j.id)).toEqual([job.id]);
      expect(await ctx.session.getJobs({ submissionTime: new Date(submitted.getTime() + 3_600_000) })).toEqual([]);
      expect((await ctx.session.getJobs({ wallclockTime: 0 })).map((j) => j.id)).toEqual([job.id]);
      expect(await ctx.session.getJobs({ wallclockTime: 10 * 365 * 24 * 3600 })).toEqual([]);
      expect((await ctx.session.getJobs({ finishTime: info.finishTime! })).map((j) => j.id)).toEqual([job.id]);
    });

    test('cpuTime matches when the job has at least that much; dispatchTime and finishTime when at or after', async (ctx) => {
      const job = await ctx.session.runJob(ctx.options.templates.succeed());
      await job.waitTerminated();
      const info = await job.getJobInfo();
      const only = async (filter: Parameters<typeof ctx.session.getJobs>[0]): Promise<string[]> =>
        (await ctx.session.getJobs(filter)).map((j) => j.id);
      if (info.cpuTime !== undefined) {
        expect(await only({ cpuTime: info.cpuTime })).toEqual([job.id]);
        expect(await only({ cpuTime: info.cpuTime + 10 * 365 * 24 * 3600 })).toEqual([]);
      }
      for (const key of ['dispatchTime', 'finishTime'] as const) {
        const at = info[key];
        expect(at, key).toBeInstanceOf(Date);
        expect(await only({ [key]: at })).toEqual([job.id]);
        expect(await only({ [key]: new Date(at!.getTime() - 60_000) })).toEqual([job.id]);
        expect(await only({ [key]: new Date(at!.getTime() + 3_600_000) })).toEqual([]);
      }
    });
  });
}
