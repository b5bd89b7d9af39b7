import { ErrorCode, JobState } from '@drmaa2/core';
import { describe, expect } from 'vitest';
import { conformanceCase, expectCode } from './conformance-case.js';
import type { TrackerConformanceOptions } from './conformance-options.js';

/** §1 MonitoringSession: every job, machines and queues. */
export function describeMonitoringCases(options: TrackerConformanceOptions): void {
  const test = (title: string, body: Parameters<typeof conformanceCase>[2]): void => conformanceCase(options, title, body);

  describe('monitoring', () => {
    test('getAllJobs sees the jobs of every session, with filters', async (ctx) => {
      const other = await ctx.sm.createJobSession();
      const a = await ctx.session.runJob(ctx.long());
      const b = await other.runJob(ctx.options.templates.succeed());
      await b.waitTerminated();
      const monitoring = await ctx.sm.openMonitoringSession();
      const ids = (await monitoring.getAllJobs()).map((job) => job.id);
      expect(ids).toEqual(expect.arrayContaining([a.id, b.id]));
      expect((await monitoring.getAllJobs({ jobId: b.id, jobState: JobState.Done })).map((j) => j.id)).toEqual([b.id]);
    });

    test('jobs seen through monitoring are read-only', async (ctx) => {
      const job = await ctx.session.runJob(ctx.options.templates.succeed());
      await job.waitTerminated();
      const monitoring = await ctx.sm.openMonitoringSession();
      const [seen] = await monitoring.getAllJobs({ jobId: job.id });
      expect((await seen!.getState()).state).toBe(JobState.Done);
      await expectCode(seen!.reap(), ErrorCode.UnsupportedOperation);
    });

    test('getAllMachines and getAllQueues list the backend; names restrict, unknown names are absent', async (ctx) => {
      const monitoring = await ctx.sm.openMonitoringSession();
      const machines = await monitoring.getAllMachines();
      expect(machines.length).toBeGreaterThan(0);
      const first = machines[0]!;
      expect(typeof first.available).toBe('boolean');
      expect((await monitoring.getAllMachines([first.name, 'conformance-no-such-machine'])).map((m) => m.name)).toEqual([first.name]);
      const queues = await monitoring.getAllQueues();
      expect(queues.length).toBeGreaterThan(0);
      expect(await monitoring.getAllQueues(['conformance-no-such-queue'])).toEqual([]);
    });

    test('a closed monitoring session is INVALID_SESSION', async (ctx) => {
      const monitoring = await ctx.sm.openMonitoringSession();
      await monitoring.close();
      await expectCode(monitoring.getAllJobs(), ErrorCode.InvalidSession);
      await expectCode(monitoring.close(), ErrorCode.InvalidSession);
    });
  });
}
