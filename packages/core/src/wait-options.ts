import { Drmaa2Error } from './drmaa2-error.js';
import { ErrorCode } from './error-code.js';

/** The last argument of every wait. */
export interface WaitOptions {
  /** Aborts the wait, which then rejects with `signal.reason`. */
  readonly signal?: AbortSignal;
}

/** The last argument of every call that talks to the backend. */
export interface OperationOptions {
  /** Aborts the call, which then rejects with `signal.reason`. */
  readonly signal?: AbortSignal;
}

/**
 * Checks a DRMAA2 timeout: seconds counted from the call, `0` checks once, `Infinity` (the default
 * when `undefined`) waits for ever.
 * @throws Drmaa2Error `INVALID_ARGUMENT` for a negative or non-numeric timeout.
 */
export function normalizeTimeout(timeout: number | undefined): number {
  if (timeout === undefined) return Infinity;
  if (typeof timeout !== 'number' || Number.isNaN(timeout) || timeout < 0) {
    throw new Drmaa2Error(ErrorCode.InvalidArgument, `timeout: must be a number of seconds of at least 0, or Infinity (got ${String(timeout)})`);
  }
  return timeout;
}
