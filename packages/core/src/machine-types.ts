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
  readonly major: string;
  readonly minor: string;
}

/** A queue as monitoring sessions report it. */
export interface QueueInfo {
  readonly name: string;
}

/** Where a job runs or ran, and how many slots it has there. */
export interface SlotInfo {
  readonly machineName: string;
  readonly slots: number;
}

/** A machine as monitoring sessions report it. Memory is in KiB, as the specification says. */
export interface MachineInfo {
  readonly name: string;
  /** Up and accepting jobs. */
  readonly available: boolean;
  readonly sockets?: number;
  readonly coresPerSocket?: number;
  readonly threadsPerCore?: number;
  /** One-minute load average. */
  readonly load?: number;
  /** Physical memory in KiB. */
  readonly physMemory?: number;
  /** Physical memory plus swap, in KiB. */
  readonly virtMemory?: number;
  readonly machineArch?: CpuArchitecture;
  readonly machineOSVersion?: Version;
  readonly machineOS?: OperatingSystem;
}
