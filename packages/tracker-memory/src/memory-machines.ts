import { CpuArchitecture, Drmaa2Error, ErrorCode, OperatingSystem, type JobTemplate, type MachineInfo } from '@drmaa2/core';

/** A machine of the memory backend. */
export interface MemoryMachine {
  /** The machine's name, as `MachineInfo.name` and `allocatedMachines` show it. */
  readonly name: string;
  /** Job slots; a job takes `minSlots` (default 1) of them while it runs or is suspended. Default 8. */
  readonly slots?: number;
  /** Physical memory in KiB; default 16 GiB. */
  readonly physMemory?: number;
  /** Default `LINUX`. */
  readonly machineOS?: OperatingSystem;
  /** Default `X64`. */
  readonly machineArch?: CpuArchitecture;
}

/** The machines of a memory tracker created without a `machines` option. */
export const defaultMachines: readonly MemoryMachine[] = Object.freeze([{ name: 'memory-1' }, { name: 'memory-2' }]);

/** @internal */
export interface ResolvedMachine {
  readonly name: string;
  readonly slots: number;
  readonly physMemory: number;
  readonly machineOS: OperatingSystem;
  readonly machineArch: CpuArchitecture;
  used: number;
}

/** @internal Fills in the defaults. */
export function resolveMachines(machines: readonly MemoryMachine[]): ResolvedMachine[] {
  if (machines.length === 0) throw new Drmaa2Error(ErrorCode.InvalidArgument, 'memoryTracker: machines must not be empty');
  return machines.map((machine) => ({
    name: machine.name,
    slots: machine.slots ?? 8,
    physMemory: machine.physMemory ?? 16 * 1024 * 1024,
    machineOS: machine.machineOS ?? OperatingSystem.Linux,
    machineArch: machine.machineArch ?? CpuArchitecture.X64,
    used: 0,
  }));
}

/** @internal The machines a template could ever run on. */
export function eligibleMachines(machines: readonly ResolvedMachine[], template: JobTemplate): ResolvedMachine[] {
  const slots = template.minSlots ?? 1;
  return machines.filter(
    (machine) =>
      (template.candidateMachines === undefined || template.candidateMachines.includes(machine.name)) &&
      (template.machineOS === undefined || template.machineOS === machine.machineOS) &&
      (template.machineArch === undefined || template.machineArch === machine.machineArch) &&
      (template.minPhysMemory === undefined || template.minPhysMemory <= machine.physMemory) &&
      slots <= machine.slots,
  );
}

/**
 * @internal Throws unless some machine could run the template.
 * @throws Drmaa2Error `INVALID_ARGUMENT` naming the attributes no machine satisfies.
 */
export function assertSchedulable(machines: readonly ResolvedMachine[], template: JobTemplate): void {
  const plain = template.candidateMachines === undefined && template.machineOS === undefined && template.machineArch === undefined && template.minPhysMemory === undefined;
  const slots = template.minSlots ?? 1;
  // The common case, checked without building the list of eligible machines: only slots asked for.
  if (plain && machines.some((machine) => slots <= machine.slots)) return;
  if (eligibleMachines(machines, template).length > 0) return;
  const asked = (['candidateMachines', 'machineOS', 'machineArch', 'minPhysMemory', 'minSlots'] as const).filter(
    (key) => template[key] !== undefined,
  );
  throw new Drmaa2Error(
    ErrorCode.InvalidArgument,
    `JobTemplate.${asked.join('/') || 'minSlots'}: no machine of this memory backend satisfies it (machines: ${machines.map((m) => m.name).join(', ')})`,
  );
}

/** @internal The public view of a machine. */
export function machineInfo(machine: ResolvedMachine): MachineInfo {
  return {
    name: machine.name,
    available: true,
    sockets: 1,
    coresPerSocket: machine.slots,
    threadsPerCore: 1,
    load: machine.used,
    physMemory: machine.physMemory,
    virtMemory: machine.physMemory,
    machineOS: machine.machineOS,
    machineArch: machine.machineArch,
    machineOSVersion: { major: '6', minor: '1' },
  };
}
