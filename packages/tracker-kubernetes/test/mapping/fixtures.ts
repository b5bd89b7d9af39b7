import { type ErrorCode, type JobTemplate, isDrmaa2Error } from '@drmaa2/core';
import { expect } from 'vitest';
import type { KubeContainer, KubePodSpec } from '../../src/kube-types.js';
import { type JobPlan, type JobPlanInput, type MappingOptions, planJob } from '../../src/mapping/index.js';
import { validatePlan } from './schema.js';

/** The submission time of every fixture. */
export const SUBMITTED_AT = new Date('2026-05-01T10:00:00.000Z');

/** Options with a default namespace and two priority classes. */
export const options: MappingOptions = { defaultNamespace: 'batch', priorityClasses: { '0': 'normal', '10': 'high' } };

/** A plan input around `template` (image busybox unless overridden). */
export function input(template: JobTemplate, extra: Partial<JobPlanInput> = {}): JobPlanInput {
  return {
    template: { remoteCommand: '/bin/echo', jobCategory: 'busybox:1.36', ...template },
    sessionName: 'nightly',
    objectName: 'drmaa2-abc123',
    submissionId: 'sub-1',
    submittedAt: SUBMITTED_AT,
    owner: 'alice',
    submissionMachine: 'laptop',
    ...extra,
  };
}

/** Plans `template`, checks the plan against the official schema, and returns it. */
export function plan(template: JobTemplate, extra: Partial<JobPlanInput> = {}, opts: MappingOptions = options): JobPlan {
  const result = planJob(input(template, extra), opts);
  validatePlan(result);
  return result;
}

/** The pod spec of a plan. */
export function podSpec(result: JobPlan): KubePodSpec {
  const spec = result.job.spec?.template?.spec;
  if (spec === undefined) throw new Error('plan without pod spec');
  return spec;
}

/** The job container of a plan. */
export function container(result: JobPlan): KubeContainer {
  const first = podSpec(result).containers[0];
  if (first === undefined) throw new Error('plan without container');
  return first;
}

/** Asserts that planning throws a Drmaa2Error with `code` whose message names `field`. */
export function expectRejected(template: JobTemplate, field: string, code: ErrorCode = 'INVALID_ARGUMENT', extra: Partial<JobPlanInput> = {}, opts: MappingOptions = options): void {
  let caught: unknown;
  try {
    planJob(input(template, extra), opts);
  } catch (error) {
    caught = error;
  }
  expect(isDrmaa2Error(caught, code), `expected ${code} for ${field}, got ${String(caught)}`).toBe(true);
  expect((caught as Error).message).toContain(`JobTemplate.${field}`);
}
