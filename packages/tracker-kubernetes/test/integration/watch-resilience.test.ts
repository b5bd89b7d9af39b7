import { JobState, type EventNotification } from '@drmaa2/core';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../support/manual-clock.js';
import { startHarness, testImage, type SimHarness } from '../support/sim-harness.js';

let h: SimHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const sleep = (seconds: number) => ({ remoteCommand: 'sleep', args: [String(seconds)], jobCategory: testImage });

/** Every state change the session reports, per job id. */
function recordStates(harness: SimHarness): Map<string, JobState[]> {
  const seen = new Map<string, JobState[]>();
  harness.sm.registerEventNotification((event: EventNotification) => {
    seen.set(event.jobId, [...(seen.get(event.jobId) ?? []), event.jobState]);
  });
  return seen;
}

describe('watching', () => {
  it('costs the same list and watch requests for 3 jobs as for 30', async () => {
    const monitoringCost = async (count: number): Promise<Record<string, unknown>> => {
      h = await startHarness();
      h.sim.resetStats();
      const jobs = await Promise.all(Array.from({ length: count }, () => h!.session.runJob(sleep(0.05))));
      for (const job of jobs) await job.waitTerminated();
      const { byResource, total } = h.sim.stats().requests;
      expect(byResource.jobs).toEqual({ create: count });
      await h.close();
      h = undefined;
      return { total: total - count, byResource: { ...byResource, jobs: undefined } };
    };
    const few = await monitoringCost(3);
    const many = await monitoringCost(30);
    expect(many).toEqual(few);
    expect(few.total).toBe(0);
  });

  it('resumes cut watch streams from the last resourceVersion: every state once, in order, no re-list', async () => {
    h = await startHarness({ sim: { faults: { watchCuts: [{ afterEvents: 3, mode: 'close' }] } } });
    const seen = recordStates(h);
    h.sim.resetStats();
    const jobs = await Promise.all(Array.from({ length: 8 }, () => h!.session.runJob(sleep(0.05))));
    for (const job of jobs) await job.waitTerminated();
    for (const job of jobs) expect(seen.get(job.id)).toEqual([JobState.Queued, JobState.Running, JobState.Done]);
    const { byResource } = h.sim.stats().requests;
    expect(byResource.jobs?.list ?? 0).toBe(0);
    expect(byResource.pods?.list ?? 0).toBe(0);
    expect(byResource.jobs?.watch ?? 0).toBeGreaterThan(1);
  });

  it('re-lists once after a watch expired (410) and reports what changed while it was away', async () => {
    const clock = new ManualClock(Date.now());
    h = await startHarness({ sim: { faults: { watchCuts: [{ everyMs: 100, mode: 'reset' }] } }, tracker: { clock, qps: Infinity, maxRetries: 0 } });
    const seen = recordStates(h);
    const job = await h.session.runJob(sleep(3600));
    const reconnectUntil = async (state: JobState): Promise<void> => {
      await expect
        .poll(() => {
          clock.advance(60_000);
          return seen.get(job.id)?.at(-1);
        })
        .toBe(state);
    };
    await reconnectUntil(JobState.Running);
    await expect.poll(() => h!.sim.stats().openWatches).toBe(0);
    h.sim.resetStats();
    const [namespace = '', name = ''] = job.id.split('/');
    h.sim.store.mutate('jobs', namespace, name, (object) => {
      (object as unknown as { spec: { suspend?: boolean } }).spec.suspend = true;
    });
    await expect.poll(() => h!.sim.stats().objects.Pod ?? 0).toBe(0);
    h.sim.faults.compact();
    await reconnectUntil(JobState.Suspended);
    expect(seen.get(job.id)).toEqual([JobState.Queued, JobState.Running, JobState.Suspended]);
    // The Pods informer comes back on its own backoff: wait for its re-list, then count.
    await expect
      .poll(() => {
        clock.advance(60_000);
        return h!.sim.stats().requests.byResource.pods?.list ?? 0;
      })
      .toBeGreaterThanOrEqual(1);
    const { byResource } = h.sim.stats().requests;
    expect(byResource.jobs?.list).toBe(1);
    expect(byResource.pods?.list).toBe(1);
  });

  it('close() ends every watch and leaves no socket or timer behind', async () => {
    const before = process.getActiveResourcesInfo().sort();
    h = await startHarness();
    const job = await h.session.runJob(sleep(3600));
    await job.waitStarted();
    expect(h.sim.stats().openWatches).toBe(2);
    await h.sm.close();
    await expect.poll(() => h!.sim.stats().openWatches).toBe(0);
    await h.close();
    h = undefined;
    await expect.poll(() => process.getActiveResourcesInfo().sort()).toEqual(before);
  });
});
