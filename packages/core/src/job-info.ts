import type { JobState } from './job-state.js';
import type { SlotInfo } from './machine-types.js';

/**
 * A snapshot of what the DRM knows about a job. Any field may be unset (`undefined`). Times are
 * `Date`s, durations seconds.
 *
 * As a filter (`getJobs`, `getAllJobs`) unset fields are ignored and every set field must match;
 * see `matchesJobInfoFilter` for the rules per field.
 */
export interface JobInfo {
  /** The backend's job id. */
  jobId?: string;
  /** The job's name, from `JobTemplate.jobName` or as the backend shows it. */
  jobName?: string;
  /** The exit code; unset until the job has ended, or when unknown. */
  exitStatus?: number;
  /** The signal that ended the job, such as `SIGKILL`; unset when no signal did. */
  terminatingSignal?: string;
  /** A human-readable explanation of the state. Never compared in filters. */
  annotation?: string;
  /** The DRMAA2 state. */
  jobState?: JobState;
  /** A backend-specific refinement of `jobState`. */
  jobSubState?: string;
  /** Where the job runs or ran. */
  allocatedMachines?: readonly SlotInfo[];
  /** The host the job was submitted from. */
  submissionMachine?: string;
  /** The job's owner as the backend reports it. */
  jobOwner?: string;
  /** Slots allocated to the job. */
  slots?: number;
  /** The queue the job was submitted to. */
  queueName?: string;
  /** Elapsed wall-clock time, in seconds. */
  wallclockTime?: number;
  /** Accumulated CPU time, in seconds. */
  cpuTime?: number;
  /** When the job was submitted. */
  submissionTime?: Date;
  /** When the job first started running. */
  dispatchTime?: Date;
  /** When the job ended. */
  finishTime?: Date;
  /** Backend-specific information; never compared in filters. */
  extensions?: Readonly<Record<string, string>>;
}
