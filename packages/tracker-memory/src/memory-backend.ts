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
import { eligibleMachines, type ResolvedMachine } from './memory-machines.js';
import type { MemoryJob } from './memory-job.js';

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
}

/**
 * @internal The state of one memory tracker instance: sessions, jobs, arrays and machines, and
 * the rules that move jobs between states. Everything happens synchronously on the clock's timers,
 * so a virtual clock makes every run the same.
 */
export class MemoryBackend {
  readonly sessions = new Map<string, MemorySession>();
  readonly jobs = new Map<string, MemoryJob>();
  readonly arrays = new Map<string, MemoryArray>();
  readonly listeners = new Set<(change: JobStateChange) => void>();
  readonly #clock: Clock;
  readonly #machines: ResolvedMachine[];
  readonly #behaviour: JobBehaviourFunction | undefined;
  #nextId = 1;
  #dispatchPending = false;

  constructor(clock: Clock, machines: ResolvedMachine[], behaviour: JobBehaviourFunction | undefined) {
    this.#clock = clock;
    this.#machines = machines;
    this.#behaviour = behaviour;
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
    const job: MemoryJob = {
      jobId: String(this.#nextId++),
      sessionName,
      ...(array === undefined ? {} : { arrayId: array.arrayId, index: array.index }),
      template,
      seq: this.#nextId,
      submissionTime: this.#clock.now(),
      state: template.submitAsHold === true ? JobState.QueuedHeld : JobState.Queued,
      remainingMs: 0,
      ranMs: 0,
      holdsSlots: false,
    };
    this.jobs.set(job.jobId, job);
    session.jobIds.add(job.jobId);
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
    const array: MemoryArray = { arrayId, sessionName, template, jobIds, ...(maxParallel === undefined ? {} : { maxParallel }) };
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
        this.#clearTimer(job);
        this.#set(job, job.state === JobState.Requeued ? JobState.RequeuedHeld : JobState.QueuedHeld, 'HeldByUser');
        break;
      case 'release':
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
      if (array !== undefined && array.jobIds.every((id) => !this.jobs.has(id))) this.arrays.delete(job.arrayId);
    }
  }

  #emit(job: MemoryJob): void {
    const change: JobStateChange = { jobId: job.jobId, sessionName: job.sessionName, state: job.state, ...(job.subState === undefined ? {} : { subState: job.subState }) };
    for (const listener of [...this.listeners]) listener(change);
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

  #runningInArray(arrayId: string): number {
    let running = 0;
    for (const id of this.arrays.get(arrayId)?.jobIds ?? []) {
      const state = this.jobs.get(id)?.state;
      if (state === JobState.Running || state === JobState.Suspended) running += 1;
    }
    return running;
  }

  #dispatch(): void {
    const now = this.#clock.now();
    const waiting = [...this.jobs.values()]
      .filter((job) => job.state === JobState.Queued || job.state === JobState.Requeued)
      .sort((a, b) => a.seq - b.seq);
    for (const job of waiting) {
      const startTime = job.template.startTime?.getTime();
      if (startTime !== undefined && startTime > now) {
        this.#set(job, job.state, 'WaitingForStartTime');
        job.timer ??= this.#clock.setTimeout(() => {
          job.timer = undefined;
          this.#scheduleDispatch();
        }, startTime - now);
        continue;
      }
      const array = job.arrayId === undefined ? undefined : this.arrays.get(job.arrayId);
      if (array?.maxParallel !== undefined && this.#runningInArray(array.arrayId) >= array.maxParallel) {
        this.#set(job, job.state, 'MaxParallelReached');
        continue;
      }
      const slots = job.template.minSlots ?? 1;
      const machine = eligibleMachines(this.#machines, job.template).find((m) => m.slots - m.used >= slots);
      if (machine === undefined) {
        this.#set(job, job.state, 'WaitingForResources');
        continue;
      }
      this.#run(job, machine, slots, now);
    }
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
    job.machine = machine.name;
    job.slots = slots;
    job.remainingMs = Math.max(0, (behaviour.runSeconds ?? 0) * 1000);
    this.#startRunning(job, now);
    this.#set(job, JobState.Running);
  }
}
