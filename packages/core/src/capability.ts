/**
 * The optional DRMAA2 capabilities a backend may have. Values are the specification's names.
 * Ask a session manager with `sm.supports(capability)`.
 */
export const Capability = {
  /** Reservation sessions and `getAllReservations` work. */
  AdvanceReservation: 'ADVANCE_RESERVATION',
  /** Reservations are made in slots rather than whole machines. */
  ReserveSlots: 'RESERVE_SLOTS',
  /** `registerEventNotification` delivers events. */
  Callback: 'CALLBACK',
  /** `runBulkJobs` honours `maxParallel`. */
  BulkJobsMaxParallel: 'BULK_JOBS_MAXPARALLEL',
  /** The template attributes `email`, `emailOnStarted`, `emailOnTerminated`. */
  JtEmail: 'JT_EMAIL',
  /** The template attributes `stageInFiles`, `stageOutFiles`. */
  JtStaging: 'JT_STAGING',
  /** The template attribute `deadlineTime`. */
  JtDeadline: 'JT_DEADLINE',
  /** The template attribute `maxSlots`. */
  JtMaxSlots: 'JT_MAXSLOTS',
  /** The template attribute `accountingId`. */
  JtAccountingId: 'JT_ACCOUNTINGID',
  /** Reservation templates may start `'now'`. */
  RtStartNow: 'RT_STARTNOW',
  /** Reservation templates may give a duration. */
  RtDuration: 'RT_DURATION',
  /** Reservation templates may require an operating system. */
  RtMachineOs: 'RT_MACHINEOS',
  /** Reservation templates may require an architecture. */
  RtMachineArch: 'RT_MACHINEARCH',
} as const;

/** One of the {@link Capability} values. */
export type Capability = (typeof Capability)[keyof typeof Capability];

/** Every capability. */
export const capabilities: readonly Capability[] = Object.freeze(Object.values(Capability));
