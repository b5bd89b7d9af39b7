import type { Capability } from './capability.js';
import type { Clock } from './clock.js';
import type { JobInfo } from './job-info.js';
import type { JobState } from './job-state.js';
import type { JobTemplate } from './job-template.js';
import type { MachineInfo, QueueInfo, Version } from './machine-types.js';

/** The job control operations of DRMAA2. */
export const JobControl = {
  Suspend: 'suspend',
  Resume: 'resume',
  Hold: 'hold',
  Release: 'release',
  Terminate: 'terminate',
} as const;

/** One of the {@link JobControl} operations. */
export type JobControl = (typeof JobControl)[keyof typeof JobControl];

/** The last argument of every SPI call that talks to the backend. */
export interface CallOptions {
  /** Aborts the call; the call then rejects with `signal.reason`. */
  readonly signal?: AbortSignal;
}

/** A persisted job session as the backend stores it. */
export interface SessionRecord {
  /** The session's name, its persistence key. */
  readonly name: string;
  /** The contact given at creation, or the backend's default for it. */
  readonly contact: string;
}

/** A job's state with the backend's refinement of it. */
export interface JobStatus {
  /** The DRMAA2 state. */
  readonly state: JobState;
  /** The backend's refinement of `state`, such as why a job is still queued. */
  readonly subState?: string;
}

/** What the backend knows of one job. */
export interface JobRecord {
  /** The backend's job id. */
  readonly jobId: string;
  /** The session the job belongs to; unset for jobs not submitted through DRMAA2. */
  readonly sessionName?: string;
  /** The id of the array the job belongs to, when it is a bulk member. */
  readonly arrayId?: string;
  /** The job's JobInfo; `jobId`, `jobState` are always set. */
  readonly info: JobInfo & { readonly jobId: string; readonly jobState: JobState };
}

/** What the backend knows of one job array. */
export interface JobArrayRecord {
  /** The backend's array id. */
  readonly arrayId: string;
  /** The session the array belongs to. */
  readonly sessionName: string;
  /** The member job ids, in index order. */
  readonly jobIds: readonly string[];
}

/** A job submission, after core validated the template. */
export interface SubmitJobRequest {
  /** The session to submit in; it exists. */
  readonly sessionName: string;
  /** The validated private copy of the caller's template. */
  readonly template: JobTemplate;
}

/** An array submission, after core validated the template and the range. */
export interface SubmitJobArrayRequest {
  /** The session to submit in; it exists. */
  readonly sessionName: string;
  /** The template with `$DRMAA2_INDEX$` still in it; `templateForIndex` gives a member's. */
  readonly template: JobTemplate;
  /** The first index, at least 1. */
  readonly begin: number;
  /** The last index allowed, at least `begin`; the last member's index may be below it. */
  readonly end: number;
  /** The distance between indices, at least 1. */
  readonly step: number;
  /** The most members running at once; unset means no limit. */
  readonly maxParallel?: number;
}

/** A state change pushed by the backend. */
export interface JobStateChange {
  /** The job that changed. */
  readonly jobId: string;
  /** Its session; unset for jobs not submitted through DRMAA2. */
  readonly sessionName?: string;
  /** The state it is in now. */
  readonly state: JobState;
  /** The backend's refinement of `state`. */
  readonly subState?: string;
}

/** A backend-specific template extension a tracker accepts in `JobTemplate.extensions`. */
export interface ExtensionInfo {
  /** The key in `JobTemplate.extensions`. */
  readonly name: string;
  /** What the extension does and which values it takes. */
  readonly description: string;
}

/**
 * A connected backend: the tracker SPI. The session API in core is written only against this.
 *
 * Contract for implementors:
 * - Every method that talks to the backend is async and honours `options.signal`.
 * - Errors are `Drmaa2Error`s with the specification's codes: `INVALID_ARGUMENT` for an unknown
 *   session name, a duplicate one, or a template value the backend cannot map (naming the field);
 *   `INVALID_SESSION` when a destroyed session is used; `INVALID_STATE` when a control does not fit
 *   the job's current state; `DRM_COMMUNICATION`, `TRY_LATER`, `DENIED_BY_DRMS` for backend faults.
 * - A submission that fails leaves nothing behind; one that succeeds is persisted before it returns.
 * - `getJob` returns `undefined` for unknown and reaped jobs.
 * - Optional parts: `subscribe` (pushes state changes; without it core polls `listJobs`, once per
 *   tick for all waiters), `capabilities` (missing = false), `controls` (the job controls it can do).
 */
export interface Tracker {
  /** The optional DRMAA2 capabilities this backend has. */
  readonly capabilities: ReadonlySet<Capability>;
  /** The job controls this backend can do; others raise `UNSUPPORTED_OPERATION` in core. */
  readonly controls: ReadonlySet<JobControl>;
  /** The template extensions this backend accepts. */
  readonly extensions: readonly ExtensionInfo[];
  /** The clock core runs wait timeouts on; default: the wall clock. */
  readonly clock?: Clock;
  /** How often core polls `listJobs` for waits when `subscribe` is missing; default 1000 ms. */
  readonly pollIntervalMs?: number;

  /** The backend's name, such as `kubernetes`. */
  drmsName(options?: CallOptions): Promise<string>;
  /** The backend's version. */
  drmsVersion(options?: CallOptions): Promise<Version>;
  /** The valid `jobCategory` values; `undefined` means any string is valid. */
  jobCategories(options?: CallOptions): Promise<readonly string[] | undefined>;
  /**
   * Optional: when any string is valid, the categories worth showing in `getJobCategories()`
   * (say, the images a cluster already holds). Not used for validation.
   */
  suggestedJobCategories?(options?: CallOptions): Promise<readonly string[]>;

  /** Persists a new session; a taken name is `INVALID_ARGUMENT`. Unset `contact`: the backend's default. */
  createSession(name: string, contact: string | undefined, options?: CallOptions): Promise<SessionRecord>;
  /** The stored session of that name; an unknown name is `INVALID_ARGUMENT`. */
  openSession(name: string, options?: CallOptions): Promise<SessionRecord>;
  /** Deletes the session record and its stored job data; never touches running jobs. */
  destroySession(name: string, options?: CallOptions): Promise<void>;
  /** The names of the persisted sessions the caller may access. */
  sessionNames(options?: CallOptions): Promise<string[]>;

  /**
   * Creates and persists one job, after validating what the backend needs; on failure nothing is
   * left behind. Resolves with the job in a DRMAA2 state.
   */
  submitJob(request: SubmitJobRequest, options?: CallOptions): Promise<JobRecord>;
  /** Creates and persists an array (one backend object where it can); all members or none. */
  submitJobArray(request: SubmitJobArrayRequest, options?: CallOptions): Promise<JobArrayRecord>;
  /** The job's record; `undefined` for unknown and reaped jobs. */
  getJob(jobId: string, options?: CallOptions): Promise<JobRecord | undefined>;
  /** The template the job was submitted with; `undefined` when the job is unknown. */
  getJobTemplate(jobId: string, options?: CallOptions): Promise<JobTemplate | undefined>;
  /** Jobs of one session, or every visible job when `sessionName` is unset. */
  listJobs(query: { readonly sessionName?: string }, options?: CallOptions): Promise<JobRecord[]>;
  /** The array, when that session holds it; `undefined` otherwise (unknown, reaped, another session's). */
  getJobArray(sessionName: string, arrayId: string, options?: CallOptions): Promise<JobArrayRecord | undefined>;
  /** The array's template, with placeholders still in it. */
  getJobArrayTemplate(arrayId: string, options?: CallOptions): Promise<JobTemplate | undefined>;
  /**
   * Applies a control; core has checked the DRMAA2 precondition against the job's state. Resolves
   * once the backend acknowledged; the state change may follow later.
   */
  controlJob(jobId: string, control: JobControl, options?: CallOptions): Promise<void>;
  /** Removes a terminated job and everything created for it. */
  reapJob(jobId: string, options?: CallOptions): Promise<void>;
  /**
   * Applies a control to every member of an array in one backend operation, for backends whose
   * arrays are one object. Core has checked that at least one member's state allows it. Without
   * it, core applies `controlJob` to each member whose state allows the control.
   */
  controlJobArray?(arrayId: string, control: JobControl, options?: CallOptions): Promise<void>;
  /** Reaps every member of an array at once; core has checked that all are terminated. */
  reapJobArray?(arrayId: string, options?: CallOptions): Promise<void>;
  /** Pushes every state change the backend sees, in order per job; returns the unsubscribe function. */
  subscribe?(listener: (change: JobStateChange) => void): () => void;

  /** Every machine of the backend. */
  machines(options?: CallOptions): Promise<MachineInfo[]>;
  /** Every queue of the backend. */
  queues(options?: CallOptions): Promise<QueueInfo[]>;

  /** Ends every watch, timer and connection of this connection. Jobs and sessions are untouched. */
  close(): Promise<void>;
}

/**
 * A tracker package's plugin: a name and a way to connect. Backend state that must outlive one
 * connection (sessions, for a backend without persistence of its own) lives in the plugin, so a
 * new session manager on the same plugin instance sees it.
 */
export interface TrackerPlugin {
  /** The registry name, such as `'memory'` or `'kubernetes'`. */
  readonly name: string;
  /** Opens a connection to the backend; each `SessionManager` makes one on first use. */
  connect(options?: CallOptions): Promise<Tracker>;
}
