import {
  Drmaa2Error,
  ErrorCode,
  JobState,
  assertControlAllowed,
  assertReapAllowed,
  isTerminal,
  templateForIndex,
  type Clock,
  type JobControl,
  type JobStateChange,
  type JobTemplate,
} from '@drmaa2/core';
import { builtinBehaviour, type JobBehaviourFunction } from './job-behaviour.js';
import type { ResolvedMachine } from './memory-machines.js';
import type { MemoryJob, WaitReason } from './memory-job.js';
import { ResourceGroups, fits, freeMachine } from './resource-group.js';
import { TimerQueue } from './timer-queue.js';
import { WaitQueue } from './wait-queue.js';

interface MemorySession {
  readonly contact: string;
  readonly jobIds: Set<string>;
}

interface MemoryArray {
  readonly arrayId: string;
  readonly sessionName: string;
  readonly template: JobTemplate;
  readonly jobIds: readonly string[];
  readonly maxParallel?: number;
  /** Members not yet reaped or forgotten. */
  members: number;
  /** Members RUNNING or SUSPENDED (holding slots). */
  running: number;
  /** Waiting members last seen blocked by `maxParallel`. */
  waitingForParallel: number;
  /** Waiting members last seen blocked by resources. */
  waitingForResources: number;
}

/**
 * How many waiting members of the array the next dispatch may have to change: while fewer than
 * `maxParallel` run, those blocked by it; while `maxParallel` run, those waiting for resources
 * (they are now blocked by `maxParallel`).
 */
function unsettled(array: MemoryArray): number {
  if (array.maxParallel === undefined) return 0;
  return array.running < array.maxParallel ? array.waitingForParallel : array.waitingForResources;
}

/**
 * @internal The state of one memory tracker instance: sessions, jobs, arrays and machines, and
 * the rules that move jobs between states. Everything happens synchronously on the clock's timers,
 * so a virtual clock makes every run the same.
 *
 * Dispatch looks at the waiting jobs in submission order and starts each one that can start. It
 * keeps the waiting jobs in their own queue, and counts for each reason a job may be waiting, so
 * that it stops as soon as no further job could start or change its sub-state: work per dispatch
 * is proportional to what it changes, not to the number of jobs.
 */
export class MemoryBackend {
  readonly sessions = new Map<string, MemorySession>();
  readonly jobs = new Map<string, MemoryJob>();
  readonly arrays = new Map<string, MemoryArray>();
  readonly #listeners = new Set<(change: JobStateChange) => void>();
  /** The listeners as an array; built at the first change after one subscribed or unsubscribed. */
  #listenerList: readonly ((change: JobStateChange) => void)[] | undefined;
  readonly #clock: Clock;
  readonly #machines: ResolvedMachine[];
  readonly #behaviour: JobBehaviourFunction | undefined;
  readonly #groups: ResourceGroups;
  /** QUEUED and REQUEUED jobs, in dispatch order. */
  readonly #waiting = new WaitQueue<MemoryJob>();
  /** Waiting jobs whose `startTime` is ahead, by `startTime`. */
  readonly #startTimes = new TimerQueue();
  /** Waiting jobs no dispatch looked at since they began to wait. */
  #unseen = 0;
  /** The sum of {@link unsettled} over all arrays. */
  #unsettledInArrays = 0;
  #nextId = 1;
  #dispatchPending = false;

  constructor(clock: Clock, machines: ResolvedMachine[], behaviour: JobBehaviourFunction | undefined) {
    this.#clock = clock;
    this.#machines = machines;
    this.#behaviour = behaviour;
    this.#groups = new ResourceGroups(machines);
  }

  /** Calls `listener` with every state change from now on. */
  addListener(listener: (change: JobStateChange) => void): void {
    this.#listeners.add(listener);
    this.#listenerList = undefined;
  }

  /** Stops calling `listener`. */
  removeListener(listener: (change: JobStateChange) => void): void {
    if (this.#listeners.delete(listener)) this.#listenerList = undefined;
  }

  get machines(): readonly ResolvedMachine[] {
    return this.#machines;
  }

  now(): number {
    return this.#clock.now();
  }

  session(name: string): MemorySession {
    const session = this.sessions.get(name);
    if (session === undefined) throw new Drmaa2Error(ErrorCode.InvalidSession, `job session ${name} does not exist (destroyed?)`);
    return session;
  }

  submit(sessionName: string, template: JobTemplate, array?: { arrayId: string; index: number }): MemoryJob {
    const session = this.session(sessionName);
    // One object shape for every job, array member or not: keeps the hot paths monomorphic.
    const job: MemoryJob = {
      jobId: String(this.#nextId++),
      sessionName,
      arrayId: array?.arrayId,
      index: array?.index,
      template,
      seq: this.#nextId,
      submissionTime: this.#clock.now(),
      state: template.submitAsHold === true ? JobState.QueuedHeld : JobState.Queued,
      remainingMs: 0,
      ranMs: 0,
      holdsSlots: false,
      queueToken: 0,
      group: this.#groups.of(template),
      subState: undefined,
      annotation: undefined,
      behaviour: undefined,
      machine: undefined,
      slots: undefined,
      dispatchTime: undefined,
      finishTime: undefined,
      exitStatus: undefined,
      terminatingSignal: undefined,
      runningSince: undefined,
      timer: undefined,
      deadlineTimer: undefined,
      waitReason: undefined,
      startTimer: undefined,
      startEntry: undefined,
    };
    this.jobs.set(job.jobId, job);
    session.jobIds.add(job.jobId);
    if (job.state === JobState.Queued) this.#enqueue(job);
    this.#emit(job);
    if (template.deadlineTime !== undefined) {
      job.deadlineTimer = this.#clock.setTimeout(
        () => this.#end(job, JobState.Failed, 'DeadlineExceeded', 'the job passed its deadlineTime'),
        template.deadlineTime.getTime() - this.#clock.now(),
      );
    }
    this.#scheduleDispatch();
    return job;
  }

  submitArray(sessionName: string, template: JobTemplate, indices: readonly number[], maxParallel?: number): MemoryArray {
    this.session(sessionName);
    const arrayId = `array-${this.#nextId++}`;
    const jobIds = indices.map((index) => this.submit(sessionName, templateForIndex(template, index), { arrayId, index }).jobId);
    const array: MemoryArray = {
      arrayId,
      sessionName,
      template,
      jobIds,
      ...(maxParallel === undefined ? {} : { maxParallel }),
      members: jobIds.length,
      running: 0,
      waitingForParallel: 0,
      waitingForResources: 0,
    };
    this.arrays.set(arrayId, array);
    return array;
  }

  control(jobId: string, control: JobControl): void {
    const job = this.jobs.get(jobId);
    if (job === undefined) throw new Drmaa2Error(ErrorCode.InvalidArgument, `job ${jobId}: unknown or already reaped`);
    assertControlAllowed(jobId, control, job.state);
    const now = this.#clock.now();
    switch (control) {
      case 'suspend':
        this.#stopRunning(job, now);
        this.#set(job, JobState.Suspended, 'SuspendedByUser');
        break;
      case 'resume':
        this.#startRunning(job, now);
        this.#set(job, JobState.Running);
        break;
      case 'hold':
        this.#dequeue(job);
        this.#clearTimer(job);
        this.#set(job, job.state === JobState.Requeued ? JobState.RequeuedHeld : JobState.QueuedHeld, 'HeldByUser');
        break;
      case 'release':
        this.#enqueue(job);
        this.#set(job, job.state === JobState.RequeuedHeld ? JobState.Requeued : JobState.Queued);
        this.#scheduleDispatch();
        break;
      case 'terminate':
        this.#end(job, JobState.Failed, 'Terminated', 'terminated by the user', job.state === JobState.Running || job.state === JobState.Suspended ? 'SIGKILL' : undefined);
        break;
    }
  }

  /** Puts a started job back in the queue, as a machine failure would (FAILED unless rerunnable). */
  requeue(jobId: string): void {
    const job = this.jobs.get(jobId);
    if (job === undefined || (job.state !== JobState.Running && job.state !== JobState.Suspended)) {
      throw new Drmaa2Error(ErrorCode.InvalidState, `job ${jobId}: only a started job can be requeued`);
    }
    if (job.template.rerunnable !== true) {
      this.#end(job, JobState.Failed, 'MachineFailure', 'its machine failed and the job is not rerunnable', 'SIGKILL');
      return;
    }
    this.#stopRunning(job, this.#clock.now());
    this.#release(job);
    this.#enqueue(job);
    this.#set(job, JobState.Requeued, 'MachineFailure');
    this.#scheduleDispatch();
  }

  reap(jobId: string): void {
    const job = this.jobs.get(jobId);
    if (job === undefined) throw new Drmaa2Error(ErrorCode.InvalidArgument, `job ${jobId}: unknown or already reaped`);
    assertReapAllowed(jobId, job.state);
    this.#forget(job);
  }

  destroySession(name: string): void {
    const session = this.sessions.get(name);
    if (session === undefined) throw new Drmaa2Error(ErrorCode.InvalidArgument, `job session ${name} does not exist`);
    this.sessions.delete(name);
    for (const jobId of session.jobIds) {
      const job = this.jobs.get(jobId);
      if (job !== undefined && isTerminal(job.state)) this.#forget(job);
    }
  }

  #forget(job: MemoryJob): void {
    this.jobs.delete(job.jobId);
    this.sessions.get(job.sessionName)?.jobIds.delete(job.jobId);
    if (job.arrayId !== undefined) {
      const array = this.arrays.get(job.arrayId);
      if (array !== undefined) {
        array.members -= 1;
        if (array.members === 0) this.arrays.delete(job.arrayId);
      }
    }
  }

  #emit(job: MemoryJob): void {
    const change: JobStateChange = job.subState === undefined
      ? { jobId: job.jobId, sessionName: job.sessionName, state: job.state }
      : { jobId: job.jobId, sessionName: job.sessionName, state: job.state, subState: job.subState };
    // A listener that subscribes or unsubscribes meanwhile drops the list, not this copy of it.
    const listeners = (this.#listenerList ??= [...this.#listeners]);
    for (const listener of listeners) listener(change);
  }

  #set(job: MemoryJob, state: JobState, subState?: string): void {
    if (job.state === state && job.subState === subState) return;
    job.state = state;
    job.subState = subState;
    this.#emit(job);
  }

  #clearTimer(job: MemoryJob): void {
    if (job.timer !== undefined) this.#clock.clearTimeout(job.timer);
    job.timer = undefined;
  }

  #startRunning(job: MemoryJob, now: number): void {
    job.runningSince = now;
    job.timer = this.#clock.setTimeout(() => this.#complete(job), job.remainingMs);
  }

  #stopRunning(job: MemoryJob, now: number): void {
    this.#clearTimer(job);
    if (job.runningSince === undefined) return;
    job.ranMs += now - job.runningSince;
    job.remainingMs = Math.max(0, job.remainingMs - (now - job.runningSince));
    job.runningSince = undefined;
  }

  #release(job: MemoryJob): void {
    if (!job.holdsSlots) return;
    const machine = this.#machines.find((m) => m.name === job.machine);
    if (machine !== undefined && job.slots !== undefined) machine.used -= job.slots;
    job.holdsSlots = false;
    const array = this.#arrayOf(job);
    if (array !== undefined) this.#updateArray(array, () => (array.running -= 1));
  }

  #complete(job: MemoryJob): void {
    const behaviour = job.behaviour ?? {};
    const signal = behaviour.terminatingSignal;
    const exitStatus = behaviour.exitStatus ?? (signal === undefined ? 0 : undefined);
    job.exitStatus = exitStatus;
    if (signal !== undefined) this.#end(job, JobState.Failed, 'Signaled', `ended by ${signal}`, signal);
    else if (exitStatus === 0) this.#end(job, JobState.Done, 'Completed');
    else this.#end(job, JobState.Failed, 'NonZeroExit', `exited with ${String(exitStatus)}`);
  }

  #end(job: MemoryJob, state: JobState, subState: string, annotation?: string, signal?: string): void {
    if (isTerminal(job.state)) return;
    const now = this.#clock.now();
    this.#dequeue(job);
    this.#stopRunning(job, now);
    this.#release(job);
    if (job.deadlineTimer !== undefined) this.#clock.clearTimeout(job.deadlineTimer);
    job.deadlineTimer = undefined;
    job.finishTime = now;
    if (signal !== undefined) job.terminatingSignal = signal;
    if (annotation !== undefined) job.annotation = annotation;
    this.#set(job, state, subState);
    if (!this.sessions.has(job.sessionName)) this.#forget(job);
    this.#scheduleDispatch();
  }

  #scheduleDispatch(): void {
    if (this.#dispatchPending) return;
    this.#dispatchPending = true;
    this.#clock.setTimeout(() => {
      this.#dispatchPending = false;
      this.#dispatch();
    }, 0);
  }

  #arrayOf(job: MemoryJob): MemoryArray | undefined {
    return job.arrayId === undefined ? undefined : this.arrays.get(job.arrayId);
  }

  /** Applies `change` to the array's counts, keeping {@link MemoryBackend.#unsettledInArrays} right. */
  #updateArray(array: MemoryArray, change: () => void): void {
    const before = unsettled(array);
    change();
    this.#unsettledInArrays += unsettled(array) - before;
  }

  /** Adds to (`delta` 1) or removes from (-1) the counts of the job's wait reason. */
  #count(job: MemoryJob, delta: 1 | -1): void {
    switch (job.waitReason) {
      case undefined:
        this.#unseen += delta;
        return;
      case 'startTime':
        return;
      case 'maxParallel': {
        const array = this.#arrayOf(job);
        if (array !== undefined) this.#updateArray(array, () => (array.waitingForParallel += delta));
        return;
      }
      case 'resources': {
        job.group.waiting += delta;
        const array = this.#arrayOf(job);
        if (array !== undefined) this.#updateArray(array, () => (array.waitingForResources += delta));
        return;
      }
    }
  }

  /** Records why a waiting job did not start (undefined: it must be looked at again). */
  #setWaitReason(job: MemoryJob, reason: WaitReason | undefined): void {
    if (job.waitReason === reason) return;
    this.#count(job, -1);
    if (job.waitReason === 'startTime') this.#clearStartTime(job);
    job.waitReason = reason;
    this.#count(job, 1);
  }

  #enqueue(job: MemoryJob): void {
    if (this.#waiting.has(job)) return;
    this.#waiting.add(job);
    job.waitReason = undefined;
    this.#count(job, 1);
  }

  #dequeue(job: MemoryJob): void {
    if (!this.#waiting.delete(job)) return;
    this.#count(job, -1);
    if (job.waitReason === 'startTime') this.#clearStartTime(job);
    job.waitReason = undefined;
  }

  #clearStartTime(job: MemoryJob): void {
    if (job.startTimer !== undefined) this.#clock.clearTimeout(job.startTimer);
    job.startTimer = undefined;
    if (job.startEntry !== undefined) this.#startTimes.cancel(job.startEntry);
    job.startEntry = undefined;
  }

  /** Waits for a job's `startTime`: a timer dispatches then (again, should it fire early). */
  #waitForStartTime(job: MemoryJob, startTime: number, now: number): void {
    this.#setWaitReason(job, 'startTime');
    if (job.startEntry === undefined) {
      const entry = { at: startTime, seq: job.seq, cancelled: false, callback: () => {
        job.startEntry = undefined;
        this.#setWaitReason(job, undefined);
      } };
      job.startEntry = entry;
      this.#startTimes.push(entry);
    }
    const arm = (at: number): void => {
      job.startTimer = this.#clock.setTimeout(() => {
        job.startTimer = undefined;
        const current = this.#clock.now();
        if (current < startTime) arm(current);
        else this.#scheduleDispatch();
      }, startTime - at);
    };
    if (job.startTimer === undefined) arm(now);
  }

  /** Whether looking at this waiting job now could start it or change its sub-state. */
  #mayChange(job: MemoryJob): boolean {
    switch (job.waitReason) {
      case undefined:
        return true;
      case 'startTime':
        return false;
      case 'maxParallel': {
        const array = this.#arrayOf(job);
        return array?.maxParallel === undefined || array.running < array.maxParallel;
      }
      case 'resources': {
        const array = this.#arrayOf(job);
        return (array?.maxParallel !== undefined && array.running >= array.maxParallel) || fits(job.group);
      }
    }
  }

  /** Whether some waiting job could start or change its sub-state. */
  #anyMayChange(): boolean {
    return this.#unseen > 0 || this.#unsettledInArrays > 0 || this.#groups.anyFits();
  }

  #dispatch(): void {
    const now = this.#clock.now();
    for (let due = this.#startTimes.peek(); due !== undefined && due.at <= now; due = this.#startTimes.peek()) {
      this.#startTimes.pop();
      due.callback();
    }
    this.#waiting.forEach((job) => {
      if (!this.#mayChange(job)) return this.#anyMayChange();
      this.#look(job, now);
      return true;
    });
  }

  /** Starts a waiting job, or records why it cannot start yet. */
  #look(job: MemoryJob, now: number): void {
    const startTime = job.template.startTime?.getTime();
    if (startTime !== undefined && startTime > now) {
      this.#waitForStartTime(job, startTime, now);
      this.#set(job, job.state, 'WaitingForStartTime');
      return;
    }
    const array = this.#arrayOf(job);
    if (array?.maxParallel !== undefined && array.running >= array.maxParallel) {
      this.#setWaitReason(job, 'maxParallel');
      this.#set(job, job.state, 'MaxParallelReached');
      return;
    }
    const machine = freeMachine(job.group);
    if (machine === undefined) {
      this.#setWaitReason(job, 'resources');
      this.#set(job, job.state, 'WaitingForResources');
      return;
    }
    this.#dequeue(job);
    this.#run(job, machine, job.group.slots, now);
  }

  #run(job: MemoryJob, machine: ResolvedMachine, slots: number, now: number): void {
    const behaviour = this.#behaviour?.({ jobId: job.jobId, template: job.template, ...(job.index === undefined ? {} : { index: job.index }) }) ?? builtinBehaviour(job.template);
    job.behaviour = behaviour;
    job.dispatchTime ??= now;
    if (behaviour.failToStart !== undefined) {
      this.#end(job, JobState.Failed, behaviour.failToStart, `the job could not start: ${behaviour.failToStart}`);
      return;
    }
    machine.used += slots;
    job.holdsSlots = true;
    const array = this.#arrayOf(job);
    if (array !== undefined) this.#updateArray(array, () => (array.running += 1));
    job.machine = machine.name;
    job.slots = slots;
    job.remainingMs = Math.max(0, (behaviour.runSeconds ?? 0) * 1000);
    this.#startRunning(job, now);
    this.#set(job, JobState.Running);
  }
}
