import type { JobStateHub } from './job-state-hub.js';
import type { Tracker } from './tracker.js';

/**
 * What job and array handles share with the session that made them.
 * @internal
 */
export interface SessionContext {
  readonly tracker: Tracker;
  readonly hub: JobStateHub;
  /** The session name; unset for jobs seen through a monitoring session. */
  readonly sessionName: string | undefined;
  /** True for handles from a monitoring session: they can be read, not controlled. */
  readonly readOnly: boolean;
  /** Throws `INVALID_SESSION` once the session was closed or destroyed. */
  assertOpen(): void;
}
