import type { JobInfo, JobRecord, JobState, JobTemplate, TimerHandle } from '@drmaa2/core';
import type { JobBehaviour } from './job-behaviour.js';
import type { ResourceGroup } from './resource-group.js';
import type { QueuedTimer } from './timer-queue.js';

/**
 * @internal Why a waiting job did not start at the last dispatch that looked at it: its
 * `startTime` is ahead, its array runs `maxParallel` members, or no machine has its slots free.
 */
export type WaitReason = 'startTime' | 'maxParallel' | 'resources';

/** @internal One job of the memory backend, mutable, owned by the backend. */
export interface MemoryJob {
  readonly jobId: string;
  readonly sessionName: string;
  readonly arrayId?: string;
  readonly index?: number;
  readonly template: JobTemplate;
  readonly seq: number;
  readonly submissionTime: number;
  state: JobState;
  subState?: string;
  annotation?: string;
  behaviour?: JobBehaviour;
  machine?: string;
  slots?: number;
  /** True while the job occupies `slots` on `machine` (running or suspended). */
  holdsSlots: boolean;
  dispatchTime?: number;
  finishTime?: number;
  exitStatus?: number;
  terminatingSignal?: string;
  /** Running time still to go, in ms. */
  remainingMs: number;
  /** When the current running stretch began. */
  runningSince?: number;
  /** Running time so far, in ms, excluding the current stretch. */
  ranMs: number;
  /** The running timer: fires when the job's running time is used up. */
  timer?: TimerHandle;
  deadlineTimer?: TimerHandle;
  /** Owned by the backend's wait queue: non-zero while the job is QUEUED or REQUEUED. */
  queueToken: number;
  /** The machines and slots the job needs. */
  readonly group: ResourceGroup;
  /** While it waits (QUEUED or REQUEUED): why it did not start, or undefined when not looked at since it began to wait. */
  waitReason?: WaitReason;
  /** While it waits for its `startTime`: the timer that triggers a dispatch then. */
  startTimer?: TimerHandle;
  /** While it waits for its `startTime`: its place among the jobs waiting for theirs. */
  startEntry?: QueuedTimer;
}

/** @internal Identity of the submitting side, recorded in every JobInfo. */
export interface SubmitterIdentity {
  readonly owner: string;
  readonly machine: string;
}

/** @internal The JobInfo snapshot of a memory job at `now`. */
export function memoryJobRecord(job: MemoryJob, now: number, who: SubmitterIdentity): JobRecord {
  const ranMs = job.ranMs + (job.runningSince === undefined ? 0 : now - job.runningSince);
  const info: JobInfo & { jobId: string; jobState: JobState } = {
    jobId: job.jobId,
    jobState: job.state,
    jobOwner: who.owner,
    submissionMachine: who.machine,
    submissionTime: new Date(job.submissionTime),
    slots: job.template.minSlots ?? 1,
    queueName: job.template.queueName ?? 'default',
  };
  if (job.template.jobName !== undefined) info.jobName = job.template.jobName;
  if (job.subState !== undefined) info.jobSubState = job.subState;
  if (job.annotation !== undefined) info.annotation = job.annotation;
  if (job.exitStatus !== undefined) info.exitStatus = job.exitStatus;
  if (job.terminatingSignal !== undefined) info.terminatingSignal = job.terminatingSignal;
  if (job.machine !== undefined) info.allocatedMachines = [{ machineName: job.machine, slots: job.slots ?? 1 }];
  if (job.dispatchTime !== undefined) {
    info.dispatchTime = new Date(job.dispatchTime);
    info.wallclockTime = ((job.finishTime ?? now) - job.dispatchTime) / 1000;
    info.cpuTime = Math.floor(ranMs / 1000);
  }
  if (job.finishTime !== undefined) info.finishTime = new Date(job.finishTime);
  const record: JobRecord = job.arrayId === undefined
    ? { jobId: job.jobId, sessionName: job.sessionName, info }
    : { jobId: job.jobId, sessionName: job.sessionName, arrayId: job.arrayId, info };
  return record;
}
