import { Capability, ErrorCode, JobState, isTerminal, type EventNotification } from '@drmaa2/core';
import { describe, expect } from 'vitest';
import { backendFeatures, conformanceCase, expectCode } from './conformance-case.js';
import type { TrackerConformanceOptions } from './conformance-options.js';

function mostRunningAtOnce(events: readonly EventNotification[], jobIds: ReadonlySet<string>): number {
  const running = new Set<string>();
  let most = 0;
  for (const event of events) {
    if (!jobIds.has(event.jobId)) continue;
    if (event.jobState === JobState.Running || event.jobState === JobState.Suspended) running.add(event.jobId);
    else running.delete(event.jobId);
    most = Math.max(most, running.size);
  }
  return most;
}

/** Bulk jobs (§1 runBulkJobs, §3 bulk placeholders): indices, templates, maxParallel, array control. */
export function describeBulkCases(options: TrackerConformanceOptions): void {
  const test = (title: string, body: Parameters<typeof conformanceCase>[2]): void => conformanceCase(options, title, body);

  describe('bulk jobs', () => {
    test('indices run begin, begin+step, ... up to end; each member gets its own $DRMAA2_INDEX$', async (ctx) => {
      const template = { ...ctx.options.templates.succeed(), outputPath: '/tmp/conformance.$DRMAA2_INDEX$.out' };
      const array = await ctx.session.runBulkJobs(template, 2, 9, 3);
      const jobs = array.getJobs();
      expect(jobs.length).toBe(3);
      const paths = await Promise.all(jobs.map(async (job) => (await job.getJobTemplate()).outputPath));
      expect(paths).toEqual(['/tmp/conformance.2.out', '/tmp/conformance.5.out', '/tmp/conformance.8.out']);
      expect((await array.getJobTemplate()).outputPath).toBe('/tmp/conformance.$DRMAA2_INDEX$.out');
      for (const job of jobs) expect(job.sessionName).toBe(ctx.session.sessionName);
    });

    test('getJobArray returns the same members; getJobs lists them', async (ctx) => {
      const array = await ctx.session.runBulkJobs(ctx.long(), 1, 3, 1);
      const again = await ctx.session.getJobArray(array.id);
      expect(again.getJobs().map((j) => j.id)).toEqual(array.getJobs().map((j) => j.id));
      const listed = new Set((await ctx.session.getJobs()).map((j) => j.id));
      for (const job of array.getJobs()) expect(listed.has(job.id)).toBe(true);
    });

    test('maxParallel is honoured: never more members running at once', async (ctx) => {
      const template = ctx.short();
      if (!(await ctx.sm.supports(Capability.BulkJobsMaxParallel))) {
        await expectCode(ctx.session.runBulkJobs(template, 1, 6, 1, 2), ErrorCode.UnsupportedOperation);
        return;
      }
      const array = await ctx.session.runBulkJobs(template, 1, 6, 1, 2);
      for (const job of array.getJobs()) await job.waitTerminated();
      const ids = new Set(array.getJobs().map((job) => job.id));
      expect(mostRunningAtOnce(ctx.events, ids)).toBe(2);
      for (const job of array.getJobs()) expect((await job.getState()).state).toBe(JobState.Done);
    });

    test('a rejected template submits no member at all', async (ctx) => {
      const monitoring = await ctx.sm.openMonitoringSession();
      const before = (await monitoring.getAllJobs()).length;
      const bad = [
        { ...ctx.options.templates.succeed(), minSlots: 0 },
        { ...ctx.options.templates.succeed(), outputPath: '/tmp/$DRMAA2_INDEX$/$DRMAA2_HOME_DIR$' },
      ];
      for (const template of bad) await expectCode(ctx.session.runBulkJobs(template, 1, 3, 1), ErrorCode.InvalidArgument);
      expect(await ctx.session.getJobs()).toEqual([]);
      expect((await monitoring.getAllJobs()).length).toBe(before);
    });

    test('maxParallel below 1 is INVALID_ARGUMENT', async (ctx) => {
      await expectCode(ctx.session.runBulkJobs(ctx.short(), 1, 2, 1, 0), ErrorCode.InvalidArgument);
    });

    test('array controls apply to every member; reap needs all members terminated', async (ctx) => {
      const features = await backendFeatures(ctx);
      const array = await ctx.session.runBulkJobs(ctx.long(), 1, 3, 1);
      await expectCode(array.reap(), ErrorCode.InvalidState);
      if (!features.controls.has('terminate')) {
        await expectCode(array.terminate(), ErrorCode.UnsupportedOperation);
        return;
      }
      await array.terminate();
      for (const job of array.getJobs()) await job.waitTerminated();
      for (const job of array.getJobs()) expect(isTerminal((await job.getState()).state)).toBe(true);
      await expectCode(array.terminate(), ErrorCode.InvalidState);
      await array.reap();
      expect(await ctx.session.getJobs()).toEqual([]);
      await expectCode(ctx.session.getJobArray(array.id), ErrorCode.InvalidArgument);
    });

    test('a held array is released member by member', async (ctx) => {
      const features = await backendFeatures(ctx);
      if (!features.controls.has('release')) return;
      const array = await ctx.session.runBulkJobs({ ...ctx.short(), submitAsHold: true }, 1, 2, 1);
      for (const job of array.getJobs()) expect((await job.getState()).state).toBe(JobState.QueuedHeld);
      await array.release();
      for (const job of array.getJobs()) await job.waitTerminated();
      for (const job of array.getJobs()) expect((await job.getState()).state).toBe(JobState.Done);
    });
  });
}
