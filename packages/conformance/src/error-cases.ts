import { Drmaa2Error, ErrorCode, JobState, isDrmaa2Error } from '@drmaa2/core';
import { describe, expect } from 'vitest';
import { conformanceCase, expectCode } from './conformance-case.js';
import type { TrackerConformanceOptions } from './conformance-options.js';

/** The specification's error codes, by name (reference §7); SUCCESS is C only. */
const specCodes = [
  'DENIED_BY_DRMS', 'DRM_COMMUNICATION', 'TRY_LATER', 'SESSION_MANAGEMENT', 'TIMEOUT', 'INTERNAL',
  'INVALID_ARGUMENT', 'INVALID_SESSION', 'INVALID_STATE', 'OUT_OF_RESOURCE', 'UNSUPPORTED_ATTRIBUTE',
  'UNSUPPORTED_OPERATION', 'IMPLEMENTATION_SPECIFIC',
];

/** The codes only a backend fault raises: core must pass them through unchanged. */
const faultCodes = [
  ErrorCode.DeniedByDrms, ErrorCode.DrmCommunication, ErrorCode.TryLater, ErrorCode.SessionManagement,
  ErrorCode.Internal, ErrorCode.OutOfResource, ErrorCode.ImplementationSpecific,
] as const;

/** §7: the error codes, raised where the specification says. */
export function describeErrorCases(options: TrackerConformanceOptions): void {
  const test = (title: string, body: Parameters<typeof conformanceCase>[2]): void => conformanceCase(options, title, body);

  describe('errors (§7)', () => {
    test('errors are Drmaa2Errors whose code is the specification\'s name and whose message names the field', async (ctx) => {
      let caught: unknown;
      try {
        await ctx.session.runJob({ ...ctx.options.templates.succeed(), minSlots: -4 });
      } catch (error) {
        caught = error;
      }
      expect(isDrmaa2Error(caught, ErrorCode.InvalidArgument)).toBe(true);
      expect((caught as Drmaa2Error).code).toBe('INVALID_ARGUMENT');
      expect((caught as Drmaa2Error).message).toContain('minSlots');
    });

    test('ErrorCode holds exactly the specification\'s thirteen codes, by name, and isDrmaa2Error tells them apart', async () => {
      expect(Object.values(ErrorCode).sort()).toEqual([...specCodes].sort());
      for (const code of Object.values(ErrorCode)) {
        const error = new Drmaa2Error(code, `conformance ${code}`);
        expect(isDrmaa2Error(error, code)).toBe(true);
        expect(isDrmaa2Error(error, code === ErrorCode.Timeout ? ErrorCode.Internal : ErrorCode.Timeout)).toBe(false);
      }
      expect(isDrmaa2Error(Object.assign(new Error('look-alike'), { code: ErrorCode.Timeout }))).toBe(false);
    });

    test('backend faults (DENIED_BY_DRMS, DRM_COMMUNICATION, TRY_LATER, SESSION_MANAGEMENT, INTERNAL, OUT_OF_RESOURCE, IMPLEMENTATION_SPECIFIC) reach the caller with their code and cause; nothing is created; jobs run on', async (ctx) => {
      const fault = ctx.subject.fault;
      if (fault === undefined) return;
      const job = await ctx.session.runJob(ctx.long());
      await job.waitStarted();
      for (const code of faultCodes) {
        const cause = new Error(`conformance backend fault ${code}`);
        await fault(new Drmaa2Error(code, `conformance: simulated ${code}`, { cause }));
        let caught: unknown;
        await ctx.session.runJob(ctx.options.templates.succeed()).catch((error: unknown) => (caught = error));
        expect(isDrmaa2Error(caught, code), `runJob during ${code}`).toBe(true);
        expect((caught as Drmaa2Error).cause).toBe(cause);
        await expectCode(job.getState(), code, `getState during ${code}`);
        await expectCode(ctx.sm.getJobSessionNames(), code, `getJobSessionNames during ${code}`);
        await fault(undefined);
      }
      expect((await ctx.session.getJobs()).map((j) => j.id)).toEqual([job.id]);
      expect((await job.getState()).state).toBe(JobState.Running);
    });

    test('INVALID_ARGUMENT: bad bulk indices create nothing', async (ctx) => {
      const template = ctx.options.templates.succeed();
      await expectCode(ctx.session.runBulkJobs(template, 0, 3, 1), ErrorCode.InvalidArgument);
      await expectCode(ctx.session.runBulkJobs(template, 5, 4, 1), ErrorCode.InvalidArgument);
      await expectCode(ctx.session.runBulkJobs(template, 1, 4, 0), ErrorCode.InvalidArgument);
      await expectCode(ctx.session.runBulkJobs(template, 1.5, 4, 1), ErrorCode.InvalidArgument);
      expect(await ctx.session.getJobs()).toEqual([]);
    });

    test('INVALID_ARGUMENT: an array id the session does not hold', async (ctx) => {
      await expectCode(ctx.session.getJobArray('conformance-no-such-array'), ErrorCode.InvalidArgument);
      const other = await ctx.sm.createJobSession();
      const array = await other.runBulkJobs(ctx.options.templates.succeed(), 1, 2, 1);
      await expectCode(ctx.session.getJobArray(array.id), ErrorCode.InvalidArgument);
    });

    test('INVALID_SESSION: a closed session handle', async (ctx) => {
      await ctx.session.close();
      await expectCode(ctx.session.runJob(ctx.options.templates.succeed()), ErrorCode.InvalidSession);
      await expectCode(ctx.session.getJobArray('x'), ErrorCode.InvalidSession);
      expect(() => ctx.session.getContact()).toThrow(expect.objectContaining({ code: ErrorCode.InvalidSession }) as Error);
    });

    test('UNSUPPORTED_OPERATION: getAllReservations without ADVANCE_RESERVATION', async (ctx) => {
      const monitoring = await ctx.sm.openMonitoringSession();
      await expectCode(monitoring.getAllReservations(), ErrorCode.UnsupportedOperation);
    });

    test('TIMEOUT is distinct from abort, INVALID_STATE from INVALID_ARGUMENT', async (ctx) => {
      const job = await ctx.session.runJob(ctx.queued());
      await expectCode(job.waitStarted(0), ErrorCode.Timeout);
      await expectCode(job.reap(), ErrorCode.InvalidState);
    });
  });
}
