/**
 * The DRMAA2 job states. Values are the specification's names.
 *
 * - `UNDETERMINED`: the state cannot be found out, and asking again will not help.
 * - `QUEUED` / `QUEUED_HELD`: waiting to be scheduled; held by a user, admin or the system.
 * - `RUNNING` / `SUSPENDED`: started; paused after it started.
 * - `REQUEUED` / `REQUEUED_HELD`: started once, put back in the queue by the DRM; and held.
 * - `DONE` / `FAILED`: finished without error; ended abnormally or could not run. Both are final.
 */
export const JobState = {
  Undetermined: 'UNDETERMINED',
  Queued: 'QUEUED',
  QueuedHeld: 'QUEUED_HELD',
  Running: 'RUNNING',
  Suspended: 'SUSPENDED',
  Requeued: 'REQUEUED',
  RequeuedHeld: 'REQUEUED_HELD',
  Done: 'DONE',
  Failed: 'FAILED',
} as const;

/** One of the {@link JobState} values. */
export type JobState = (typeof JobState)[keyof typeof JobState];

/** Every job state, in the order the specification lists them. */
export const jobStates: readonly JobState[] = Object.freeze(Object.values(JobState));

/** True for `DONE` and `FAILED`, the two final states. */
export function isTerminal(state: JobState): boolean {
  return state === JobState.Done || state === JobState.Failed;
}

/** True for the Started group: `RUNNING` and `SUSPENDED`. */
export function isStarted(state: JobState): boolean {
  return state === JobState.Running || state === JobState.Suspended;
}

/** True for the queued group: `QUEUED`, `QUEUED_HELD`, `REQUEUED` and `REQUEUED_HELD`. */
export function isQueued(state: JobState): boolean {
  return (
    state === JobState.Queued ||
    state === JobState.QueuedHeld ||
    state === JobState.Requeued ||
    state === JobState.RequeuedHeld
  );
}

/** Narrows an unknown value to a {@link JobState}. */
export function isJobState(value: unknown): value is JobState {
  return typeof value === 'string' && (jobStates as readonly string[]).includes(value);
}
