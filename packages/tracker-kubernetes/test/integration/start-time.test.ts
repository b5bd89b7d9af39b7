import { JobState } from '@drmaa2/core';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../support/manual-clock.js';
import { storedJob } from '../support/readme-harness.js';
import { startHarness, testImage, type SimHarness } from '../support/sim-harness.js';

let h: SimHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** The longest delay of a Node.js timer (and of core's systemClock): 2^31 - 1 ms, about 24.8 days. */
const maxTimerMs = 2_147_483_647;
const day = 24 * 3600 * 1000;

describe('startTime further ahead than a timer can wait', () => {
  it('a job 30 days ahead stays held when the capped timer fires early, and starts at its time', async () => {
    const clock = new ManualClock(Date.now(), { maxDelayMs: maxTimerMs });
    h = await startHarness({ tracker: { clock, qps: Infinity, maxRetries: 0 } });
    const job = await h.session.runJob({ remoteCommand: 'sleep', args: ['0.05'], jobCategory: testImage, startTime: new Date(clock.now() + 30 * day) });
    expect(await job.getState()).toEqual({ state: JobState.Queued, subState: 'StartTime' });
    h.sim.resetStats();

    clock.advance(maxTimerMs);
    // The timer fired 5 days early: it is armed again instead of releasing the Job.
    expect(clock.pending).toBe(1);
    expect(storedJob(h, job.id).spec.suspend).toBe(true);

    clock.advance(30 * day - maxTimerMs);
    await job.waitTerminated();
    expect((await job.getState()).state).toBe(JobState.Done);
    expect(h.sim.stats().requests.byResource.jobs).toEqual({ patch: 1 });
    expect(clock.pending).toBe(0);
  });
});
