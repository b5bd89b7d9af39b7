/**
 * The DRMAA2 error codes. Values are the specification's names; never rely on ordinals.
 *
 * See `reference/drmaa2.md` section 7 for when each one is raised.
 */
export const ErrorCode = {
  /** The DRM refused for security or permission reasons. */
  DeniedByDrms: 'DENIED_BY_DRMS',
  /** The DRM cannot be reached, and it is unknown whether this is transient. */
  DrmCommunication: 'DRM_COMMUNICATION',
  /** A known transient problem, such as overload. Retrying is advised. */
  TryLater: 'TRY_LATER',
  /** The session store failed. */
  SessionManagement: 'SESSION_MANAGEMENT',
  /** A wait ran out of time. */
  Timeout: 'TIMEOUT',
  /** An unexpected internal fault. */
  Internal: 'INTERNAL',
  /** A bad parameter: template value, session name, bulk index, foreign job, reaped job, unknown extension. */
  InvalidArgument: 'INVALID_ARGUMENT',
  /** A closed or destroyed session was used, or closed a second time. */
  InvalidSession: 'INVALID_SESSION',
  /** A job control call or reap is not allowed in the job's current state. */
  InvalidState: 'INVALID_STATE',
  /** Local memory, buffers or disk ran out. */
  OutOfResource: 'OUT_OF_RESOURCE',
  /** An optional template attribute was set while its capability is missing. */
  UnsupportedAttribute: 'UNSUPPORTED_ATTRIBUTE',
  /** An optional operation was called that the backend cannot perform. */
  UnsupportedOperation: 'UNSUPPORTED_OPERATION',
  /** The error fits no other code. */
  ImplementationSpecific: 'IMPLEMENTATION_SPECIFIC',
} as const;

/** One of the {@link ErrorCode} values. */
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

const errorCodes: readonly string[] = Object.values(ErrorCode);

/** Narrows an unknown value to an {@link ErrorCode}. */
export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && errorCodes.includes(value);
}
