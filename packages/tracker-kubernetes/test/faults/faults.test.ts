import type { KubeSim } from '@drmaa2/kube-sim';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  expectNothingEscaped,
  expectNothingLeftOpen,
  expectOneJobPerResolvedSubmission,
  expectRateLimitsKept,
  expectRejectionsCleanedUp,
  expectSecretsKept,
  expectTerminalStatesOnce,
  printFigures,
} from './support/fault-invariants.js';
import { runFaultSuite, type FaultRunOptions, type FaultRunReport } from './support/fault-run.js';

const soak = process.env.DRMAA2_SOAK === '1';
/** `DRMAA2_FAULT_JOBS=N` runs the chosen suite with N jobs instead (a quick look while debugging). */
const jobsOverride = Number(process.env.DRMAA2_FAULT_JOBS ?? '') || undefined;

/** Restarts kube-sim (its store kept) with the port closed for `downtimeMs`; resolves to the time it took. */
function restartFor(downtimeMs: number): (sim: KubeSim) => Promise<number> {
  return async (sim) => {
    const started = Date.now();
    await sim.restart({ downtimeMs });
    return Date.now() - started;
  };
}

/**
 * The fast suite: 1,000 jobs with the trackers on a clock 20 times faster than the wall clock
 * (Retry-After 2 s waits 100 ms), so latency spikes (200 ms) and the restart's downtime (100 ms)
 * are scaled down alike. The soak (`pnpm soak`): 5,000 jobs on the real clock, 2 s latency spikes,
 * 2 s of downtime, the tracker's default rate limit.
 */
const options: FaultRunOptions = soak
  ? {
      jobs: 5000,
      arraySize: 4,
      arrayShare: 0.2,
      fragileShare: 0.2,
      rate: 0.1,
      latencyMs: 2000,
      watchCutEvery: 5,
      watchCutEveryMs: 2000,
      compactEveryMs: 5000,
      clockFactor: 1,
      concurrency: 64,
      qps: 50,
      burst: 100,
      seed: 66,
      restart: restartFor(2000),
    }
  : {
      jobs: 1000,
      arraySize: 4,
      arrayShare: 0.2,
      fragileShare: 0.2,
      rate: 0.1,
      latencyMs: 200,
      watchCutEvery: 5,
      watchCutEveryMs: 250,
      compactEveryMs: 1500,
      clockFactor: 20,
      concurrency: 32,
      qps: 5,
      burst: 10,
      seed: 6,
      restart: restartFor(100),
    };

let report: FaultRunReport;
beforeAll(async () => {
  report = await runFaultSuite(jobsOverride === undefined ? options : { ...options, jobs: jobsOverride });
  printFigures(soak ? 'soak figures' : 'fault suite figures', report);
}, soak ? 3_600_000 : 240_000);

describe(`${options.jobs} jobs (single and arrays) under faults at a ${options.rate * 100}% rate`, () => {
  it('the run met every kind of fault and some submissions failed for good', () => {
    expect(Object.keys(report.figures.requestFaults).sort()).toEqual(['429', '500', '503', 'latency', 'reset after', 'reset before']);
    expect(Object.values(report.figures.requestFaults).every((count) => count > 0)).toBe(true);
    expect(report.figures.restartDowntimeMs).toBeDefined();
    expect(report.figures.rejected).toBeGreaterThan(0);
    expect(report.figures.resolved).toBeGreaterThan(report.figures.rejected);
    expect(report.figures.relists).toBeGreaterThan(4);
  });

  it('every runJob/runBulkJobs that resolved made exactly one Job; a rejected one made none', () => {
    expectOneJobPerResolvedSubmission(report);
  });

  it('a rejected submission gives a transient error and leaves nothing staged; staged objects are owned by their Job', () => {
    expectRejectionsCleanedUp(report);
  });

  it('every job ends as its exit code says, seen once by waitTerminated and once by each manager\'s event callbacks', () => {
    expectTerminalStatesOnce(report);
  });

  it('no unhandled rejection and no callback error', () => {
    expectNothingEscaped(report);
  });

  it('after close() no watch, connection, socket or timer is left', () => {
    expectNothingLeftOpen(report);
  });

  it('secret-data: payloads show nowhere but in their Secrets: not in stored objects, rejections or background errors', () => {
    expectSecretsKept(report);
  });

  it('kube-sim never counted more requests than qps and burst allow', () => {
    expectRateLimitsKept(report, options);
  });
});
