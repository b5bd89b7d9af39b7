import type { JobTemplate } from '@drmaa2/core';
import { eligibleMachines, type ResolvedMachine } from './memory-machines.js';

/**
 * @internal The jobs that need the same thing to start: the same slots on one of the same
 * machines. A job waiting for resources can start only once its group {@link fits}.
 */
export interface ResourceGroup {
  /** The machines the group's jobs may run on. */
  readonly machines: readonly ResolvedMachine[];
  /** The slots each of its jobs takes. */
  readonly slots: number;
  /** How many of its jobs wait with sub-state `WaitingForResources`. */
  waiting: number;
}

/** @internal The first machine of the group with the slots free for one of its jobs, if any. */
export function freeMachine(group: ResourceGroup): ResolvedMachine | undefined {
  for (const machine of group.machines) if (machine.slots - machine.used >= group.slots) return machine;
  return undefined;
}

/** @internal Whether some machine of the group has the slots free for one of its jobs. */
export function fits(group: ResourceGroup): boolean {
  return freeMachine(group) !== undefined;
}

function constrainsMachine(template: JobTemplate): boolean {
  return template.candidateMachines !== undefined || template.machineOS !== undefined || template.machineArch !== undefined || template.minPhysMemory !== undefined;
}

/** @internal The resource groups of one backend, one per distinct need. */
export class ResourceGroups {
  readonly #machines: readonly ResolvedMachine[];
  readonly #groups = new Map<string, ResourceGroup>();
  /** The group of the plainest job: one slot, any machine. */
  #anyMachine: ResourceGroup | undefined;

  constructor(machines: readonly ResolvedMachine[]) {
    this.#machines = machines;
  }

  /** The group of a job with this template. */
  of(template: JobTemplate): ResourceGroup {
    const slots = template.minSlots ?? 1;
    if (slots === 1 && !constrainsMachine(template)) return (this.#anyMachine ??= this.#group(this.#machines.filter((m) => m.slots >= 1), 1));
    return this.#group(eligibleMachines(this.#machines, template), slots);
  }

  #group(machines: readonly ResolvedMachine[], slots: number): ResourceGroup {
    const key = `${machines.map((m) => m.name).join('\u0000')}/${slots}`;
    let group = this.#groups.get(key);
    if (group === undefined) {
      group = { machines, slots, waiting: 0 };
      this.#groups.set(key, group);
    }
    return group;
  }

  /** Whether a job waiting for resources could start now. */
  anyFits(): boolean {
    for (const group of this.#groups.values()) if (group.waiting > 0 && fits(group)) return true;
    return false;
  }
}
