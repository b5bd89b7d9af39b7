import { describe, expect, it } from 'vitest';
import { Capability, ErrorCode, JobState, SessionManager, isDrmaa2Error, type Clock, type TimerHandle } from '../src/index.js';
import { FakeTracker } from './fake-tracker.js';

/** A clock whose timers fire only when the test calls `tick`. */
class ManualClock implements Clock {
  time = 0;
  timers = new Set<{ at: number; fn: () => void }>();
  now(): number {
    return this.time;
  }
  setTimeout(fn: () => void, ms: number): TimerHandle {
    const timer = { at: this.time + ms, fn };
    this.timers.add(timer);
    return timer;
  }
  clearTimeout(handle: TimerHandle): void {
    this.timers.delete(handle as { at: number; fn: () => void });
  }
  async tick(ms: number): Promise<void> {
    this.time += ms;
    for (const timer of [...this.timers]) {
      if (timer.at <= this.time) {
        this.timers.delete(timer);
        timer.fn();
      }
    }
    await new Promise((resolve) => setImmediate(resolve));
  }
}

describe('SessionManager', () => {
  it('needs a tracker: the option or DRMAA2_TRACKER', async () => {
    expect(() => new SessionManager({ env: {} })).toThrow(expect.objectContaining({ code: ErrorCode.InvalidArgument }) as Error);
    const sm = new SessionManager({ env: { DRMAA2_TRACKER: 'not-installed-anywhere' } });
    await expect(sm.getDrmsName()).rejects.toMatchObject({ code: ErrorCode.InvalidArgument });
  });

  it('reports CALLBACK always and other capabilities from the tracker', async () => {
    const sm = new SessionManager({ tracker: new FakeTracker().plugin() });
    expect(await sm.supports(Capability.Callback)).toBe(true);
    expect(await sm.supports(Capability.JtEmail)).toBe(false);
  });

  it('without push, waits poll listJobs once per interval for all waiters together', async () => {
    const clock = new ManualClock();
    const fake = new FakeTracker({ clock, pollIntervalMs: 500 });
    const sm = new SessionManager({ tracker: fake.plugin() });
    const session = await sm.createJobSession('poll');
    const jobs = await Promise.all([1, 2, 3].map(() => session.runJob({ remoteCommand: 'x' })));
    const waits = jobs.map((job) => job.waitTerminated());
    await new Promise((resolve) => setImmediate(resolve));
    fake.calls.length = 0;
    await clock.tick(500);
    expect(fake.calls).toEqual(['listJobs']);
    for (const job of jobs) fake.set(job.id, JobState.Done);
    await clock.tick(500);
    await Promise.all(waits);
    expect(fake.calls).toEqual(['listJobs', 'listJobs']);
    await clock.tick(5000);
    expect(fake.calls).toEqual(['listJobs', 'listJobs']);
  });

  it('times out on the tracker clock with TIMEOUT', async () => {
    const clock = new ManualClock();
    const fake = new FakeTracker({ clock, push: true });
    const sm = new SessionManager({ tracker: fake.plugin() });
    const job = await (await sm.createJobSession('t')).runJob({ remoteCommand: 'x' });
    const wait = job.waitStarted(2);
    let outcome = 'pending';
    const settled = wait.then(
      () => (outcome = 'resolved'),
      (error: unknown) => (outcome = isDrmaa2Error(error) ? error.code : 'other'),
    );
    await clock.tick(1999);
    expect(outcome).toBe('pending');
    await clock.tick(1);
    await settled;
    expect(outcome).toBe(ErrorCode.Timeout);
  });

  it('a timer that fires early, or is capped like the platform timer, does not end a wait before its deadline', async () => {
    /** Fires every timer 1 ms early and never waits longer than the platform's 2^31-1 ms. */
    class EarlyClock extends ManualClock {
      override setTimeout(fn: () => void, ms: number): TimerHandle {
        return super.setTimeout(fn, Math.min(Math.max(ms - 1, 0), 2_147_483_647));
      }
    }
    const clock = new EarlyClock();
    const fake = new FakeTracker({ clock, push: true });
    const sm = new SessionManager({ tracker: fake.plugin() });
    const session = await sm.createJobSession('early');
    const outcomes: string[] = ['pending', 'pending'];
    const watch = (wait: Promise<unknown>, i: number): Promise<unknown> =>
      wait.then(
        () => (outcomes[i] = 'resolved'),
        (error: unknown) => (outcomes[i] = isDrmaa2Error(error) ? error.code : 'other'),
      );
    const short = watch((await session.runJob({ remoteCommand: 'x' })).waitStarted(1), 0);
    const month = watch((await session.runJob({ remoteCommand: 'x' })).waitStarted(30 * 24 * 3600), 1);
    await clock.tick(999);
    expect(outcomes).toEqual(['pending', 'pending']);
    await clock.tick(1);
    await short;
    expect(outcomes).toEqual([ErrorCode.Timeout, 'pending']);
    await clock.tick(2_147_483_647);
    expect(outcomes[1]).toBe('pending');
    await clock.tick(30 * 24 * 3600 * 1000 - 2_147_483_647 - 1000 - 1);
    expect(outcomes[1]).toBe('pending');
    await clock.tick(1);
    await month;
    expect(outcomes[1]).toBe(ErrorCode.Timeout);
  });

  it('delivers NEW_STATE once per change and sends callback errors to onCallbackError', async () => {
    const fake = new FakeTracker({ push: true });
    const errors: unknown[] = [];
    const sm = new SessionManager({ tracker: fake.plugin(), onCallbackError: (error) => errors.push(error) });
    const seen: string[] = [];
    sm.registerEventNotification((event) => seen.push(`${event.jobId}:${event.jobState}`));
    sm.registerEventNotification(() => {
      throw new Error('callback bug');
    });
    const job = await (await sm.createJobSession('e')).runJob({ remoteCommand: 'x' });
    fake.set(job.id, JobState.Running);
    fake.set(job.id, JobState.Running);
    fake.set(job.id, JobState.Done);
    expect(seen).toEqual([`${job.id}:RUNNING`, `${job.id}:DONE`]);
    expect(errors).toHaveLength(2);
  });

  it('checks control preconditions before asking the tracker, and raises UNSUPPORTED_OPERATION for controls it lacks', async () => {
    const fake = new FakeTracker();
    const sm = new SessionManager({ tracker: fake.plugin() });
    const job = await (await sm.createJobSession('c')).runJob({ remoteCommand: 'x' });
    await expect(job.suspend()).rejects.toMatchObject({ code: ErrorCode.UnsupportedOperation });
    fake.set(job.id, JobState.Done);
    await expect(job.terminate()).rejects.toMatchObject({ code: ErrorCode.InvalidState });
    expect(fake.calls.filter((call) => call.startsWith('terminate'))).toEqual([]);
  });

  it('lists the valid job categories, or the suggested ones when any is valid', async () => {
    const strict = await new SessionManager({ tracker: new FakeTracker().plugin() }).createJobSession('strict');
    expect(await strict.getJobCategories()).toEqual(['small', 'large']);
    await expect(strict.runJob({ remoteCommand: 'x', jobCategory: 'huge' })).rejects.toMatchObject({ code: ErrorCode.InvalidArgument });
    const open = await new SessionManager({ tracker: new FakeTracker({ suggestedCategories: ['busybox:1.36'] }).plugin() }).createJobSession('open');
    expect(await open.getJobCategories()).toEqual(['busybox:1.36']);
    await expect(open.runJob({ remoteCommand: 'x', jobCategory: 'anything:else' })).resolves.toBeDefined();
  });

  it('close disconnects once and invalidates its sessions', async () => {
    const fake = new FakeTracker();
    const sm = new SessionManager({ tracker: fake.plugin() });
    const session = await sm.createJobSession('x');
    await sm.close();
    await sm.close();
    expect(fake.calls.filter((call) => call === 'close')).toEqual(['close']);
    await expect(session.getJobs()).rejects.toMatchObject({ code: ErrorCode.InvalidSession });
    await expect(sm.createJobSession()).rejects.toMatchObject({ code: ErrorCode.InvalidSession });
  });
});
