/** Operating systems, spelled as the specification names them. */
export const OperatingSystem = {
  OtherOs: 'OTHER_OS',
  Aix: 'AIX',
  Bsd: 'BSD',
  Linux: 'LINUX',
  Hpux: 'HPUX',
  Irix: 'IRIX',
  MacOs: 'MACOS',
  SunOs: 'SUNOS',
  Tru64: 'TRU64',
  UnixWare: 'UNIXWARE',
  Win: 'WIN',
  WinNt: 'WINNT',
} as const;

/** One of the {@link OperatingSystem} values. */
export type OperatingSystem = (typeof OperatingSystem)[keyof typeof OperatingSystem];

/** CPU architectures, spelled as the specification names them (`PPC64LE` is from the 2.2 headers). */
export const CpuArchitecture = {
  OtherCpu: 'OTHER_CPU',
  Alpha: 'ALPHA',
  Arm: 'ARM',
  Arm64: 'ARM64',
  Cell: 'CELL',
  PaRisc: 'PARISC',
  PaRisc64: 'PARISC64',
  X86: 'X86',
  X64: 'X64',
  Ia64: 'IA64',
  Mips: 'MIPS',
  Mips64: 'MIPS64',
  Ppc: 'PPC',
  Ppc64: 'PPC64',
  Sparc: 'SPARC',
  Sparc64: 'SPARC64',
  Ppc64Le: 'PPC64LE',
} as const;

/** One of the {@link CpuArchitecture} values. */
export type CpuArchitecture = (typeof CpuArchitecture)[keyof typeof CpuArchitecture];

/** A version as the specification models it: two strings. */
export interface Version {
  /** The major version, such as `'1'`. */
  readonly major: string;
  /** The minor version, such as `'29'`. */
  readonly minor: string;
}

/** A queue as monitoring sessions report it. */
export interface QueueInfo {
  /** The queue's name, valid as `JobTemplate.queueName`. */
  readonly name: string;
}

/** Where a job runs or ran, and how many slots it has there. */
export interface SlotInfo {
  /** The machine's name, as `MachineInfo.name` gives it. */
  readonly machineName: string;
  /** The slots the job has on that machine. */
  readonly slots: number;
}

/** A machine as monitoring sessions report it. Memory is in KiB, as the specification says. */
export interface MachineInfo {
  /** The machine's name, valid in `JobTemplate.candidateMachines`. */
  readonly name: string;
  /** Up and accepting jobs. */
  readonly available: boolean;
  /** CPU sockets. */
  readonly sockets?: number;
  /** Cores per socket. */
  readonly coresPerSocket?: number;
  /** Hardware threads per core. */
  readonly threadsPerCore?: number;
  /** One-minute load average. */
  readonly load?: number;
  /** Physical memory in KiB. */
  readonly physMemory?: number;
  /** Physical memory plus swap, in KiB. */
  readonly virtMemory?: number;
  /** The CPU architecture. */
  readonly machineArch?: CpuArchitecture;
  /** The operating system's version. */
  readonly machineOSVersion?: Version;
  /** The operating system. */
  readonly machineOS?: OperatingSystem;
}
