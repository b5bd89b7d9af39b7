import { ErrorCode, JobState } from '@drmaa2/core';
import { describe, expect } from 'vitest';
import { conformanceCase, expectCode } from './conformance-case.js';
import type { TrackerConformanceOptions } from './conformance-options.js';

/** §1 and §8: session management, persistence, close and destroy. */
export function describeSessionCases(options: TrackerConformanceOptions): void {
  const test = (title: string, body: Parameters<typeof conformanceCase>[2]): void => conformanceCase(options, title, body);

  describe('sessions (§1, §8)', () => {
    test('createJobSession without a name generates a unique one', async ({ sm }) => {
      const a = await sm.createJobSession();
      const b = await sm.createJobSession();
      expect(a.sessionName).not.toBe(b.sessionName);
      expect(await sm.getJobSessionNames()).toEqual(expect.arrayContaining([a.sessionName, b.sessionName]));
    });

    test('a taken name is INVALID_ARGUMENT', async ({ sm }) => {
      await sm.createJobSession('conformance-dup');
      await expectCode(sm.createJobSession('conformance-dup'), ErrorCode.InvalidArgument);
    });

    test('a malformed name is INVALID_ARGUMENT', async ({ sm }) => {
      await expectCode(sm.createJobSession('bad name/with slash'), ErrorCode.InvalidArgument);
      await expectCode(sm.createJobSession(''), ErrorCode.InvalidArgument);
    });

    test('openJobSession of an unknown name is INVALID_ARGUMENT', async ({ sm }) => {
      await expectCode(sm.openJobSession('conformance-never-created'), ErrorCode.InvalidArgument);
    });

    test('getContact returns the contact given at creation, also after reopening', async ({ sm }) => {
      const created = await sm.createJobSession('conformance-contact');
      const contact = created.getContact();
      expect(typeof contact).toBe('string');
      await created.close();
      expect((await sm.openJobSession('conformance-contact')).getContact()).toBe(contact);
    });

    test('close releases the handle only: a second close and later calls are INVALID_SESSION, jobs run on', async (ctx) => {
      const job = await ctx.session.runJob(ctx.long());
      await ctx.session.close();
      await expectCode(ctx.session.close(), ErrorCode.InvalidSession);
      await expectCode(ctx.session.runJob(ctx.long()), ErrorCode.InvalidSession);
      await expectCode(ctx.session.getJobs(), ErrorCode.InvalidSession);
      const reopened = await ctx.sm.openJobSession(ctx.session.sessionName);
      const [again] = await reopened.getJobs({ jobId: job.id });
      expect(again).toBeDefined();
      expect((await again!.getState()).state).not.toBe(JobState.Failed);
      await again!.terminate();
    });

    test('a reopened session returns its earlier jobs, terminated ones included', async (ctx) => {
      const done = await ctx.session.runJob(ctx.options.templates.succeed());
      await done.waitTerminated();
      const running = await ctx.session.runJob(ctx.long());
      await ctx.session.close();
      const other = ctx.newManager();
      const reopened = await other.openJobSession(ctx.session.sessionName);
      const ids = (await reopened.getJobs()).map((job) => job.id).sort();
      expect(ids).toEqual([done.id, running.id].sort());
      const [again] = await reopened.getJobs({ jobId: done.id });
      expect((await again!.getState()).state).toBe(JobState.Done);
      await (await reopened.getJobs({ jobId: running.id }))[0]!.terminate();
    });

    test('a persistent backend reopens the session and its jobs from a new plugin instance, as a new process would', async (ctx) => {
      const reconnect = ctx.subject.reconnect;
      if (!ctx.options.persistsAcrossPlugins || reconnect === undefined) return;
      const done = await ctx.session.runJob(ctx.options.templates.succeed());
      await done.waitTerminated();
      const running = await ctx.session.runJob(ctx.long());
      const contact = ctx.session.getContact();
      await ctx.session.close();
      const later = ctx.newManager(reconnect());
      expect(await later.getJobSessionNames()).toContain(ctx.session.sessionName);
      const reopened = await later.openJobSession(ctx.session.sessionName);
      expect(reopened.getContact()).toBe(contact);
      expect((await reopened.getJobs()).map((job) => job.id).sort()).toEqual([done.id, running.id].sort());
      const [again] = await reopened.getJobs({ jobId: done.id });
      expect((await again!.getState()).state).toBe(JobState.Done);
      expect((await again!.getJobTemplate()).remoteCommand).toBe(ctx.options.templates.succeed().remoteCommand);
      await (await reopened.getJobs({ jobId: running.id }))[0]!.terminate();
    });

    test('destroyJobSession removes the session, invalidates open handles, and does not terminate jobs', async (ctx) => {
      const job = await ctx.session.runJob(ctx.long());
      await job.waitStarted();
      await ctx.sm.destroyJobSession(ctx.session.sessionName);
      expect(await ctx.sm.getJobSessionNames()).not.toContain(ctx.session.sessionName);
      await expectCode(ctx.session.getJobs(), ErrorCode.InvalidSession);
      await expectCode(ctx.sm.openJobSession(ctx.session.sessionName), ErrorCode.InvalidArgument);
      const monitoring = await ctx.sm.openMonitoringSession();
      const [seen] = await monitoring.getAllJobs({ jobId: job.id });
      expect(seen).toBeDefined();
      expect((await seen!.getState()).state).toBe(JobState.Running);
    });

    test('destroyJobSession of an unknown name is INVALID_ARGUMENT', async ({ sm }) => {
      await expectCode(sm.destroyJobSession('conformance-never-created'), ErrorCode.InvalidArgument);
    });

    test('getDrmsName and getDrmsVersion describe the backend', async ({ sm }) => {
      expect((await sm.getDrmsName()).length).toBeGreaterThan(0);
      const version = await sm.getDrmsVersion();
      expect(typeof version.major).toBe('string');
      expect(typeof version.minor).toBe('string');
    });

    test('getJobCategories lists strings', async ({ session }) => {
      const categories = await session.getJobCategories();
      expect(Array.isArray(categories)).toBe(true);
      for (const category of categories) expect(typeof category).toBe('string');
    });
  });
}
