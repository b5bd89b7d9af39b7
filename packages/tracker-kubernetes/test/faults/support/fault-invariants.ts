import { ErrorCode, isDrmaa2Error, isTerminal } from '@drmaa2/core';
import { expect } from 'vitest';
import { addedResources, type FaultRunOptions, type FaultRunReport } from './fault-run.js';
import { expectedState, secretOf } from './fault-workload.js';

/** Every submission that resolved made exactly one Job, and no rejected one left a Job behind. */
export function expectOneJobPerResolvedSubmission(report: FaultRunReport): void {
  const resolved = report.outcomes.filter((outcome) => outcome.error === undefined);
  const names = resolved.map((outcome) => outcome.jobName ?? '');
  expect(new Set(names).size).toBe(resolved.length);
  expect([...report.audit.jobs.keys()].sort()).toEqual([...names].sort());
  const submissionIds = [...report.audit.jobs.values()].map((job) => job.submissionId);
  expect(submissionIds.every((id) => id !== undefined)).toBe(true);
  expect(new Set(submissionIds).size).toBe(submissionIds.length);
  for (const outcome of report.outcomes) {
    if (outcome.error === undefined) continue;
    const prefix = `fault-${outcome.planned.n}-`;
    expect([...report.audit.jobs.keys()].filter((name) => name.startsWith(prefix)), `Jobs of rejected submission ${outcome.planned.n}`).toEqual([]);
  }
}

/** A rejected submission says why with a transient code (the faults are transient) and left nothing staged. */
export function expectRejectionsCleanedUp(report: FaultRunReport): void {
  for (const outcome of report.outcomes) {
    if (outcome.error === undefined) continue;
    const transient = isDrmaa2Error(outcome.error, ErrorCode.TryLater) || isDrmaa2Error(outcome.error, ErrorCode.DrmCommunication);
    expect(transient, outcome.error instanceof Error ? outcome.error.message : 'a rejection that is not an Error').toBe(true);
  }
  const owners = new Map([...report.audit.jobs].map(([name, job]) => [name, job.uid]));
  for (const staged of report.audit.staged) {
    expect(owners.has(staged.job), `${staged.kind}/${staged.name} staged for ${staged.job}, which is not a Job of a resolved submission`).toBe(true);
    expect(staged.ownerUids, `${staged.kind}/${staged.name} is owned by its Job`).toEqual([owners.get(staged.job)]);
  }
  const stagingResolved = report.outcomes.filter((outcome) => outcome.error === undefined && outcome.planned.template.stageInFiles !== undefined);
  expect(report.audit.staged).toHaveLength(stagingResolved.length);
}

/**
 * Every job of a resolved submission ended in the state its exit code calls for; `waitTerminated()`
 * returned once with it; each manager's event callbacks (both see every job) reported it exactly
 * once, as the last state.
 */
export function expectTerminalStatesOnce(report: FaultRunReport): void {
  const resolved = report.outcomes.filter((outcome) => outcome.error === undefined);
  for (const outcome of resolved) {
    (outcome.jobs ?? []).forEach((job, member) => {
      const expected = expectedState(outcome.planned.exitCodes[member] ?? 0);
      expect(report.waited.get(job.id), `waitTerminated of ${job.id}`).toEqual({ state: expected, returned: 1 });
      for (const [manager, events] of Object.entries(report.events)) {
        const states = events.get(job.id) ?? [];
        expect(
          { terminal: states.filter(isTerminal), last: states.at(-1) },
          `events of ${job.id} at the ${manager} manager: ${states.join(' → ')}`,
        ).toEqual({ terminal: [expected], last: expected });
      }
    });
  }
}

/** The text of an error and of its causes. */
function errorText(error: unknown): string {
  const parts: string[] = [];
  for (let current: unknown = error; current !== undefined && parts.length < 10; current = current instanceof Error ? current.cause : undefined) {
    parts.push(current instanceof Error ? `${current.name}: ${current.message}` : JSON.stringify(current) ?? '');
  }
  return parts.join(' <- ');
}

/** `secret-data:` payloads show nowhere but in their Secret's data: not in stored objects, rejections or background errors. */
export function expectSecretsKept(report: FaultRunReport): void {
  const secrets = report.outcomes.map((outcome) => secretOf(outcome.planned.n)).filter((secret) => secret !== undefined);
  expect(secrets.length).toBeGreaterThan(0);
  const visible = [
    report.audit.visible,
    ...report.outcomes.map((outcome) => (outcome.error === undefined ? '' : errorText(outcome.error))),
    ...report.backgroundErrors.map(errorText),
  ].join('\n');
  for (const secret of secrets) {
    expect(visible.includes(secret), `${secret} shows outside its Secret`).toBe(false);
    expect(visible.includes(Buffer.from(secret).toString('base64')), `${secret} (base64) shows outside its Secret`).toBe(false);
  }
}

/** Nothing escaped: no unhandled rejection, no callback error, no background error but refusals. */
export function expectNothingEscaped(report: FaultRunReport): void {
  expect(report.unhandled).toEqual([]);
  expect(report.callbackErrors).toEqual([]);
}

/** After `close()`: no watch, no connection at kube-sim; after stopping it, the process holds what it held before. */
export function expectNothingLeftOpen(report: FaultRunReport): void {
  expect(report.afterClose).toEqual({ openWatches: 0, serverConnections: 0 });
  const added = addedResources(report.resources.before, report.resources.after);
  expect(added, 'process resources (sockets, timers, ...) held after the run that were not there before').toEqual([]);
}

/** kube-sim never counted more requests than both trackers' token buckets allow: burst + qps × t each. */
export function expectRateLimitsKept(report: FaultRunReport, options: FaultRunOptions): void {
  expect(report.rateSamples.length).toBeGreaterThan(10);
  for (const [ms, requests] of report.rateSamples) {
    expect(requests, `requests after ${ms} ms of tracker time`).toBeLessThanOrEqual(2 * (options.burst + (options.qps * ms) / 1000));
  }
}

/** Prints the figures of a run (kept out of assertions: they vary with the machine). */
export function printFigures(title: string, report: FaultRunReport): void {
  console.log(`${title}\n${JSON.stringify(report.figures, null, 2)}`);
}
