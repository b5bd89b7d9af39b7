import { JobState, type JobStateChange, type JobTemplate, type Tracker } from '@drmaa2/core';
import { afterEach, describe, expect, it } from 'vitest';
import { VirtualClock, memoryTracker, type MemoryMachine, type MemoryTrackerPlugin } from '../src/index.js';

let clock: VirtualClock;
let plugin: MemoryTrackerPlugin;
let tracker: Tracker;
let seen: string[];

/** A tracker connection on a clock that moves only when the test advances it; every change is logged. */
async function connect(machines?: readonly MemoryMachine[]): Promise<void> {
  clock = new VirtualClock({ autoAdvance: false });
  plugin = memoryTracker({ clock, ...(machines === undefined ? {} : { machines }) });
  tracker = await plugin.connect();
  await tracker.createSession('s', undefined);
  seen = [];
  tracker.subscribe?.((change: JobStateChange) => seen.push(`${change.jobId} ${change.state}${change.subState === undefined ? '' : ` ${change.subState}`}`));
}

async function submit(template: JobTemplate): Promise<string> {
  return (await tracker.submitJob({ sessionName: 's', template })).jobId;
}

/** The log since the last call. */
function changes(): string[] {
  return seen.splice(0);
}

const sleep = (seconds: number, more: Omit<JobTemplate, 'remoteCommand' | 'args'> = {}): JobTemplate => ({ remoteCommand: 'sleep', args: [String(seconds)], ...more });

afterEach(async () => {
  await tracker.close();
  clock.stop();
});

describe('memory dispatch', () => {
  it('starts waiting jobs in submission order, and a job that fits takes slots a bigger one waits for', async () => {
    await connect([{ name: 'm', slots: 2 }]);
    const a = await submit(sleep(10));
    const big = await submit(sleep(10, { minSlots: 2 }));
    const c = await submit(sleep(10));
    const d = await submit(sleep(10));
    changes();
    await clock.advance(0);
    expect(changes()).toEqual([`${a} RUNNING`, `${big} QUEUED WaitingForResources`, `${c} RUNNING`, `${d} QUEUED WaitingForResources`]);
    await clock.advance(10_000);
    expect(changes()).toEqual([`${a} DONE Completed`, `${c} DONE Completed`, `${big} RUNNING`]);
    await clock.advance(10_000);
    expect(changes()).toEqual([`${big} DONE Completed`, `${d} RUNNING`]);
  });

  it('gives a released job and a requeued job their place by submission order, ahead of later jobs', async () => {
    await connect([{ name: 'm', slots: 1 }]);
    const rerun = await submit(sleep(10, { rerunnable: true }));
    const held = await submit(sleep(1, { submitAsHold: true }));
    const later = await submit(sleep(1));
    await clock.advance(0);
    changes();
    await tracker.controlJob(held, 'release');
    plugin.requeueJob(rerun);
    expect(changes()).toEqual([`${held} QUEUED`, `${rerun} REQUEUED MachineFailure`]);
    await clock.advance(0);
    expect(changes()).toEqual([`${rerun} RUNNING`, `${held} QUEUED WaitingForResources`]);
    await clock.advance(10_000);
    expect(changes()).toEqual([`${rerun} DONE Completed`, `${held} RUNNING`]);
    await clock.advance(1000);
    expect(changes()).toEqual([`${held} DONE Completed`, `${later} RUNNING`]);
  });

  it('skips a held job, and a job released later starts when it is next in order', async () => {
    await connect([{ name: 'm', slots: 1 }]);
    const first = await submit(sleep(1));
    const second = await submit(sleep(1));
    const third = await submit(sleep(1));
    await clock.advance(0);
    await tracker.controlJob(second, 'hold');
    await clock.advance(1000);
    expect(changes()).toEqual([
      `${first} QUEUED`, `${second} QUEUED`, `${third} QUEUED`,
      `${first} RUNNING`, `${second} QUEUED WaitingForResources`, `${third} QUEUED WaitingForResources`,
      `${second} QUEUED_HELD HeldByUser`, `${first} DONE Completed`, `${third} RUNNING`,
    ]);
    await tracker.controlJob(second, 'release');
    await clock.advance(1000);
    expect(changes()).toEqual([`${second} QUEUED`, `${second} QUEUED WaitingForResources`, `${third} DONE Completed`, `${second} RUNNING`]);
  });

  it('runs at most maxParallel members of an array, the next one starting as one ends', async () => {
    await connect();
    const array = await tracker.submitJobArray({ sessionName: 's', template: sleep(1), begin: 1, end: 5, step: 1, maxParallel: 2 });
    const [m1, m2, m3, m4, m5] = array.jobIds;
    changes();
    await clock.advance(0);
    expect(changes()).toEqual([
      `${m1} RUNNING`, `${m2} RUNNING`,
      `${m3} QUEUED MaxParallelReached`, `${m4} QUEUED MaxParallelReached`, `${m5} QUEUED MaxParallelReached`,
    ]);
    await clock.advance(1000);
    expect(changes()).toEqual([`${m1} DONE Completed`, `${m2} DONE Completed`, `${m3} RUNNING`, `${m4} RUNNING`]);
    await clock.advance(1000);
    expect(changes()).toEqual([`${m3} DONE Completed`, `${m4} DONE Completed`, `${m5} RUNNING`]);
  });

  it('a member blocked by resources shows MaxParallelReached once its array runs maxParallel', async () => {
    await connect([{ name: 'm', slots: 2 }]);
    const blocker = await submit(sleep(1));
    const array = await tracker.submitJobArray({ sessionName: 's', template: sleep(5), begin: 1, end: 3, step: 1, maxParallel: 2 });
    const [m1, m2, m3] = array.jobIds;
    changes();
    await clock.advance(0);
    expect(changes()).toEqual([`${blocker} RUNNING`, `${m1} RUNNING`, `${m2} QUEUED WaitingForResources`, `${m3} QUEUED WaitingForResources`]);
    await clock.advance(1000);
    expect(changes()).toEqual([`${blocker} DONE Completed`, `${m2} RUNNING`, `${m3} QUEUED MaxParallelReached`]);
  });

  it('does not let a job that cannot start hold up array members queued behind it', async () => {
    await connect([{ name: 'm', slots: 3 }]);
    const long = await submit(sleep(10));
    const big = await submit(sleep(1, { minSlots: 3 }));
    const array = await tracker.submitJobArray({ sessionName: 's', template: sleep(1), begin: 1, end: 3, step: 1, maxParallel: 1 });
    const [m1, m2, m3] = array.jobIds;
    changes();
    await clock.advance(0);
    expect(changes()).toEqual([`${long} RUNNING`, `${big} QUEUED WaitingForResources`, `${m1} RUNNING`, `${m2} QUEUED MaxParallelReached`, `${m3} QUEUED MaxParallelReached`]);
    await clock.advance(1000);
    expect(changes()).toEqual([`${m1} DONE Completed`, `${m2} RUNNING`]);
    await clock.advance(1000);
    expect(changes()).toEqual([`${m2} DONE Completed`, `${m3} RUNNING`]);
    await clock.advance(8000);
    expect(changes()).toEqual([`${m3} DONE Completed`, `${long} DONE Completed`, `${big} RUNNING`]);
  });

  it('starts a job at its startTime, letting later jobs start before it', async () => {
    await connect([{ name: 'm', slots: 1 }]);
    const timed = await submit(sleep(1, { startTime: new Date(clock.now() + 5000) }));
    const now = await submit(sleep(2));
    changes();
    await clock.advance(0);
    expect(changes()).toEqual([`${timed} QUEUED WaitingForStartTime`, `${now} RUNNING`]);
    await clock.advance(4999);
    expect(changes()).toEqual([`${now} DONE Completed`]);
    await clock.advance(1);
    expect(changes()).toEqual([`${timed} RUNNING`]);
    expect((await tracker.getJob(timed))?.info.dispatchTime?.getTime()).toBe(clock.now());
  });

  it('runs 10,000 jobs in submission order, never more at once than the machines have slots', async () => {
    await connect();
    const ids: string[] = [];
    for (let i = 0; i < 10_000; i += 1) ids.push(await submit(sleep(1)));
    changes();
    let running = 0;
    let most = 0;
    const started: string[] = [];
    tracker.subscribe?.((change) => {
      if (change.state === JobState.Running) {
        started.push(change.jobId);
        running += 1;
        most = Math.max(most, running);
      }
      if (change.state === JobState.Done) running -= 1;
    });
    await clock.advance(10_000 / 16 * 1000);
    expect(started).toEqual(ids);
    expect(most).toBe(16);
    expect(running).toBe(0);
    expect(clock.pendingTimers).toBe(0);
  });
});
