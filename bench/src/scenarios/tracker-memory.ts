import { SessionManager } from '@drmaa2/core';
import { VirtualClock, memoryTracker } from '@drmaa2/tracker-memory';
import { preciseNow } from '../sim/clock.js';

/** Scenario 6's result for one run. */
export interface TrackerMemoryResult {
  readonly jobs: number;
  readonly elapsedMs: number;
  /** Jobs per second, submit to done. */
  readonly rate: number;
}

/**
 * Scenario 6, tracker-memory throughput: `jobs` jobs of `sleep 1` on a VirtualClock (auto-advancing),
 * submitted one after another and then waited for one after another, in this process.
 */
export async function runTrackerMemory(jobs: number): Promise<TrackerMemoryResult> {
  const clock = new VirtualClock();
  const sm = new SessionManager({ tracker: memoryTracker({ clock }) });
  try {
    const session = await sm.createJobSession('bench');
    const template = { remoteCommand: 'sleep', args: ['1'] };
    const t0 = preciseNow();
    const submitted = [];
    for (let i = 0; i < jobs; i += 1) submitted.push(await session.runJob(template));
    for (const job of submitted) await job.waitTerminated();
    const elapsedMs = preciseNow() - t0;
    return { jobs, elapsedMs, rate: jobs / (elapsedMs / 1000) };
  } finally {
    await sm.close();
    clock.stop();
  }
}
