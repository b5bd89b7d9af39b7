import { JobState, type JobSession, type SessionManager } from '@drmaa2/core';
import type { KubeSimStats } from '@drmaa2/kube-sim';
import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, testImage, type SimHarness } from '../support/sim-harness.js';

let h: SimHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const sleep = { remoteCommand: 'sleep', args: ['0.05'], jobCategory: testImage };

/**
 * Every request a new process makes from connecting to the end of `work`, by resource and verb:
 * the harness's own manager connected before the count starts.
 */
async function requestsOf(work: (manager: SessionManager, session: JobSession) => Promise<void>): Promise<KubeSimStats['requests']['byResource']> {
  h = await startHarness();
  h.sim.resetStats();
  const manager = h.newManager();
  const session = await manager.openJobSession('harness');
  await work(manager, session);
  await manager.close();
  const { byResource } = h.sim.stats().requests;
  await h.close();
  h = undefined;
  return byResource;
}

describe('exact request counts, from connecting to the last job finished', () => {
  it('monitoring N jobs to completion costs one list and one watch of Jobs and of Pods, whatever N', async () => {
    const run = (count: number) =>
      requestsOf(async (_manager, session) => {
        const jobs = await Promise.all(Array.from({ length: count }, () => session.runJob(sleep)));
        for (const job of jobs) await job.waitTerminated();
        for (const job of jobs) expect((await job.getState()).state).toBe(JobState.Done);
      });
    const expected = (count: number) => ({ jobs: { list: 1, watch: 1, create: count }, pods: { list: 1, watch: 1 }, configmaps: { get: 1 } });
    expect(await run(2)).toEqual(expected(2));
    expect(await run(25)).toEqual(expected(25));
  });

  it('an array of N members costs one create and the same list and watch requests, whatever N', async () => {
    const run = (count: number) =>
      requestsOf(async (_manager, session) => {
        const array = await session.runBulkJobs(sleep, 1, count, 1);
        for (const job of array.getJobs()) await job.waitTerminated();
      });
    const expected = { jobs: { list: 1, watch: 1, create: 1 }, pods: { list: 1, watch: 1 }, configmaps: { get: 1 } };
    expect(await run(2)).toEqual(expected);
    expect(await run(40)).toEqual(expected);
  });

  it('a monitoring session lists machines with one request and every job with none', async () => {
    const byResource = await requestsOf(async (manager, session) => {
      const jobs = await Promise.all(Array.from({ length: 5 }, () => session.runJob(sleep)));
      for (const job of jobs) await job.waitTerminated();
      const monitoring = await manager.openMonitoringSession();
      expect((await monitoring.getAllJobs({ jobState: JobState.Done })).length).toBe(5);
      expect((await monitoring.getAllMachines()).length).toBeGreaterThan(0);
      await monitoring.close();
    });
    expect(byResource).toEqual({ jobs: { list: 1, watch: 1, create: 5 }, pods: { list: 1, watch: 1 }, configmaps: { get: 1 }, nodes: { list: 1 } });
  });
});
