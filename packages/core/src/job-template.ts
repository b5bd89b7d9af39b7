import type { CpuArchitecture, OperatingSystem } from './machine-types.js';

/**
 * The keys of `JobTemplate.resourceLimits`. Units: KiB for `CORE_FILE_SIZE`, `DATA_SIZE`,
 * `FILE_SIZE`, `STACK_SIZE`, `VIRTUAL_MEMORY`; seconds for `CPU_TIME`, `WALLCLOCK_TIME`; a count
 * for `OPEN_FILES`.
 */
export const ResourceLimit = {
  CoreFileSize: 'CORE_FILE_SIZE',
  CpuTime: 'CPU_TIME',
  DataSize: 'DATA_SIZE',
  FileSize: 'FILE_SIZE',
  OpenFiles: 'OPEN_FILES',
  StackSize: 'STACK_SIZE',
  VirtualMemory: 'VIRTUAL_MEMORY',
  WallclockTime: 'WALLCLOCK_TIME',
} as const;

/** One of the {@link ResourceLimit} keys. */
export type ResourceLimit = (typeof ResourceLimit)[keyof typeof ResourceLimit];

/**
 * What to run and how, as DRMAA2 defines it. Every attribute is optional except `remoteCommand`;
 * `undefined` means unset. Times are `Date`s, durations seconds, memory KiB. Paths are evaluated on
 * the execution host and may hold placeholders (see `Placeholder`).
 *
 * Attributes tagged with a capability raise `UNSUPPORTED_ATTRIBUTE` at submission when set on a
 * backend without it; a bad value raises `INVALID_ARGUMENT` naming the attribute. Booleans set to
 * `false` count as unset, as in the C binding.
 */
export interface JobTemplate {
  /** The executable on the execution host. Required. */
  remoteCommand?: string;
  /** Arguments, in order. */
  args?: readonly string[];
  /** Start in `QUEUED_HELD` instead of `QUEUED`. */
  submitAsHold?: boolean;
  /** The DRM may run the job again after a system failure (the job is then `REQUEUED`). */
  rerunnable?: boolean;
  /** Environment variables of the job. */
  jobEnvironment?: Readonly<Record<string, string>>;
  /** The working directory; may start with `$DRMAA2_HOME_DIR$`. */
  workingDirectory?: string;
  /** One of the session's `getJobCategories()`. */
  jobCategory?: string;
  /** Notification addresses. Capability `JT_EMAIL`. */
  email?: readonly string[];
  /** Mail when the job starts. Capability `JT_EMAIL`. */
  emailOnStarted?: boolean;
  /** Mail when the job ends. Capability `JT_EMAIL`. */
  emailOnTerminated?: boolean;
  /** The name the DRM shows; backends may restrict or truncate it. */
  jobName?: string;
  /** The job's standard input file. */
  inputPath?: string;
  /** The job's standard output file. */
  outputPath?: string;
  /** The job's standard error file; ignored when `joinFiles` is true. */
  errorPath?: string;
  /** Write standard error into `outputPath`. */
  joinFiles?: boolean;
  /** Run inside this advance reservation. */
  reservationId?: string;
  /** One of the monitoring session's queues; unset means the default queue. */
  queueName?: string;
  /** Minimum slots (default 1). */
  minSlots?: number;
  /** Maximum slots. Capability `JT_MAXSLOTS`. */
  maxSlots?: number;
  /** Relative priority; its mapping is backend-specific. */
  priority?: number;
  /** The job may run only on these machines. */
  candidateMachines?: readonly string[];
  /** Minimum physical memory of the execution machine, in KiB. */
  minPhysMemory?: number;
  /** Required operating system. */
  machineOS?: OperatingSystem;
  /** Required CPU architecture. */
  machineArch?: CpuArchitecture;
  /** Earliest start time. */
  startTime?: Date;
  /** After this time the job is terminated. Capability `JT_DEADLINE`. */
  deadlineTime?: Date;
  /** Files copied to the execution host: source (submit host) to destination. Capability `JT_STAGING`. */
  stageInFiles?: Readonly<Record<string, string>>;
  /** Files copied back: source (execution host) to destination. Capability `JT_STAGING`. */
  stageOutFiles?: Readonly<Record<string, string>>;
  /** Resource limits; units by key (see {@link ResourceLimit}). */
  resourceLimits?: Readonly<Partial<Record<ResourceLimit, number>>>;
  /** Accounting or project string. Capability `JT_ACCOUNTINGID`. */
  accountingId?: string;
  /** Backend-specific attributes; unknown keys raise `INVALID_ARGUMENT`. */
  extensions?: Readonly<Record<string, string>>;
}

/** Every attribute name of {@link JobTemplate}, for validation and copying. */
export const jobTemplateKeys: readonly (keyof JobTemplate)[] = Object.freeze([
  'remoteCommand', 'args', 'submitAsHold', 'rerunnable', 'jobEnvironment', 'workingDirectory',
  'jobCategory', 'email', 'emailOnStarted', 'emailOnTerminated', 'jobName', 'inputPath',
  'outputPath', 'errorPath', 'joinFiles', 'reservationId', 'queueName', 'minSlots', 'maxSlots',
  'priority', 'candidateMachines', 'minPhysMemory', 'machineOS', 'machineArch', 'startTime',
  'deadlineTime', 'stageInFiles', 'stageOutFiles', 'resourceLimits', 'accountingId', 'extensions',
] as const);
