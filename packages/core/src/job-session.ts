import { Capability } from './capability.js';
import { Drmaa2Error } from './drmaa2-error.js';
import { ErrorCode } from './error-code.js';
import { JobArray } from './job-array.js';
import type { JobInfo } from './job-info.js';
import { matchesJobInfoFilter } from './job-info-filter.js';
import type { JobStateHub } from './job-state-hub.js';
import type { JobTemplate } from './job-template.js';
import { Job } from './job.js';
import type { SessionContext } from './session-context.js';
import type { SessionRecord, Tracker } from './tracker.js';
import { validateJobTemplate } from './validate-job-template.js';
import type { OperationOptions, WaitOptions } from './wait-options.js';
import { waitForJobs, type WaitTarget } from './wait-for-jobs.js';

function checkIndex(name: string, value: unknown, min: number): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) {
    throw new Drmaa2Error(ErrorCode.InvalidArgument, `runBulkJobs: ${name} must be an integer of at least ${min} (got ${String(value)})`);
  }
  return value;
}

/**
 * A named, persistent DRMAA2 job session: submit jobs and arrays, find them again, wait for them.
 * Get one from `SessionManager.createJobSession` or `openJobSession`. `close()` releases this
 * handle only; the session and its jobs stay in the backend.
 */
export class JobSession {
  /** The session's name, the key it is persisted under. */
  readonly sessionName: string;
  readonly #contact: string;
  readonly #tracker: Tracker;
  readonly #context: SessionContext;
  #closedReason: string | undefined;

  /** @internal Sessions are made by `SessionManager`. */
  constructor(tracker: Tracker, hub: JobStateHub, record: SessionRecord) {
    this.sessionName = record.name;
    this.#contact = record.contact;
    this.#tracker = tracker;
    this.#context = {
      tracker,
      hub,
      sessionName: record.name,
      readOnly: false,
      assertOpen: () => this.#assertOpen(),
    };
  }

  #assertOpen(): void {
    if (this.#closedReason !== undefined) {
      throw new Drmaa2Error(ErrorCode.InvalidSession, `job session ${this.sessionName} was ${this.#closedReason}`);
    }
  }

  /** @internal Marks the handle unusable because its session was destroyed. */
  invalidate(reason: string): void {
    this.#closedReason ??= reason;
  }

  /** The contact given at creation, or the backend's default. */
  getContact(): string {
    this.#assertOpen();
    return this.#contact;
  }

  /**
   * The valid `jobCategory` values. When the backend accepts any, the categories it suggests
   * (`Tracker.suggestedJobCategories`), else an empty list.
   */
  async getJobCategories(options?: OperationOptions): Promise<string[]> {
    this.#assertOpen();
    const valid = await this.#tracker.jobCategories(options);
    return [...(valid ?? (await this.#tracker.suggestedJobCategories?.(options)) ?? [])];
  }

  async #validate(template: JobTemplate, bulk: boolean, options?: OperationOptions): Promise<JobTemplate> {
    const jobCategories = await this.#tracker.jobCategories(options);
    return validateJobTemplate(template, {
      capabilities: this.#tracker.capabilities,
      jobCategories,
      extensionNames: new Set(this.#tracker.extensions.map((extension) => extension.name)),
      bulk,
    });
  }

  /**
   * Submits one job. On return the job is persisted in the session and in a DRMAA2 state.
   * @throws Drmaa2Error `INVALID_ARGUMENT` naming the attribute for a bad template (nothing is
   *   created); `UNSUPPORTED_ATTRIBUTE` for an optional attribute the backend lacks;
   *   `INVALID_SESSION` after close; backend errors as the tracker raises them.
   */
  async runJob(template: JobTemplate, options?: OperationOptions): Promise<Job> {
    this.#assertOpen();
    const checked = await this.#validate(template, false, options);
    const record = await this.#tracker.submitJob({ sessionName: this.sessionName, template: checked }, options);
    return new Job(this.#context, record.jobId, this.sessionName);
  }

  /**
   * Submits an array of jobs with indices `begin`, `begin + step`, … up to `end`. Each member's
   * `$DRMAA2_INDEX$` is replaced by its index.
   * @param maxParallel the most members running at once; omitted means no limit. Needs capability
   *   `BULK_JOBS_MAXPARALLEL`.
   * @throws Drmaa2Error `INVALID_ARGUMENT` for begin < 1, end < begin, step < 1, maxParallel < 1 or a
   *   bad template (nothing is created); `UNSUPPORTED_OPERATION` for maxParallel without its capability.
   */
  async runBulkJobs(
    template: JobTemplate,
    begin: number,
    end: number,
    step: number,
    maxParallel?: number,
    options?: OperationOptions,
  ): Promise<JobArray> {
    this.#assertOpen();
    checkIndex('begin', begin, 1);
    checkIndex('end', end, begin);
    checkIndex('step', step, 1);
    if (maxParallel !== undefined) {
      checkIndex('maxParallel', maxParallel, 1);
      if (!this.#tracker.capabilities.has(Capability.BulkJobsMaxParallel)) {
        throw new Drmaa2Error(ErrorCode.UnsupportedOperation, 'runBulkJobs: maxParallel needs capability BULK_JOBS_MAXPARALLEL, which this backend does not have');
      }
    }
    const checked = await this.#validate(template, true, options);
    const record = await this.#tracker.submitJobArray(
      { sessionName: this.sessionName, template: checked, begin, end, step, maxParallel },
      options,
    );
    return new JobArray(this.#context, record);
  }

  /**
   * This session's jobs that match `filter` (DRMAA2 filter rules; see `matchesJobInfoFilter`).
   * No filter: every job not yet reaped. No match: an empty list.
   */
  async getJobs(filter?: Partial<JobInfo>, options?: OperationOptions): Promise<Job[]> {
    this.#assertOpen();
    const records = await this.#tracker.listJobs({ sessionName: this.sessionName }, options);
    return records
      .filter((record) => matchesJobInfoFilter(record.info, filter))
      .map((record) => new Job(this.#context, record.jobId, this.sessionName));
  }

  /**
   * The array with that id.
   * @throws Drmaa2Error `INVALID_ARGUMENT` when this session holds no such array (or no longer).
   */
  async getJobArray(id: string, options?: OperationOptions): Promise<JobArray> {
    this.#assertOpen();
    const record = await this.#tracker.getJobArray(this.sessionName, id, options);
    if (record === undefined) throw new Drmaa2Error(ErrorCode.InvalidArgument, `job array ${id}: not in session ${this.sessionName}`);
    return new JobArray(this.#context, record);
  }

  async #waitAny(jobs: readonly Job[], target: WaitTarget, timeout: number | undefined, options?: WaitOptions): Promise<Job> {
    this.#assertOpen();
    if (jobs.length === 0) {
      throw new Drmaa2Error(ErrorCode.InvalidArgument, 'waitAny: jobs must be a non-empty list');
    }
    const foreign = jobs.find((job) => job.sessionName !== this.sessionName);
    if (foreign !== undefined) {
      throw new Drmaa2Error(ErrorCode.InvalidArgument, `waitAny: job ${foreign.id} is not a job of session ${this.sessionName}`);
    }
    const id = await waitForJobs(this.#tracker, this.#context.hub, jobs.map((job) => job.id), target, timeout, options?.signal);
    return jobs.find((job) => job.id === id) ?? new Job(this.#context, id, this.sessionName);
  }

  /**
   * Waits until any of `jobs` has started (or already finished) and returns it.
   * @throws Drmaa2Error `INVALID_ARGUMENT` for an empty list or another session's job; `TIMEOUT`.
   */
  waitAnyStarted(jobs: readonly Job[], timeout?: number, options?: WaitOptions): Promise<Job> {
    return this.#waitAny(jobs, 'started', timeout, options);
  }

  /**
   * Waits until any of `jobs` is `DONE` or `FAILED` and returns it.
   * @throws Drmaa2Error `INVALID_ARGUMENT` for an empty list or another session's job; `TIMEOUT`.
   */
  waitAnyTerminated(jobs: readonly Job[], timeout?: number, options?: WaitOptions): Promise<Job> {
    return this.#waitAny(jobs, 'terminated', timeout, options);
  }

  /**
   * Releases this handle; the session and its jobs stay in the backend.
   * @throws Drmaa2Error `INVALID_SESSION` when already closed.
   */
  async close(): Promise<void> {
    this.#assertOpen();
    this.#closedReason = 'closed';
    return Promise.resolve();
  }
}
