import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../support/manual-clock.js';
import { startHarness, testImage, type SimHarness } from '../support/sim-harness.js';

let h: SimHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const job = { remoteCommand: 'sleep', args: ['3600'], jobCategory: testImage };

describe('client-side rate limits, counted by kube-sim', () => {
  it('never sends more than burst + qps × t requests', async () => {
    const clock = new ManualClock(Date.now());
    h = await startHarness({ tracker: { clock, qps: 10, burst: 5 } });
    clock.advance(1000);
    h.sim.resetStats();
    const creates = (): number => h!.sim.stats().requests.byResource.jobs?.create ?? 0;
    const submissions = Array.from({ length: 40 }, () => h!.session.runJob(job));
    await expect.poll(creates).toBe(5);
    for (let tenths = 1; tenths <= 35; tenths += 1) {
      clock.advance(100);
      await expect.poll(creates).toBe(Math.min(40, 5 + tenths));
      expect(h.sim.stats().requests.total).toBe(creates());
    }
    await Promise.all(submissions);
    expect(creates()).toBe(40);
  });

  it('waits as long as a 429 says before it tries again', async () => {
    const clock = new ManualClock(Date.now());
    h = await startHarness({ tracker: { clock, qps: Infinity } });
    h.sim.faults.add({ match: { verb: 'create', resource: 'jobs', times: 1 }, action: { type: 'status', code: 429, retryAfterSeconds: 3 } });
    h.sim.resetStats();
    const creates = (): number => h!.sim.stats().requests.byResource.jobs?.create ?? 0;
    const submission = h.session.runJob(job);
    await expect.poll(creates).toBe(1);
    clock.advance(2999);
    await Promise.resolve();
    expect(creates()).toBe(1);
    clock.advance(1);
    await submission;
    expect(creates()).toBe(2);
    expect(h.sim.stats().objects.Job).toBe(1);
  });
});
