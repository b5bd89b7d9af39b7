import { hostname, userInfo } from 'node:os';
import {
  Capability,
  Drmaa2Error,
  ErrorCode,
  JobControl,
  isDrmaa2Error,
  systemClock,
  type CallOptions,
  type Clock,
  type JobArrayRecord,
  type JobRecord,
  type JobStateChange,
  type JobTemplate,
  type SessionRecord,
  type SubmitJobArrayRequest,
  type SubmitJobRequest,
  type Tracker,
  type TrackerPlugin,
} from '@drmaa2/core';
import type { JobBehaviourFunction } from './job-behaviour.js';
import { MemoryBackend } from './memory-backend.js';
import { assertSchedulable, defaultMachines, machineInfo, resolveMachines, type MemoryMachine } from './memory-machines.js';
import { memoryJobRecord, type SubmitterIdentity } from './memory-job.js';

/** Options of {@link memoryTracker}. */
export interface MemoryTrackerOptions {
  /** The clock jobs run on; default the wall clock. Pass a `VirtualClock` for fast, deterministic tests. */
  readonly clock?: Clock;
  /** Decides how jobs behave; default: the built-in commands (see `builtinBehaviour`). */
  readonly behaviour?: JobBehaviourFunction;
  /** The machines; default two of 8 slots and 16 GiB each, `memory-1` and `memory-2`. */
  readonly machines?: readonly MemoryMachine[];
  /** The queues; default `['default']`. `queueName` must be one of them. */
  readonly queues?: readonly string[];
  /** The job categories; default: none, and any `jobCategory` is accepted. */
  readonly jobCategories?: readonly string[];
  /** The most members one `runBulkJobs` may create; default 100,000. */
  readonly maxArraySize?: number;
}

/** The memory tracker's plugin, with test controls on top of the tracker plugin contract. */
export interface MemoryTrackerPlugin extends TrackerPlugin {
  /** Always `'memory'`. */
  readonly name: 'memory';
  /** The clock its jobs run on. */
  readonly clock: Clock;
  /**
   * Simulates the failure of a started job's machine: a `rerunnable` job becomes `REQUEUED` and runs
   * again; any other ends `FAILED` with sub-state `MachineFailure`.
   * @throws Drmaa2Error `INVALID_STATE` unless the job is `RUNNING` or `SUSPENDED`.
   */
  requeueJob(jobId: string): void;
  /**
   * Simulates a backend fault, for testing how a program copes with one: until it is called again
   * with `undefined`, every call of every connection (and `connect`) rejects with `error`, such as
   * a `Drmaa2Error` with code `DRM_COMMUNICATION` (backend unreachable) or `TRY_LATER`. Jobs keep
   * running meanwhile, and state changes are still pushed, as a real backend's would be.
   * @throws Drmaa2Error `INVALID_ARGUMENT` when `error` is neither a `Drmaa2Error` nor `undefined`.
   */
  simulateFault(error: Drmaa2Error | undefined): void;
}

const drmsVersion = { major: '0', minor: '1' };
const controls = new Set<JobControl>(Object.values(JobControl));
const capabilities = new Set<Capability>([Capability.Callback, Capability.BulkJobsMaxParallel, Capability.JtDeadline, Capability.JtMaxSlots, Capability.JtAccountingId]);

function checked(options: CallOptions | undefined): void {
  options?.signal?.throwIfAborted();
}

function bulkIndices(request: SubmitJobArrayRequest, maxArraySize: number): number[] {
  const count = Math.floor((request.end - request.begin) / request.step) + 1;
  if (count > maxArraySize) {
    throw new Drmaa2Error(ErrorCode.InvalidArgument, `runBulkJobs: ${count} members exceed this memory tracker's maxArraySize of ${maxArraySize}`);
  }
  return Array.from({ length: count }, (_, i) => request.begin + i * request.step);
}

function identity(): SubmitterIdentity {
  let owner = 'unknown';
  try {
    owner = userInfo().username;
  } catch {
    // No passwd entry (some containers): the owner stays unknown.
  }
  return { owner, machine: hostname() };
}

/**
 * A DRMAA2 tracker that runs jobs in memory: the reference implementation of DRMAA2's semantics,
 * for testing programs that use DRMAA2. Every job control, submit-as-hold, arrays with
 * `maxParallel`, `startTime`, `deadlineTime`, machines, queues, categories and events.
 *
 * Sessions and jobs live as long as the plugin instance: a new `SessionManager` on the same
 * instance reopens them.
 */
export function memoryTracker(options: MemoryTrackerOptions = {}): MemoryTrackerPlugin {
  const clock = options.clock ?? systemClock;
  const machines = resolveMachines(options.machines ?? defaultMachines);
  const backend = new MemoryBackend(clock, machines, options.behaviour);
  const queues = options.queues ?? ['default'];
  const maxArraySize = options.maxArraySize ?? 100_000;
  const who = identity();
  let fault: Drmaa2Error | undefined;
  const healthy = (): void => {
    if (fault !== undefined) throw fault;
  };

  function validate(template: JobTemplate): void {
    if (template.queueName !== undefined && !queues.includes(template.queueName)) {
      throw new Drmaa2Error(ErrorCode.InvalidArgument, `JobTemplate.queueName: ${JSON.stringify(template.queueName)} is not a queue (queues: ${queues.join(', ')})`);
    }
    assertSchedulable(machines, template);
  }

  const record = (jobId: string): JobRecord | undefined => {
    const job = backend.jobs.get(jobId);
    return job === undefined ? undefined : memoryJobRecord(job, backend.now(), who);
  };

  function connect(): Tracker {
    const subscriptions = new Set<(change: JobStateChange) => void>();
    let closed = false;
    const open = (options?: CallOptions): void => {
      if (closed) throw new Drmaa2Error(ErrorCode.InvalidSession, 'memory tracker connection was closed');
      checked(options);
      healthy();
    };
    return {
      capabilities,
      controls,
      extensions: [],
      clock,
      drmsName: async (o) => (open(o), 'memory'),
      drmsVersion: async (o) => (open(o), drmsVersion),
      jobCategories: async (o) => (open(o), options.jobCategories),
      async createSession(name, contact, o): Promise<SessionRecord> {
        open(o);
        if (backend.sessions.has(name)) throw new Drmaa2Error(ErrorCode.InvalidArgument, `job session ${name} already exists`);
        const session = { contact: contact ?? 'memory', jobIds: new Set<string>() };
        backend.sessions.set(name, session);
        return { name, contact: session.contact };
      },
      async openSession(name, o): Promise<SessionRecord> {
        open(o);
        const session = backend.sessions.get(name);
        if (session === undefined) throw new Drmaa2Error(ErrorCode.InvalidArgument, `job session ${name} does not exist`);
        return { name, contact: session.contact };
      },
      destroySession: async (name, o) => (open(o), backend.destroySession(name)),
      sessionNames: async (o) => (open(o), [...backend.sessions.keys()]),
      async submitJob(request: SubmitJobRequest, o): Promise<JobRecord> {
        open(o);
        validate(request.template);
        const job = backend.submit(request.sessionName, request.template);
        return memoryJobRecord(job, backend.now(), who);
      },
      async submitJobArray(request: SubmitJobArrayRequest, o): Promise<JobArrayRecord> {
        open(o);
        validate(request.template);
        const array = backend.submitArray(request.sessionName, request.template, bulkIndices(request, maxArraySize), request.maxParallel);
        return { arrayId: array.arrayId, sessionName: array.sessionName, jobIds: [...array.jobIds] };
      },
      getJob: async (jobId, o) => (open(o), record(jobId)),
      getJobTemplate: async (jobId, o) => {
        open(o);
        const job = backend.jobs.get(jobId);
        return job === undefined ? undefined : structuredClone(job.template);
      },
      async listJobs(query, o): Promise<JobRecord[]> {
        open(o);
        const ids = query.sessionName === undefined ? [...backend.jobs.keys()] : [...backend.session(query.sessionName).jobIds];
        return ids.map(record).filter((r): r is JobRecord => r !== undefined);
      },
      async getJobArray(sessionName, arrayId, o): Promise<JobArrayRecord | undefined> {
        open(o);
        const array = backend.arrays.get(arrayId);
        if (array === undefined || array.sessionName !== sessionName) return undefined;
        return { arrayId, sessionName, jobIds: [...array.jobIds] };
      },
      getJobArrayTemplate: async (arrayId, o) => {
        open(o);
        const array = backend.arrays.get(arrayId);
        return array === undefined ? undefined : structuredClone(array.template);
      },
      controlJob: async (jobId, control, o) => (open(o), backend.control(jobId, control)),
      reapJob: async (jobId, o) => (open(o), backend.reap(jobId)),
      subscribe(listener) {
        if (closed) throw new Drmaa2Error(ErrorCode.InvalidSession, 'memory tracker connection was closed');
        subscriptions.add(listener);
        backend.addListener(listener);
        return () => {
          subscriptions.delete(listener);
          backend.removeListener(listener);
        };
      },
      machines: async (o) => (open(o), machines.map(machineInfo)),
      queues: async (o) => (open(o), queues.map((name) => ({ name }))),
      async close(): Promise<void> {
        closed = true;
        for (const listener of subscriptions) backend.removeListener(listener);
        subscriptions.clear();
        return Promise.resolve();
      },
    };
  }

  return {
    name: 'memory',
    clock,
    connect: async (o) => (checked(o), healthy(), connect()),
    requeueJob: (jobId) => backend.requeue(jobId),
    simulateFault(error) {
      if (error !== undefined && !isDrmaa2Error(error)) {
        throw new Drmaa2Error(ErrorCode.InvalidArgument, 'simulateFault: error must be a Drmaa2Error or undefined');
      }
      fault = error;
    },
  };
}
