import type { JobState, SlotInfo } from '@drmaa2/core';

/** What the state mapping derives from a Job and its pods: a job's state and the JobInfo parts it can know. */
export interface ObservedStatus {
  state: JobState;
  /** The Kubernetes refinement: a condition, pod or container reason such as `Unschedulable`, `OOMKilled`. */
  subState?: string;
  /** A human-readable explanation, from Kubernetes' messages. */
  annotation?: string;
  /** The job container's exit code, once it has ended. */
  exitStatus?: number;
  /** `SIGKILL` and the like, when a signal ended the job container. */
  terminatingSignal?: string;
  /** When the job container first started running. */
  dispatchTime?: Date;
  /** When the job ended (only for DONE and FAILED). */
  finishTime?: Date;
  /** The nodes the job's pods were bound to. */
  allocatedMachines?: SlotInfo[];
  /** Seconds from dispatch to finish (or to `now` while running). */
  wallclockTime?: number;
  /** CPUs requested for the job container (1 when none). */
  slots?: number;
  /**
   * True while the job is ending but its verdict must wait for the pods' last word: a terminated
   * job whose container still runs (its exit code and signal are not known yet). The state shown
   * meanwhile is the last one reported; this field never reaches a JobInfo.
   */
  verdictPending?: boolean;
}
