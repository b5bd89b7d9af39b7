import { Capability, ErrorCode, JobState, type Job, type JobControl } from '@drmaa2/core';
import { describe, expect } from 'vitest';
import { backendFeatures, conformanceCase, expectCode } from './conformance-case.js';
import type { ConformanceContext } from './conformance-context.js';
import type { TrackerConformanceOptions } from './conformance-options.js';

async function stateOf(job: Job): Promise<JobState> {
  return (await job.getState()).state;
}

/** Runs `body` when the backend has all `controls`; otherwise asserts `UNSUPPORTED_OPERATION` from `probe`. */
async function withControls(
  ctx: ConformanceContext,
  controls: readonly ('suspend' | 'resume' | 'hold' | 'release' | 'terminate')[],
  probe: (job: Job) => Promise<unknown>,
  body: () => Promise<void>,
): Promise<void> {
  const features = await backendFeatures(ctx);
  if (controls.every((control) => features.controls.has(control))) {
    await body();
    return;
  }
  const job = await ctx.session.runJob(ctx.long());
  await expectCode(probe(job), ErrorCode.UnsupportedOperation);
}

/** The specification's nine job states, by name (reference §5). */
const specStates = ['UNDETERMINED', 'QUEUED', 'QUEUED_HELD', 'RUNNING', 'SUSPENDED', 'REQUEUED', 'REQUEUED_HELD', 'DONE', 'FAILED'];

/**
 * The source states of each control, copied from the specification's table (reference §5) rather
 * than from core, so the suite checks core instead of echoing it.
 */
const sourceStates: Record<JobControl, readonly JobState[]> = {
  suspend: [JobState.Running],
  resume: [JobState.Suspended],
  hold: [JobState.Queued, JobState.Requeued],
  release: [JobState.QueuedHeld, JobState.RequeuedHeld],
  terminate: [JobState.Queued, JobState.QueuedHeld, JobState.Running, JobState.Suspended, JobState.Requeued, JobState.RequeuedHeld],
};

function runControl(job: Job, control: JobControl): Promise<void> {
  switch (control) {
    case 'suspend':
      return job.suspend();
    case 'resume':
      return job.resume();
    case 'hold':
      return job.hold();
    case 'release':
      return job.release();
    case 'terminate':
      return job.terminate();
  }
}

/** §5: the state machine and the preconditions of every job control. */
export function describeStateCases(options: TrackerConformanceOptions): void {
  const test = (title: string, body: Parameters<typeof conformanceCase>[2]): void => conformanceCase(options, title, body);

  describe('job states and control (§5)', () => {
    test('a job goes QUEUED > RUNNING > DONE, each reported once', async (ctx) => {
      const job = await ctx.session.runJob(ctx.short());
      await job.waitTerminated();
      await ctx.untilState(job, JobState.Done);
      expect(ctx.statesOf(job)).toEqual([JobState.Queued, JobState.Running, JobState.Done]);
    });

    test('a non-zero exit ends FAILED', async (ctx) => {
      const job = await ctx.session.runJob(ctx.options.templates.exit(1));
      await job.waitTerminated();
      expect(await stateOf(job)).toBe(JobState.Failed);
    });

    test('a job that cannot start ends FAILED', async (ctx) => {
      const template = ctx.options.templates.cannotStart?.();
      if (template === undefined) return;
      const job = await ctx.session.runJob(template);
      await job.waitTerminated();
      expect(await stateOf(job)).toBe(JobState.Failed);
    });

    test('submitAsHold starts QUEUED_HELD; release lets it run', async (ctx) => {
      await withControls(ctx, ['release'], (job) => job.release(), async () => {
        const job = await ctx.session.runJob({ ...ctx.short(), submitAsHold: true });
        expect(await stateOf(job)).toBe(JobState.QueuedHeld);
        await job.release();
        await job.waitTerminated();
        expect(await stateOf(job)).toBe(JobState.Done);
        expect(ctx.statesOf(job)[0]).toBe(JobState.QueuedHeld);
        expect(ctx.statesOf(job)).toContain(JobState.Running);
      });
    });

    test('a job whose startTime is ahead stays QUEUED; hold and release move it between QUEUED and QUEUED_HELD', async (ctx) => {
      await withControls(ctx, ['hold', 'release'], (job) => job.hold(), async () => {
        const job = await ctx.session.runJob(ctx.queued());
        expect(await stateOf(job)).toBe(JobState.Queued);
        await job.hold();
        await ctx.untilState(job, JobState.QueuedHeld);
        expect(await stateOf(job)).toBe(JobState.QueuedHeld);
        await job.release();
        await expect(job.waitStarted(0)).rejects.toMatchObject({ code: ErrorCode.Timeout });
        expect(await stateOf(job)).toBe(JobState.Queued);
      });
    });

    test('suspend and resume move a RUNNING job to SUSPENDED and back', async (ctx) => {
      await withControls(ctx, ['suspend', 'resume'], (job) => job.suspend(), async () => {
        const job = await ctx.session.runJob(ctx.long());
        await job.waitStarted();
        await ctx.untilState(job, JobState.Running);
        await job.suspend();
        await ctx.untilState(job, JobState.Suspended);
        expect(await stateOf(job)).toBe(JobState.Suspended);
        await job.resume();
        await ctx.untilState(job, JobState.Running, 2);
        expect(await stateOf(job)).toBe(JobState.Running);
        // A backend that restarts a resumed job (Kubernetes does) may report it REQUEUED meanwhile.
        const states = ctx.statesOf(job).filter((state) => state !== JobState.Requeued);
        expect(states).toEqual([JobState.Queued, JobState.Running, JobState.Suspended, JobState.Running]);
      });
    });

    test('terminate ends a RUNNING job FAILED, not UNDETERMINED', async (ctx) => {
      await withControls(ctx, ['terminate'], (job) => job.terminate(), async () => {
        const job = await ctx.session.runJob(ctx.long());
        await job.waitStarted();
        await job.terminate();
        await job.waitTerminated();
        expect(await stateOf(job)).toBe(JobState.Failed);
      });
    });

    test('terminate cancels QUEUED and QUEUED_HELD jobs: they end FAILED', async (ctx) => {
      await withControls(ctx, ['terminate'], (job) => job.terminate(), async () => {
        const queued = await ctx.session.runJob(ctx.queued());
        const held = await ctx.session.runJob({ ...ctx.long(), submitAsHold: true });
        await queued.terminate();
        await held.terminate();
        await queued.waitTerminated();
        await held.waitTerminated();
        expect(await stateOf(queued)).toBe(JobState.Failed);
        expect(await stateOf(held)).toBe(JobState.Failed);
        expect(ctx.statesOf(queued)).not.toContain(JobState.Running);
      });
    });

    test('controls in the wrong state are INVALID_STATE', async (ctx) => {
      const features = await backendFeatures(ctx);
      const queued = await ctx.session.runJob(ctx.queued());
      const running = await ctx.session.runJob(ctx.long());
      const done = await ctx.session.runJob(ctx.options.templates.succeed());
      await running.waitStarted();
      await done.waitTerminated();
      const cases: [string, Promise<void>][] = [];
      if (features.controls.has('suspend')) cases.push(['suspend QUEUED', queued.suspend()]);
      if (features.controls.has('resume')) cases.push(['resume RUNNING', running.resume()]);
      if (features.controls.has('hold')) cases.push(['hold RUNNING', running.hold()]);
      if (features.controls.has('release')) cases.push(['release QUEUED', queued.release()]);
      if (features.controls.has('terminate')) cases.push(['terminate DONE', done.terminate()]);
      cases.push(['reap RUNNING', running.reap()], ['reap QUEUED', queued.reap()]);
      for (const [, attempt] of cases) await expectCode(attempt, ErrorCode.InvalidState);
    });

    test('every control outside its source states is INVALID_STATE and leaves the job as it was', async (ctx) => {
      const features = await backendFeatures(ctx);
      const queued = await ctx.session.runJob(ctx.queued());
      const held = await ctx.session.runJob({ ...ctx.long(), submitAsHold: true });
      const running = await ctx.session.runJob(ctx.long());
      const done = await ctx.session.runJob(ctx.options.templates.succeed());
      const failed = await ctx.session.runJob(ctx.options.templates.exit(1));
      await running.waitStarted();
      await done.waitTerminated();
      await failed.waitTerminated();
      const subjects: [JobState, Job][] = [
        [JobState.Queued, queued],
        [JobState.QueuedHeld, held],
        [JobState.Running, running],
        [JobState.Done, done],
        [JobState.Failed, failed],
      ];
      if (features.controls.has('suspend')) {
        const suspended = await ctx.session.runJob(ctx.long());
        await suspended.waitStarted();
        await ctx.untilState(suspended, JobState.Running);
        await suspended.suspend();
        await ctx.untilState(suspended, JobState.Suspended);
        subjects.push([JobState.Suspended, suspended]);
      }
      for (const [state, job] of subjects) {
        expect(await stateOf(job), `the ${state} job before the controls`).toBe(state);
        for (const control of Object.keys(sourceStates) as JobControl[]) {
          if (!features.controls.has(control) || sourceStates[control].includes(state)) continue;
          await expectCode(runControl(job, control), ErrorCode.InvalidState, `${control} on ${state}`);
        }
        if (state !== JobState.Done && state !== JobState.Failed) {
          await expectCode(job.reap(), ErrorCode.InvalidState, `reap on ${state}`);
        }
        expect(await stateOf(job), `the ${state} job after the refused controls`).toBe(state);
      }
    });

    test('terminate ends a SUSPENDED job FAILED', async (ctx) => {
      const features = await backendFeatures(ctx);
      const job = await ctx.session.runJob(ctx.long());
      await job.waitStarted();
      if (!features.controls.has('suspend') || !features.controls.has('terminate')) {
        const missing = features.controls.has('suspend') ? job.terminate() : job.suspend();
        await expectCode(missing, ErrorCode.UnsupportedOperation);
        return;
      }
      await ctx.untilState(job, JobState.Running);
      await job.suspend();
      await ctx.untilState(job, JobState.Suspended);
      await job.terminate();
      await job.waitTerminated();
      expect(await stateOf(job)).toBe(JobState.Failed);
      expect(ctx.statesOf(job)).not.toContain(JobState.Done);
    });

    test('a job ended by terminate is FAILED and names the signal in terminatingSignal', async (ctx) => {
      await withControls(ctx, ['terminate'], (job) => job.terminate(), async () => {
        const job = await ctx.session.runJob(ctx.long());
        await job.waitStarted();
        await job.terminate();
        await job.waitTerminated();
        const info = await job.getJobInfo();
        expect(info.jobState).toBe(JobState.Failed);
        expect(info.terminatingSignal).toMatch(/^SIG[A-Z0-9]+$/);
      });
    });

    test('every state reported is one of the nine DRMAA2 states, by the specification\'s name', async (ctx) => {
      expect(Object.values(JobState).sort()).toEqual([...specStates].sort());
      const jobs = [
        await ctx.session.runJob(ctx.short()),
        await ctx.session.runJob(ctx.options.templates.exit(1)),
        await ctx.session.runJob(ctx.queued()),
        await ctx.session.runJob({ ...ctx.long(), submitAsHold: true }),
      ];
      await jobs[0]!.waitTerminated();
      await jobs[1]!.waitTerminated();
      for (const job of jobs) {
        expect(specStates).toContain(await stateOf(job));
        expect(specStates).toContain((await job.getJobInfo()).jobState);
      }
      expect(ctx.events.length).toBeGreaterThan(0);
      for (const event of ctx.events) expect(specStates).toContain(event.jobState);
    });

    test('reap removes a terminated job: gone from getJobs, and the handle is INVALID_ARGUMENT', async (ctx) => {
      const job = await ctx.session.runJob(ctx.options.templates.succeed());
      await job.waitTerminated();
      await job.reap();
      expect(await ctx.session.getJobs({ jobId: job.id })).toEqual([]);
      await expectCode(job.getState(), ErrorCode.InvalidArgument);
      await expectCode(job.getJobInfo(), ErrorCode.InvalidArgument);
      await expectCode(job.reap(), ErrorCode.InvalidArgument);
    });

    test('reap removes a FAILED job too; its template is gone with it', async (ctx) => {
      const job = await ctx.session.runJob(ctx.options.templates.exit(1));
      await job.waitTerminated();
      expect(await stateOf(job)).toBe(JobState.Failed);
      await job.reap();
      expect(await ctx.session.getJobs({ jobId: job.id })).toEqual([]);
      await expectCode(job.getJobTemplate(), ErrorCode.InvalidArgument);
      await expectCode(job.waitTerminated(0), ErrorCode.InvalidArgument);
    });

    test('a requeued rerunnable job is REQUEUED; hold and release move it to REQUEUED_HELD and back', async (ctx) => {
      const requeue = ctx.subject.requeue;
      if (requeue === undefined) return;
      const job = await ctx.session.runJob({ ...ctx.long(), rerunnable: true });
      await job.waitStarted();
      await requeue(job.id);
      await ctx.untilState(job, JobState.Requeued);
      const features = await backendFeatures(ctx);
      if (features.controls.has('hold') && (await stateOf(job)) === JobState.Requeued) {
        await job.hold();
        await ctx.untilState(job, JobState.RequeuedHeld);
        await job.release();
      }
      await job.waitStarted();
      expect(ctx.statesOf(job).filter((s) => s === JobState.Running).length).toBe(2);
    });

    test('deadlineTime ends a job that is still running then, FAILED', async (ctx) => {
      if (!(await ctx.sm.supports(Capability.JtDeadline))) return;
      const job = await ctx.session.runJob({ ...ctx.long(), deadlineTime: new Date(ctx.now() + 2_000) });
      await job.waitTerminated();
      expect(await stateOf(job)).toBe(JobState.Failed);
    });
  });
}
