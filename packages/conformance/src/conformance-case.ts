import { type Capability, ErrorCode, isDrmaa2Error, type JobControl } from '@drmaa2/core';
import { expect, it } from 'vitest';
import { createContext, type ConformanceContext } from './conformance-context.js';
import type { TrackerConformanceOptions } from './conformance-options.js';

/** A conformance case body. */
export type CaseBody = (ctx: ConformanceContext) => Promise<void>;

/** @internal Declares one vitest case that runs `body` on a fresh backend and cleans up after it. */
export function conformanceCase(options: TrackerConformanceOptions, title: string, body: CaseBody): void {
  it(
    title,
    async () => {
      const ctx = await createContext(options);
      try {
        await body(ctx);
      } finally {
        await ctx.close();
      }
    },
    options.testTimeoutMs ?? 30_000,
  );
}

/**
 * @internal Asserts that `promise` rejects with a Drmaa2Error of `code`; `label` says which attempt
 * failed when one case makes many.
 */
export async function expectCode(promise: Promise<unknown>, code: ErrorCode, label?: string): Promise<void> {
  let outcome: unknown;
  try {
    await promise;
    outcome = 'resolved';
  } catch (error) {
    outcome = error;
  }
  if (isDrmaa2Error(outcome, code)) return;
  const got = isDrmaa2Error(outcome)
    ? `Drmaa2Error ${outcome.code}: ${outcome.message}`
    : outcome instanceof Error
      ? `${outcome.name}: ${outcome.message}`
      : String(outcome);
  expect.fail(`${label === undefined ? '' : `${label}: `}expected a Drmaa2Error with code ${code}, got ${got}`);
}

/** @internal The job controls and capabilities of the backend under test. */
export async function backendFeatures(ctx: ConformanceContext): Promise<{ controls: ReadonlySet<JobControl>; has(capability: Capability): boolean }> {
  const tracker = await ctx.subject.plugin.connect();
  try {
    return { controls: new Set(tracker.controls), has: (capability) => tracker.capabilities.has(capability) };
  } finally {
    await tracker.close();
  }
}

/**
 * @internal Runs `supported` when the backend can do `control`; otherwise asserts that `attempt`
 * raises `UNSUPPORTED_OPERATION`.
 */
export async function ifControl(
  ctx: ConformanceContext,
  control: JobControl,
  attempt: () => Promise<unknown>,
  supported: () => Promise<void>,
): Promise<void> {
  const { controls } = await backendFeatures(ctx);
  if (controls.has(control)) await supported();
  else await expectCode(attempt(), ErrorCode.UnsupportedOperation);
}
