import type { JobState } from './job-state.js';

/** The DRMAA2 event kinds. Values are the specification's names. */
export const DrmaaEvent = {
  /** The job entered `jobState`. */
  NewState: 'NEW_STATE',
  /** The job moved to other resources; `jobState` is the state after the move. */
  Migrated: 'MIGRATED',
  /** A monitored JobInfo value changed. */
  AttributeChange: 'ATTRIBUTE_CHANGE',
} as const;

/** One of the {@link DrmaaEvent} values. */
export type DrmaaEvent = (typeof DrmaaEvent)[keyof typeof DrmaaEvent];

/** What an event callback receives. */
export interface EventNotification {
  /** What happened; core delivers `NEW_STATE`. */
  readonly event: DrmaaEvent;
  /** The job it happened to. */
  readonly jobId: string;
  /** The job's session; unset for jobs not submitted through DRMAA2. */
  readonly sessionName: string | undefined;
  /** The state the job entered (for `NEW_STATE`), or is in after the event. */
  readonly jobState: JobState;
  /** The backend's refinement of `jobState`, when it has one. */
  readonly jobSubState?: string;
}

/** An event callback. It should return quickly; what it throws goes to the manager's `onCallbackError`. */
export type EventCallback = (notification: EventNotification) => void;
