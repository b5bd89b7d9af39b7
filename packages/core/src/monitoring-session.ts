import { Capability } from './capability.js';
import { Drmaa2Error } from './drmaa2-error.js';
import { ErrorCode } from './error-code.js';
import type { JobInfo } from './job-info.js';
import { matchesJobInfoFilter } from './job-info-filter.js';
import type { JobStateHub } from './job-state-hub.js';
import { Job } from './job.js';
import type { MachineInfo, QueueInfo } from './machine-types.js';
import type { Tracker } from './tracker.js';
import type { OperationOptions } from './wait-options.js';

function byNames<T extends { readonly name: string }>(items: T[], names: readonly string[] | undefined): T[] {
  if (names === undefined) return items;
  const wanted = new Set(names);
  return items.filter((item) => wanted.has(item.name));
}

/**
 * A read-only view of everything the backend shows: all jobs (of every session, and jobs not
 * submitted through DRMAA2), queues and machines. Not persistent. Jobs it returns can be read and
 * waited for, not controlled or reaped.
 */
export class MonitoringSession {
  /** The name given when opening it, if any. */
  readonly name: string | undefined;
  readonly #tracker: Tracker;
  readonly #hub: JobStateHub;
  #closed = false;

  /** @internal Made by `SessionManager.openMonitoringSession`. */
  constructor(tracker: Tracker, hub: JobStateHub, name: string | undefined) {
    this.#tracker = tracker;
    this.#hub = hub;
    this.name = name;
  }

  #assertOpen(): void {
    if (this.#closed) throw new Drmaa2Error(ErrorCode.InvalidSession, 'monitoring session was closed');
  }

  /** Every visible job matching `filter` (DRMAA2 filter rules). */
  async getAllJobs(filter?: Partial<JobInfo>, options?: OperationOptions): Promise<Job[]> {
    this.#assertOpen();
    const records = await this.#tracker.listJobs({}, options);
    return records
      .filter((record) => matchesJobInfoFilter(record.info, filter))
      .map((record) => {
        const context = {
          tracker: this.#tracker,
          hub: this.#hub,
          sessionName: record.sessionName,
          readOnly: true,
          assertOpen: () => this.#assertOpen(),
        };
        return new Job(context, record.jobId, record.sessionName);
      });
  }

  /** The backend's queues; with `names`, only those (unknown names are just absent). */
  async getAllQueues(names?: readonly string[], options?: OperationOptions): Promise<QueueInfo[]> {
    this.#assertOpen();
    return byNames(await this.#tracker.queues(options), names);
  }

  /** The backend's machines; with `names`, only those (unknown names are just absent). */
  async getAllMachines(names?: readonly string[], options?: OperationOptions): Promise<MachineInfo[]> {
    this.#assertOpen();
    return byNames(await this.#tracker.machines(options), names);
  }

  /**
   * Advance reservations.
   * @throws Drmaa2Error `UNSUPPORTED_OPERATION`: no tracker of this release supports `ADVANCE_RESERVATION`.
   */
  getAllReservations(): Promise<never[]> {
    this.#assertOpen();
    const has = this.#tracker.capabilities.has(Capability.AdvanceReservation);
    return Promise.reject(
      new Drmaa2Error(
        ErrorCode.UnsupportedOperation,
        has ? 'getAllReservations: reservation sessions are not part of this release of @drmaa2/core' : 'getAllReservations: this backend has no advance reservations',
      ),
    );
  }

  /**
   * Releases the handle.
   * @throws Drmaa2Error `INVALID_SESSION` when already closed.
   */
  async close(): Promise<void> {
    this.#assertOpen();
    this.#closed = true;
    return Promise.resolve();
  }
}
