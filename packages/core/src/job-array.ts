import { Drmaa2Error } from './drmaa2-error.js';
import { ErrorCode } from './error-code.js';
import { isControlAllowed } from './job-control-rules.js';
import { isTerminal } from './job-state.js';
import type { JobTemplate } from './job-template.js';
import { Job } from './job.js';
import type { SessionContext } from './session-context.js';
import type { JobArrayRecord, JobControl, JobRecord } from './tracker.js';
import type { OperationOptions } from './wait-options.js';

/**
 * The jobs of one `runBulkJobs` call. Controls apply to every member whose state allows them and
 * raise `INVALID_STATE` only when no member's does; `reap` needs every member terminated.
 */
export class JobArray {
  /** The backend's array id. */
  readonly id: string;
  /** The session the array belongs to. */
  readonly sessionName: string;
  readonly #context: SessionContext;
  readonly #jobs: readonly Job[];

  /** @internal Arrays are made by job sessions, not by applications. */
  constructor(context: SessionContext, record: JobArrayRecord) {
    this.#context = context;
    this.id = record.arrayId;
    this.sessionName = record.sessionName;
    this.#jobs = Object.freeze(record.jobIds.map((jobId) => new Job(context, jobId, record.sessionName)));
  }

  /** Every member, in index order, in whatever state. */
  getJobs(): Job[] {
    return [...this.#jobs];
  }

  /**
   * The array's template, with `$DRMAA2_INDEX$` still in it.
   * @throws Drmaa2Error `INVALID_ARGUMENT` once the array was reaped.
   */
  async getJobTemplate(options?: OperationOptions): Promise<JobTemplate> {
    this.#context.assertOpen();
    const template = await this.#context.tracker.getJobArrayTemplate(this.id, options);
    if (template === undefined) throw new Drmaa2Error(ErrorCode.InvalidArgument, `job array ${this.id}: unknown or already reaped`);
    return template;
  }

  async #members(options?: OperationOptions): Promise<JobRecord[]> {
    this.#context.assertOpen();
    const records = await Promise.all(this.#jobs.map((job) => this.#context.tracker.getJob(job.id, options)));
    const present = records.filter((record): record is JobRecord => record !== undefined);
    if (present.length === 0) throw new Drmaa2Error(ErrorCode.InvalidArgument, `job array ${this.id}: unknown or already reaped`);
    return present;
  }

  async #control(control: JobControl, options?: OperationOptions): Promise<void> {
    const { tracker } = this.#context;
    if (!tracker.controls.has(control)) {
      throw new Drmaa2Error(ErrorCode.UnsupportedOperation, `job array ${this.id}: this backend cannot ${control} jobs`);
    }
    const eligible = (await this.#members(options)).filter((record) => isControlAllowed(control, record.info.jobState));
    if (eligible.length === 0) {
      throw new Drmaa2Error(ErrorCode.InvalidState, `job array ${this.id}: no member is in a state that allows ${control}`);
    }
    if (tracker.controlJobArray !== undefined) {
      await tracker.controlJobArray(this.id, control, options);
      return;
    }
    await Promise.all(eligible.map((record) => tracker.controlJob(record.jobId, control, options)));
  }

  /** Suspends every `RUNNING` member. @throws Drmaa2Error `INVALID_STATE` when none is running. */
  suspend(options?: OperationOptions): Promise<void> {
    return this.#control('suspend', options);
  }

  /** Resumes every `SUSPENDED` member. @throws Drmaa2Error `INVALID_STATE` when none is suspended. */
  resume(options?: OperationOptions): Promise<void> {
    return this.#control('resume', options);
  }

  /** Holds every queued member. @throws Drmaa2Error `INVALID_STATE` when none is queued. */
  hold(options?: OperationOptions): Promise<void> {
    return this.#control('hold', options);
  }

  /** Releases every held member. @throws Drmaa2Error `INVALID_STATE` when none is held. */
  release(options?: OperationOptions): Promise<void> {
    return this.#control('release', options);
  }

  /** Terminates every member that has not finished. @throws Drmaa2Error `INVALID_STATE` when all have. */
  terminate(options?: OperationOptions): Promise<void> {
    return this.#control('terminate', options);
  }

  /**
   * Reaps every member.
   * @throws Drmaa2Error `INVALID_STATE` (and reaps none) unless every member is `DONE` or `FAILED`.
   */
  async reap(options?: OperationOptions): Promise<void> {
    const members = await this.#members(options);
    const running = members.find((record) => !isTerminal(record.info.jobState));
    if (running !== undefined) {
      throw new Drmaa2Error(ErrorCode.InvalidState, `job array ${this.id}: member ${running.jobId} is ${running.info.jobState}; reap needs every member DONE or FAILED`);
    }
    const { tracker } = this.#context;
    if (tracker.reapJobArray !== undefined) await tracker.reapJobArray(this.id, options);
    else await Promise.all(members.map((record) => tracker.reapJob(record.jobId, options)));
  }
}
