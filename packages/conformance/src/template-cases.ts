import { Capability, ErrorCode, type JobTemplate } from '@drmaa2/core';
import { describe, expect } from 'vitest';
import { backendFeatures, conformanceCase, expectCode } from './conformance-case.js';
import type { ConformanceContext } from './conformance-context.js';
import type { TrackerConformanceOptions } from './conformance-options.js';

async function expectNothingCreated(ctx: ConformanceContext, attempt: Promise<unknown>, code: ErrorCode): Promise<void> {
  const monitoring = await ctx.sm.openMonitoringSession();
  const before = (await monitoring.getAllJobs()).length;
  await expectCode(attempt, code);
  expect(await ctx.session.getJobs()).toEqual([]);
  expect((await monitoring.getAllJobs()).length).toBe(before);
}

const optionalAttributes: readonly [Capability, Partial<JobTemplate>][] = [
  [Capability.JtEmail, { email: ['ops@example.org'] }],
  [Capability.JtEmail, { emailOnStarted: true }],
  [Capability.JtStaging, { stageInFiles: { '/tmp/in': '/tmp/in' } }],
  [Capability.JtDeadline, { deadlineTime: new Date(Date.UTC(2100, 0, 1)) }],
  [Capability.JtMaxSlots, { maxSlots: 1 }],
  [Capability.JtAccountingId, { accountingId: 'project-a' }],
];

/** §2 and §3: templates, unsupported attributes, placeholders. Invalid templates create nothing. */
export function describeTemplateCases(options: TrackerConformanceOptions): void {
  const test = (title: string, body: Parameters<typeof conformanceCase>[2]): void => conformanceCase(options, title, body);

  describe('job templates (§2, §3)', () => {
    test('a template without remoteCommand is INVALID_ARGUMENT and creates nothing', async (ctx) => {
      const { remoteCommand: _omitted, ...rest } = ctx.options.templates.succeed();
      await expectNothingCreated(ctx, ctx.session.runJob(rest), ErrorCode.InvalidArgument);
    });

    test('values of the wrong type or range are INVALID_ARGUMENT and create nothing', async (ctx) => {
      const base = ctx.options.templates.succeed();
      const bad: object[] = [
        { args: 'not-a-list' },
        { minSlots: 0 },
        { minPhysMemory: -1 },
        { priority: 1.5 },
        { machineOS: 'PLAN9' },
        { machineArch: 'Z80' },
        { startTime: new Date(Number.NaN) },
        { resourceLimits: { NOT_A_LIMIT: 1 } },
        { jobEnvironment: { GOOD: 1 } },
        { notAnAttribute: true },
      ];
      for (const attributes of bad) {
        await expectNothingCreated(ctx, ctx.session.runJob({ ...base, ...attributes }), ErrorCode.InvalidArgument);
      }
    });

    test('an unknown extension key is INVALID_ARGUMENT', async (ctx) => {
      const template = { ...ctx.options.templates.succeed(), extensions: { 'conformance-no-such-extension': 'x' } };
      await expectNothingCreated(ctx, ctx.session.runJob(template), ErrorCode.InvalidArgument);
    });

    test('an optional attribute without its capability is UNSUPPORTED_ATTRIBUTE; with it, accepted', async (ctx) => {
      const features = await backendFeatures(ctx);
      for (const [capability, attributes] of optionalAttributes) {
        const template = { ...ctx.options.templates.succeed(), ...attributes };
        expect(await ctx.sm.supports(capability)).toBe(features.has(capability));
        if (features.has(capability)) {
          const job = await ctx.session.runJob({ ...template, ...ctx.options.capabilityAttributes?.[capability] });
          await job.terminate().catch(() => undefined);
        } else {
          await expectNothingCreated(ctx, ctx.session.runJob(template), ErrorCode.UnsupportedAttribute);
        }
      }
    });

    test('a reservationId without ADVANCE_RESERVATION is INVALID_ARGUMENT', async (ctx) => {
      if (await ctx.sm.supports(Capability.AdvanceReservation)) return;
      const template = { ...ctx.options.templates.succeed(), reservationId: 'r-1' };
      await expectNothingCreated(ctx, ctx.session.runJob(template), ErrorCode.InvalidArgument);
    });

    test('a jobCategory outside the valid ones is INVALID_ARGUMENT when the backend restricts categories', async (ctx) => {
      const tracker = await ctx.subject.plugin.connect();
      const valid = await tracker.jobCategories().finally(() => tracker.close());
      const listed = await ctx.session.getJobCategories();
      if (valid === undefined) return;
      expect(listed).toEqual([...valid]);
      const template = { ...ctx.options.templates.succeed(), jobCategory: 'conformance-no-such-category' };
      await expectNothingCreated(ctx, ctx.session.runJob(template), ErrorCode.InvalidArgument);
    });

    test('placeholders: HOME only at the start, WORKING_DIR not in workingDirectory, INDEX only in bulk jobs', async (ctx) => {
      const base = ctx.options.templates.succeed();
      const bad: Partial<JobTemplate>[] = [
        { outputPath: '/x/$DRMAA2_HOME_DIR$/out' },
        { workingDirectory: '$DRMAA2_WORKING_DIR$/w' },
        { errorPath: '/x/$DRMAA2_WORKING_DIR$' },
        { outputPath: '/tmp/out.$DRMAA2_INDEX$' },
        { inputPath: '$DRMAA2_NOT_A_PLACEHOLDER$' },
      ];
      for (const attributes of bad) {
        await expectNothingCreated(ctx, ctx.session.runJob({ ...base, ...attributes }), ErrorCode.InvalidArgument);
      }
    });

    test('getJobTemplate returns what was submitted, and later edits of the caller do not reach it', async (ctx) => {
      const env: Record<string, string> = { CONFORMANCE: 'yes' };
      const template: JobTemplate = { ...ctx.options.templates.succeed(), jobName: 'conformance-template', jobEnvironment: env };
      const job = await ctx.session.runJob(template);
      env.CONFORMANCE = 'changed';
      const stored = await job.getJobTemplate();
      expect(stored.remoteCommand).toBe(template.remoteCommand);
      expect(stored.args ?? []).toEqual(template.args ?? []);
      expect(stored.jobName).toBe('conformance-template');
      expect(stored.jobEnvironment).toMatchObject({ CONFORMANCE: 'yes' });
    });
  });
}
