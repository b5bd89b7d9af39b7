import type { Capability, Drmaa2Error, JobTemplate, TrackerPlugin } from '@drmaa2/core';

/** One fresh backend for one test. */
export interface ConformanceSubject {
  /** The tracker under test, fresh for this test. */
  readonly plugin: TrackerPlugin;
  /** The backend's current time in ms since the epoch; default `Date.now`. Give it for virtual clocks. */
  readonly now?: () => number;
  /**
   * Simulates a machine failure of a started job, for the requeue cases; omit it when the backend
   * cannot (those cases then skip).
   */
  readonly requeue?: (jobId: string) => void | Promise<void>;
  /**
   * Makes every backend call fail with `error` (a backend fault such as `DRM_COMMUNICATION` or
   * `DENIED_BY_DRMS`) until it is called again with `undefined`; jobs keep running meanwhile. Omit it
   * when the backend cannot simulate faults (the fault case then skips).
   */
  readonly fault?: (error: Drmaa2Error | undefined) => void | Promise<void>;
  /**
   * A second plugin instance on the same backend, as a new process would make one. Give it when
   * `persistsAcrossPlugins` is true; the case that reopens a session from a "new process" needs it.
   */
  readonly reconnect?: () => TrackerPlugin;
  /** Frees what the subject holds, after the test. */
  dispose?(): void | Promise<void>;
}

/** Backend-specific templates the suite builds its jobs from. */
export interface ConformanceTemplates {
  /** A job that runs `seconds` and then exits 0. */
  sleep(seconds: number): JobTemplate;
  /** A job that exits with `code` at once. */
  exit(code: number): JobTemplate;
  /** A job that succeeds at once. */
  succeed(): JobTemplate;
  /** A job that cannot start (a missing executable, say); omit it when the backend cannot tell. */
  cannotStart?(): JobTemplate;
}

/** Options of `describeTrackerConformance`. */
export interface TrackerConformanceOptions {
  /** Makes a fresh backend for each test. */
  create(): ConformanceSubject | Promise<ConformanceSubject>;
  /** How to say "sleep N", "exit N" and "succeed" on this backend. */
  readonly templates: ConformanceTemplates;
  /** Seconds a "long" job runs: longer than any test waits for it. Default 3600. */
  readonly longSeconds?: number;
  /** Seconds a "short" job runs: long enough to be seen running. Default 1. */
  readonly shortSeconds?: number;
  /**
   * True when a new `SessionManager` on a new plugin instance reaches the same sessions (a
   * persistent backend); false when only the same plugin instance does. Default false.
   */
  readonly persistsAcrossPlugins?: boolean;
  /**
   * Valid values of capability-tagged attributes for this backend, where the suite's generic ones
   * (an email address, a stage-in of `/tmp/in`, ...) do not fit its formats.
   */
  readonly capabilityAttributes?: Partial<Record<Capability, Partial<JobTemplate>>>;
  /** Per-test timeout in ms; default 30,000. */
  readonly testTimeoutMs?: number;
}
