import { Drmaa2Error, ErrorCode, JobState, SessionManager, type JobSession } from '@drmaa2/core';
import { afterEach, describe, expect, it } from 'vitest';
import { VirtualClock, memoryTracker, type MemoryTrackerOptions } from '../src/index.js';

let clock: VirtualClock;
let sm: SessionManager;

async function session(options: Omit<MemoryTrackerOptions, 'clock'> = {}): Promise<JobSession> {
  clock = new VirtualClock();
  sm = new SessionManager({ tracker: memoryTracker({ clock, ...options }) });
  return sm.createJobSession('test');
}

afterEach(async () => {
  await sm.close();
  clock.stop();
});

describe('memory tracker', () => {
  it.each([
    [['sleep', '2.5'], JobState.Done, 0, 2.5],
    [['true'], JobState.Done, 0, 0],
    [['false'], JobState.Failed, 1, 0],
    [['exit', '42'], JobState.Failed, 42, 0],
    [['/usr/bin/sleep', '1'], JobState.Done, 0, 1],
    [['my-program', '--flag'], JobState.Done, 0, 0],
  ])('runs %j to %s with exit %i after %f s', async ([command, ...args], state, exitStatus, seconds) => {
    const js = await session();
    const job = await js.runJob({ remoteCommand: command!, args });
    await job.waitTerminated();
    const info = await job.getJobInfo();
    expect(info.jobState).toBe(state);
    expect(info.exitStatus).toBe(exitStatus);
    expect(info.wallclockTime).toBe(seconds);
  });

  it('fails malformed built-in commands at start with sub-state InvalidArguments', async () => {
    const js = await session();
    const job = await js.runJob({ remoteCommand: 'sleep', args: ['soon'] });
    await job.waitTerminated();
    expect(await job.getState()).toEqual({ state: JobState.Failed, subState: 'InvalidArguments' });
  });

  it('lets a behaviour function decide, with the bulk index', async () => {
    const js = await session({
      behaviour: ({ index }) => (index === 2 ? { terminatingSignal: 'SIGSEGV', runSeconds: 1 } : undefined),
    });
    const array = await js.runBulkJobs({ remoteCommand: 'true' }, 1, 2, 1);
    const [first, second] = array.getJobs();
    await second!.waitTerminated();
    await first!.waitTerminated();
    expect((await first!.getJobInfo()).jobState).toBe(JobState.Done);
    expect(await second!.getJobInfo()).toMatchObject({ jobState: JobState.Failed, terminatingSignal: 'SIGSEGV', jobSubState: 'Signaled' });
  });

  it('starts a job no earlier than its startTime', async () => {
    const js = await session();
    const start = new Date(clock.now() + 60_000);
    const job = await js.runJob({ remoteCommand: 'true', startTime: start });
    await job.waitStarted();
    expect((await job.getJobInfo()).dispatchTime).toEqual(start);
  });

  it('does not count suspended time as running time', async () => {
    const js = await session();
    const job = await js.runJob({ remoteCommand: 'sleep', args: ['10'] });
    await job.waitStarted();
    await clock.advance(0);
    await job.suspend();
    const waiting = job.waitTerminated(100);
    await expect(waiting).rejects.toMatchObject({ code: ErrorCode.Timeout });
    await job.resume();
    await job.waitTerminated();
    const info = await job.getJobInfo();
    expect(info.cpuTime).toBe(10);
    expect(info.wallclockTime).toBe(110);
  });

  it('queues jobs beyond the machines\' slots and reports why', async () => {
    const js = await session({ machines: [{ name: 'only', slots: 2 }] });
    const jobs = await Promise.all([1, 2, 3].map(() => js.runJob({ remoteCommand: 'sleep', args: ['5'] })));
    await jobs[0]!.waitStarted();
    expect(await jobs[2]!.getState()).toEqual({ state: JobState.Queued, subState: 'WaitingForResources' });
    await jobs[2]!.waitTerminated();
    expect((await jobs[2]!.getJobInfo()).dispatchTime!.getTime() - (await jobs[0]!.getJobInfo()).dispatchTime!.getTime()).toBe(5000);
  });

  it.each([
    [{ candidateMachines: ['elsewhere'] }, 'candidateMachines'],
    [{ machineArch: 'ARM64' as const }, 'machineArch'],
    [{ minPhysMemory: 1024 ** 4 }, 'minPhysMemory'],
    [{ minSlots: 99 }, 'minSlots'],
    [{ queueName: 'gpu' }, 'queueName'],
  ])('rejects a template no machine or queue satisfies: %j', async (attributes, field) => {
    const js = await session();
    await expect(js.runJob({ remoteCommand: 'true', ...attributes })).rejects.toMatchObject({
      code: ErrorCode.InvalidArgument,
      message: expect.stringContaining(field) as string,
    });
    expect(await js.getJobs()).toEqual([]);
  });

  it('caps array size and checks job categories when configured', async () => {
    const js = await session({ maxArraySize: 10, jobCategories: ['cpu'] });
    await expect(js.runBulkJobs({ remoteCommand: 'true' }, 1, 11, 1)).rejects.toMatchObject({ code: ErrorCode.InvalidArgument });
    await expect(js.runJob({ remoteCommand: 'true', jobCategory: 'gpu' })).rejects.toMatchObject({ code: ErrorCode.InvalidArgument });
    expect(await js.getJobCategories()).toEqual(['cpu']);
    expect(await js.getJobs()).toEqual([]);
  });

  it('fails a job that is not rerunnable when its machine fails', async () => {
    clock = new VirtualClock();
    const plugin = memoryTracker({ clock });
    sm = new SessionManager({ tracker: plugin });
    const js = await sm.createJobSession('requeue');
    const job = await js.runJob({ remoteCommand: 'sleep', args: ['10'] });
    await job.waitStarted();
    plugin.requeueJob(job.id);
    expect(await job.getState()).toEqual({ state: JobState.Failed, subState: 'MachineFailure' });
    expect(() => plugin.requeueJob(job.id)).toThrow(expect.objectContaining({ code: ErrorCode.InvalidState }) as Error);
  });

  it('keeps sessions and jobs for the life of the plugin instance', async () => {
    clock = new VirtualClock();
    const plugin = memoryTracker({ clock });
    const first = new SessionManager({ tracker: plugin });
    const job = await (await first.createJobSession('kept')).runJob({ remoteCommand: 'true' });
    await first.close();
    sm = new SessionManager({ tracker: plugin });
    const reopened = await sm.openJobSession('kept');
    expect((await reopened.getJobs()).map((j) => j.id)).toEqual([job.id]);
    const other = new SessionManager({ tracker: memoryTracker({ clock }) });
    await expect(other.openJobSession('kept')).rejects.toMatchObject({ code: ErrorCode.InvalidArgument });
    await other.close();
  });

  it('simulates a backend fault: every call rejects with it, jobs run on and their changes are still pushed', async () => {
    clock = new VirtualClock({ autoAdvance: false });
    const plugin = memoryTracker({ clock });
    sm = new SessionManager({ tracker: plugin });
    const seen: string[] = [];
    sm.registerEventNotification((event) => seen.push(event.jobState));
    const job = await (await sm.createJobSession('faulty')).runJob({ remoteCommand: 'sleep', args: ['10'] });
    await clock.advance(0);
    const outage = new Drmaa2Error(ErrorCode.DrmCommunication, 'memory backend unreachable (simulated)');
    plugin.simulateFault(outage);
    await expect(job.getState()).rejects.toBe(outage);
    await expect(sm.getJobSessionNames()).rejects.toBe(outage);
    const late = new SessionManager({ tracker: plugin });
    await expect(late.getDrmsName()).rejects.toBe(outage);
    await clock.advance(10_000);
    expect(seen).toEqual([JobState.Queued, JobState.Running, JobState.Done]);
    plugin.simulateFault(undefined);
    expect((await job.getState()).state).toBe(JobState.Done);
    expect(await late.getDrmsName()).toBe('memory');
    await late.close();
    expect(() => plugin.simulateFault(new Error('plain') as Drmaa2Error)).toThrow(expect.objectContaining({ code: ErrorCode.InvalidArgument }) as Error);
  });

  it('records owner, submission machine, queue and slots', async () => {
    const js = await session();
    const job = await js.runJob({ remoteCommand: 'true', minSlots: 2 });
    await job.waitTerminated();
    const info = await job.getJobInfo();
    expect(info).toMatchObject({ queueName: 'default', slots: 2 });
    expect(typeof info.jobOwner).toBe('string');
    expect(typeof info.submissionMachine).toBe('string');
    expect(info.allocatedMachines).toEqual([{ machineName: 'memory-1', slots: 2 }]);
  });
});
