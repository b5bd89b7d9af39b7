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
  jobId?: string;
  jobName?: string;
  /** The exit code; unset until the job has ended, or when unknown. */
  exitStatus?: number;
  /** The signal that ended the job, such as `SIGKILL`; unset when no signal did. */
  terminatingSignal?: string;
  /** A human-readable explanation of the state. Never compared in filters. */
  annotation?: string;
  jobState?: JobState;
  /** A backend-specific refinement of `jobState`. */
  jobSubState?: string;
  /** Where the job runs or ran. */
  allocatedMachines?: readonly SlotInfo[];
  /** The host the job was submitted from. */
  submissionMachine?: string;
  jobOwner?: string;
  slots?: number;
  queueName?: string;
  /** Elapsed wall-clock time, in seconds. */
  wallclockTime?: number;
  /** Accumulated CPU time, in seconds. */
  cpuTime?: number;
  submissionTime?: Date;
  dispatchTime?: Date;
  finishTime?: Date;
  /** Backend-specific information; never compared in filters. */
  extensions?: Readonly<Record<string, string>>;
}
