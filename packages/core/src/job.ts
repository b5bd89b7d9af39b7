import { Drmaa2Error } from './drmaa2-error.js';
import { ErrorCode } from './error-code.js';
import { assertControlAllowed, assertReapAllowed } from './job-control-rules.js';
import type { JobInfo } from './job-info.js';
import type { JobTemplate } from './job-template.js';
import type { SessionContext } from './session-context.js';
import type { JobControl, JobRecord, JobStatus } from './tracker.js';
import type { OperationOptions, WaitOptions } from './wait-options.js';
import { waitForJobs } from './wait-for-jobs.js';

function copyInfo(info: JobInfo): JobInfo {
  return structuredClone(info);
}

/**
 * One DRMAA2 job. Get it from `JobSession.runJob`, `getJobs`, a `JobArray`, or a monitoring
 * session (whose jobs are read-only). Every call talks to the backend; the handle caches nothing.
 */
export class Job {
  /** The backend's job id. */
  readonly id: string;
  /** The session the job belongs to; unset for jobs not submitted through DRMAA2. */
  readonly sessionName: string | undefined;
  readonly #context: SessionContext;

  /** @internal Handles are made by sessions, not by applications. */
  constructor(context: SessionContext, id: string, sessionName: string | undefined) {
    this.#context = context;
    this.id = id;
    this.sessionName = sessionName;
  }

  async #record(options?: OperationOptions): Promise<JobRecord> {
    this.#context.assertOpen();
    const record = await this.#context.tracker.getJob(this.id, options);
    if (record === undefined) {
      throw new Drmaa2Error(ErrorCode.InvalidArgument, `job ${this.id}: unknown or already reaped`);
    }
    return record;
  }

  /**
   * The template the job was submitted with.
   * @throws Drmaa2Error `INVALID_ARGUMENT` for a reaped job; `INVALID_SESSION` after the session closed.
   */
  async getJobTemplate(options?: OperationOptions): Promise<JobTemplate> {
    this.#context.assertOpen();
    const template = await this.#context.tracker.getJobTemplate(this.id, options);
    if (template === undefined) throw new Drmaa2Error(ErrorCode.InvalidArgument, `job ${this.id}: unknown or already reaped`);
    return template;
  }

  /**
   * The job's current state and the backend's sub-state.
   * @throws Drmaa2Error `INVALID_ARGUMENT` for a reaped job; `INVALID_SESSION` after the session closed.
   */
  async getState(options?: OperationOptions): Promise<JobStatus> {
    const { info } = await this.#record(options);
    return info.jobSubState === undefined ? { state: info.jobState } : { state: info.jobState, subState: info.jobSubState };
  }

  /**
   * A snapshot of the job's JobInfo.
   * @throws Drmaa2Error `INVALID_ARGUMENT` for a reaped job; `INVALID_SESSION` after the session closed.
   */
  async getJobInfo(options?: OperationOptions): Promise<JobInfo> {
    return copyInfo((await this.#record(options)).info);
  }

  async #control(control: JobControl, options?: OperationOptions): Promise<void> {
    const { tracker, readOnly } = this.#context;
    if (readOnly) {
      throw new Drmaa2Error(ErrorCode.UnsupportedOperation, `job ${this.id}: jobs seen through a monitoring session are read-only`);
    }
    if (!tracker.controls.has(control)) {
      throw new Drmaa2Error(ErrorCode.UnsupportedOperation, `job ${this.id}: this backend cannot ${control} jobs`);
    }
    const { info } = await this.#record(options);
    assertControlAllowed(this.id, control, info.jobState);
    await tracker.controlJob(this.id, control, options);
  }

  /** Pauses a `RUNNING` job. @throws Drmaa2Error `INVALID_STATE` in any other state; `UNSUPPORTED_OPERATION` where the backend cannot. */
  suspend(options?: OperationOptions): Promise<void> {
    return this.#control('suspend', options);
  }

  /** Continues a `SUSPENDED` job. @throws Drmaa2Error `INVALID_STATE` in any other state; `UNSUPPORTED_OPERATION` where the backend cannot. */
  resume(options?: OperationOptions): Promise<void> {
    return this.#control('resume', options);
  }

  /** Holds a `QUEUED` or `REQUEUED` job. @throws Drmaa2Error `INVALID_STATE` in any other state; `UNSUPPORTED_OPERATION` where the backend cannot. */
  hold(options?: OperationOptions): Promise<void> {
    return this.#control('hold', options);
  }

  /** Releases a `QUEUED_HELD` or `REQUEUED_HELD` job. @throws Drmaa2Error `INVALID_STATE` in any other state; `UNSUPPORTED_OPERATION` where the backend cannot. */
  release(options?: OperationOptions): Promise<void> {
    return this.#control('release', options);
  }

  /**
   * Ends a job that has not finished (queued and held jobs are cancelled); it ends `FAILED`.
   * Resolves once the backend acknowledged; the state may change a little later.
   * @throws Drmaa2Error `INVALID_STATE` on a `DONE` or `FAILED` job.
   */
  terminate(options?: OperationOptions): Promise<void> {
    return this.#control('terminate', options);
  }

  /**
   * Removes a finished job and everything the backend keeps for it; the handle is unusable afterwards.
   * @throws Drmaa2Error `INVALID_STATE` unless the job is `DONE` or `FAILED`; `INVALID_ARGUMENT` when already reaped.
   */
  async reap(options?: OperationOptions): Promise<void> {
    if (this.#context.readOnly) {
      throw new Drmaa2Error(ErrorCode.UnsupportedOperation, `job ${this.id}: jobs seen through a monitoring session are read-only`);
    }
    const { info } = await this.#record(options);
    assertReapAllowed(this.id, info.jobState);
    await this.#context.tracker.reapJob(this.id, options);
  }

  /**
   * Waits until the job has started (`RUNNING`, `SUSPENDED`) or already finished.
   * @param timeout seconds; `0` checks once; omitted or `Infinity` waits for ever.
   * @throws Drmaa2Error `TIMEOUT` when the time runs out; rejects with `signal.reason` on abort.
   */
  async waitStarted(timeout?: number, options?: WaitOptions): Promise<Job> {
    this.#context.assertOpen();
    await waitForJobs(this.#context.tracker, this.#context.hub, [this.id], 'started', timeout, options?.signal);
    return this;
  }

  /**
   * Waits until the job is `DONE` or `FAILED`. Waiting does not reap.
   * @param timeout seconds; `0` checks once; omitted or `Infinity` waits for ever.
   * @throws Drmaa2Error `TIMEOUT` when the time runs out; rejects with `signal.reason` on abort.
   */
  async waitTerminated(timeout?: number, options?: WaitOptions): Promise<Job> {
    this.#context.assertOpen();
    await waitForJobs(this.#context.tracker, this.#context.hub, [this.id], 'terminated', timeout, options?.signal);
    return this;
  }
}
