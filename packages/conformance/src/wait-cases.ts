import { ErrorCode, JobState } from '@drmaa2/core';
import { describe, expect } from 'vitest';
import { backendFeatures, conformanceCase, expectCode } from './conformance-case.js';
import type { TrackerConformanceOptions } from './conformance-options.js';

/** §6: waits, timeouts in seconds, 0 and Infinity, abort, wait-any. */
export function describeWaitCases(options: TrackerConformanceOptions): void {
  const test = (title: string, body: Parameters<typeof conformanceCase>[2]): void => conformanceCase(options, title, body);

  describe('waiting (§6)', () => {
    test('waitStarted resolves once the job runs, with the job itself', async (ctx) => {
      const job = await ctx.session.runJob(ctx.long());
      await expect(job.waitStarted()).resolves.toBe(job);
      expect((await job.getState()).state).toBe(JobState.Running);
    });

    test('waitTerminated resolves once the job ended', async (ctx) => {
      const job = await ctx.session.runJob(ctx.short());
      await expect(job.waitTerminated(Infinity)).resolves.toBe(job);
      expect((await job.getState()).state).toBe(JobState.Done);
    });

    test('on a finished job, waitStarted and waitTerminated return at once, even with timeout 0', async (ctx) => {
      const job = await ctx.session.runJob(ctx.options.templates.succeed());
      await job.waitTerminated();
      await expect(job.waitStarted(0)).resolves.toBe(job);
      await expect(job.waitTerminated(0)).resolves.toBe(job);
    });

    test('timeout 0 checks once: TIMEOUT when the job is not there yet', async (ctx) => {
      const job = await ctx.session.runJob(ctx.queued());
      await expectCode(job.waitStarted(0), ErrorCode.Timeout);
      await expectCode(job.waitTerminated(0), ErrorCode.Timeout);
    });

    test('a timeout in seconds runs out with TIMEOUT and leaves the job alone', async (ctx) => {
      const job = await ctx.session.runJob(ctx.long());
      await expectCode(job.waitTerminated(1), ErrorCode.Timeout);
      expect((await job.getState()).state).not.toBe(JobState.Failed);
    });

    test('timeouts are seconds counted from the call, on the backend\'s clock', async (ctx) => {
      const queued = await ctx.session.runJob(ctx.queued());
      const start = ctx.now();
      await expectCode(queued.waitStarted(1), ErrorCode.Timeout);
      // Not milliseconds, not an absolute time: at least one second passed before TIMEOUT.
      expect(ctx.now() - start).toBeGreaterThanOrEqual(1000);
      // A timeout a minute longer than a short job is met; read as milliseconds it would not be.
      const short = await ctx.session.runJob(ctx.short());
      await expect(short.waitTerminated(ctx.options.shortSeconds + 60)).resolves.toBe(short);
    });

    test('waitStarted is met by the Started and Terminated states, waitTerminated only by DONE and FAILED', async (ctx) => {
      const held = await ctx.session.runJob({ ...ctx.long(), submitAsHold: true });
      const failed = await ctx.session.runJob(ctx.options.templates.exit(1));
      await failed.waitTerminated();
      await expectCode(held.waitStarted(0), ErrorCode.Timeout, 'waitStarted on QUEUED_HELD');
      await expect(failed.waitStarted(0)).resolves.toBe(failed);
      await expect(failed.waitTerminated(0)).resolves.toBe(failed);
      if (!(await backendFeatures(ctx)).controls.has('suspend')) return;
      const suspended = await ctx.session.runJob(ctx.long());
      await suspended.waitStarted();
      await ctx.untilState(suspended, JobState.Running);
      await suspended.suspend();
      await ctx.untilState(suspended, JobState.Suspended);
      await expect(suspended.waitStarted(0)).resolves.toBe(suspended);
      await expectCode(suspended.waitTerminated(0), ErrorCode.Timeout, 'waitTerminated on SUSPENDED');
    });

    test('a negative or non-numeric timeout is INVALID_ARGUMENT', async (ctx) => {
      const job = await ctx.session.runJob(ctx.long());
      await expectCode(job.waitStarted(-1), ErrorCode.InvalidArgument);
      await expectCode(job.waitTerminated(Number.NaN), ErrorCode.InvalidArgument);
    });

    test('an aborted wait rejects with the signal reason, not TIMEOUT', async (ctx) => {
      const job = await ctx.session.runJob(ctx.long());
      const controller = new AbortController();
      const reason = new DOMException('conformance abort', 'AbortError');
      const waiting = job.waitTerminated(Infinity, { signal: controller.signal });
      controller.abort(reason);
      await expect(waiting).rejects.toBe(reason);
      await expect(job.waitTerminated(Infinity, { signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
    });

    test('waits do not reap: JobInfo stays available after waitTerminated', async (ctx) => {
      const job = await ctx.session.runJob(ctx.options.templates.succeed());
      await job.waitTerminated();
      await job.waitTerminated();
      expect((await job.getJobInfo()).jobId).toBe(job.id);
      expect((await ctx.session.getJobs({ jobId: job.id })).length).toBe(1);
    });

    test('waitAnyStarted and waitAnyTerminated return a job of the list that got there', async (ctx) => {
      const stuck = await ctx.session.runJob(ctx.queued());
      const quick = await ctx.session.runJob(ctx.short());
      await expect(ctx.session.waitAnyStarted([stuck, quick])).resolves.toBe(quick);
      await expect(ctx.session.waitAnyTerminated([stuck, quick])).resolves.toBe(quick);
      await expectCode(ctx.session.waitAnyTerminated([stuck], 0), ErrorCode.Timeout);
    });

    test('waitAny returns at once when a job of the list already finished, even with timeout 0', async (ctx) => {
      const stuck = await ctx.session.runJob(ctx.queued());
      const finished = await ctx.session.runJob(ctx.options.templates.succeed());
      await finished.waitTerminated();
      await expect(ctx.session.waitAnyStarted([stuck, finished], 0)).resolves.toBe(finished);
      await expect(ctx.session.waitAnyTerminated([stuck, finished], 0)).resolves.toBe(finished);
    });

    test('waitAny with an empty list or another session\'s job is INVALID_ARGUMENT', async (ctx) => {
      const other = await ctx.sm.createJobSession();
      const foreign = await other.runJob(ctx.long());
      const own = await ctx.session.runJob(ctx.long());
      await expectCode(ctx.session.waitAnyStarted([]), ErrorCode.InvalidArgument);
      await expectCode(ctx.session.waitAnyTerminated([own, foreign]), ErrorCode.InvalidArgument);
    });
  });
}
