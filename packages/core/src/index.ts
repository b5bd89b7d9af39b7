export { Capability, capabilities } from './capability.js';
export { systemClock } from './clock.js';
export type { Clock, TimerHandle } from './clock.js';
export { Drmaa2Error, isDrmaa2Error } from './drmaa2-error.js';
export type { Drmaa2ErrorOptions } from './drmaa2-error.js';
export { ErrorCode, isErrorCode } from './error-code.js';
export { DrmaaEvent } from './event-notification.js';
export type { EventCallback, EventNotification } from './event-notification.js';
export { JobArray } from './job-array.js';
export { assertControlAllowed, assertReapAllowed, isControlAllowed } from './job-control-rules.js';
export type { JobInfo } from './job-info.js';
export { matchesJobInfoFilter } from './job-info-filter.js';
export { JobSession } from './job-session.js';
export { JobState, isJobState, isQueued, isStarted, isTerminal, jobStates } from './job-state.js';
export { ResourceLimit, jobTemplateKeys } from './job-template.js';
export type { JobTemplate } from './job-template.js';
export { Job } from './job.js';
export { CpuArchitecture, OperatingSystem } from './machine-types.js';
export type { MachineInfo, QueueInfo, SlotInfo, Version } from './machine-types.js';
export { MonitoringSession } from './monitoring-session.js';
export { Placeholder, placeholderAttributes, templateForIndex } from './placeholders.js';
export { SessionManager } from './session-manager.js';
export type { SessionManagerOptions } from './session-manager.js';
export { TrackerRegistry } from './tracker-registry.js';
export type { ModuleImporter, TrackerRegistryOptions } from './tracker-registry.js';
export { JobControl } from './tracker.js';
export type {
  CallOptions,
  ExtensionInfo,
  JobArrayRecord,
  JobRecord,
  JobStateChange,
  JobStatus,
  SessionRecord,
  SubmitJobArrayRequest,
  SubmitJobRequest,
  Tracker,
  TrackerPlugin,
} from './tracker.js';
export { validateJobTemplate } from './validate-job-template.js';
export type { JobTemplateRules } from './validate-job-template.js';
export { normalizeTimeout } from './wait-options.js';
export type { OperationOptions, WaitOptions } from './wait-options.js';
