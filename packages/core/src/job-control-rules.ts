import { Drmaa2Error } from './drmaa2-error.js';
import { ErrorCode } from './error-code.js';
import { JobState, isTerminal } from './job-state.js';
import type { JobControl } from './tracker.js';

const allowedFrom: Record<Exclude<JobControl, 'terminate'>, readonly JobState[]> = {
  suspend: [JobState.Running],
  resume: [JobState.Suspended],
  hold: [JobState.Queued, JobState.Requeued],
  release: [JobState.QueuedHeld, JobState.RequeuedHeld],
};

/**
 * True when DRMAA2 allows `control` in `state`: suspend from `RUNNING`, resume from `SUSPENDED`,
 * hold from `QUEUED`/`REQUEUED`, release from `QUEUED_HELD`/`REQUEUED_HELD`, terminate from any
 * state but `DONE` and `FAILED` (queued and held jobs are cancelled, as every implementation does).
 */
export function isControlAllowed(control: JobControl, state: JobState): boolean {
  if (control === 'terminate') return !isTerminal(state);
  return allowedFrom[control].includes(state);
}

/**
 * Throws unless DRMAA2 allows `control` on a job in `state` (see {@link isControlAllowed}).
 * @throws Drmaa2Error `INVALID_STATE` naming the job, the operation and the state.
 */
export function assertControlAllowed(jobId: string, control: JobControl, state: JobState): void {
  if (!isControlAllowed(control, state)) {
    throw new Drmaa2Error(ErrorCode.InvalidState, `job ${jobId}: ${control} is not allowed in state ${state}`);
  }
}

/**
 * Throws unless the job may be reaped, which is only in `DONE` or `FAILED`.
 * @throws Drmaa2Error `INVALID_STATE`.
 */
export function assertReapAllowed(jobId: string, state: JobState): void {
  if (!isTerminal(state)) {
    throw new Drmaa2Error(ErrorCode.InvalidState, `job ${jobId}: reap is only allowed in DONE or FAILED, not ${state}`);
  }
}
