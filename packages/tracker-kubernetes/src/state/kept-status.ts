import type { JobState, SlotInfo } from '@drmaa2/core';
import type { ObservedStatus } from './observed-status.js';

/**
 * The facts of a finished unit as kept for its lifetime, compactly: one object with fixed fields
 * and the times as epoch milliseconds (a Date takes about 100 bytes of heap, and every job keeps
 * two). {@link KeptStatus.status} gives them back as an ObservedStatus with fresh Dates.
 */
export class KeptStatus {
  /** How many pods the unit had when these facts were kept. */
  readonly pods: number;
  readonly #state: JobState;
  readonly #subState: string | undefined;
  readonly #annotation: string | undefined;
  readonly #exitStatus: number | undefined;
  readonly #terminatingSignal: string | undefined;
  readonly #dispatchMs: number | undefined;
  readonly #finishMs: number | undefined;
  readonly #allocatedMachines: SlotInfo[] | undefined;
  readonly #wallclockTime: number | undefined;
  readonly #slots: number | undefined;

  constructor(status: ObservedStatus, pods: number) {
    this.pods = pods;
    this.#state = status.state;
    this.#subState = status.subState;
    this.#annotation = status.annotation;
    this.#exitStatus = status.exitStatus;
    this.#terminatingSignal = status.terminatingSignal;
    this.#dispatchMs = status.dispatchTime?.getTime();
    this.#finishMs = status.finishTime?.getTime();
    this.#allocatedMachines = status.allocatedMachines;
    this.#wallclockTime = status.wallclockTime;
    this.#slots = status.slots;
  }

  /** The kept facts, with only the fields that are set (`verdictPending` is never kept). */
  status(): ObservedStatus {
    const status: ObservedStatus = { state: this.#state };
    if (this.#subState !== undefined) status.subState = this.#subState;
    if (this.#annotation !== undefined) status.annotation = this.#annotation;
    if (this.#exitStatus !== undefined) status.exitStatus = this.#exitStatus;
    if (this.#terminatingSignal !== undefined) status.terminatingSignal = this.#terminatingSignal;
    if (this.#dispatchMs !== undefined) status.dispatchTime = new Date(this.#dispatchMs);
    if (this.#finishMs !== undefined) status.finishTime = new Date(this.#finishMs);
    if (this.#allocatedMachines !== undefined) status.allocatedMachines = this.#allocatedMachines;
    if (this.#wallclockTime !== undefined) status.wallclockTime = this.#wallclockTime;
    if (this.#slots !== undefined) status.slots = this.#slots;
    return status;
  }
}
