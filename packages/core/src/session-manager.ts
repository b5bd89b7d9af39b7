import { randomBytes } from 'node:crypto';
import { Capability } from './capability.js';
import { Drmaa2Error } from './drmaa2-error.js';
import { ErrorCode } from './error-code.js';
import { DrmaaEvent, type EventCallback } from './event-notification.js';
import { JobSession } from './job-session.js';
import { JobStateHub } from './job-state-hub.js';
import type { JobState } from './job-state.js';
import type { Version } from './machine-types.js';
import { MonitoringSession } from './monitoring-session.js';
import { TrackerRegistry } from './tracker-registry.js';
import type { Tracker, TrackerPlugin } from './tracker.js';
import type { OperationOptions } from './wait-options.js';

/** Options of {@link SessionManager}. */
export interface SessionManagerOptions {
  /**
   * The backend: a plugin, or a tracker name resolved through `registry` (an unregistered name
   * loads `@drmaa2/tracker-<name>` as the application has it installed). Default: the environment
   * variable `DRMAA2_TRACKER`.
   */
  readonly tracker?: TrackerPlugin | string;
  /** Where tracker names are resolved; default: a new, empty `TrackerRegistry`. */
  readonly registry?: TrackerRegistry;
  /**
   * Receives what an event callback throws. Default: rethrown on a fresh task, so it surfaces as
   * an uncaught exception instead of being swallowed.
   */
  readonly onCallbackError?: (error: unknown) => void;
  /** Environment to read `DRMAA2_TRACKER` from; default `process.env`. */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/** Session names: 1 to 63 of `A-Z a-z 0-9 _ . -`, starting and ending with a letter or digit. */
const sessionNamePattern = /^[A-Za-z0-9](?:[A-Za-z0-9_.-]{0,61}[A-Za-z0-9])?$/;

function checkSessionName(name: unknown): string {
  if (typeof name !== 'string' || !sessionNamePattern.test(name)) {
    throw new Drmaa2Error(
      ErrorCode.InvalidArgument,
      `session name ${JSON.stringify(name)}: must be 1 to 63 characters of A-Z, a-z, 0-9, '_', '.', '-', starting and ending with a letter or digit`,
    );
  }
  return name;
}

/**
 * The entry point of DRMAA2: creates, opens and destroys job sessions, opens monitoring sessions,
 * reports the backend, and delivers events. It connects to its tracker on first use; `close()`
 * disconnects (jobs and sessions stay in the backend).
 */
export class SessionManager {
  readonly #options: SessionManagerOptions;
  readonly #callbacks = new Set<EventCallback>();
  readonly #openSessions = new Set<JobSession>();
  readonly #delivered = new Map<string, JobState>();
  #connection: Promise<{ tracker: Tracker; hub: JobStateHub }> | undefined;
  #stopEvents: (() => void) | undefined;
  #closed = false;

  /**
   * @throws Drmaa2Error `INVALID_ARGUMENT` when neither `tracker` nor `DRMAA2_TRACKER` names a backend.
   */
  constructor(options: SessionManagerOptions = {}) {
    const tracker = options.tracker ?? (options.env ?? process.env).DRMAA2_TRACKER;
    if (tracker === undefined || tracker === '') {
      throw new Drmaa2Error(ErrorCode.InvalidArgument, 'SessionManager: no tracker given and DRMAA2_TRACKER is not set');
    }
    this.#options = { ...options, tracker };
  }

  async #connect(): Promise<{ tracker: Tracker; hub: JobStateHub }> {
    if (this.#closed) throw new Drmaa2Error(ErrorCode.InvalidSession, 'SessionManager was closed');
    this.#connection ??= (async () => {
      const choice = this.#options.tracker as TrackerPlugin | string;
      const plugin = typeof choice === 'string' ? await (this.#options.registry ?? new TrackerRegistry()).resolve(choice) : choice;
      const tracker = await plugin.connect();
      const hub = new JobStateHub(tracker);
      if (this.#callbacks.size > 0) this.#stopEvents = hub.listen((change) => this.#deliver(change));
      return { tracker, hub };
    })();
    this.#connection.catch(() => (this.#connection = undefined));
    return this.#connection;
  }

  async #tracker(): Promise<Tracker> {
    return (await this.#connect()).tracker;
  }

  /**
   * Creates and opens a persistent job session. No name: a generated unique one.
   * @throws Drmaa2Error `INVALID_ARGUMENT` for a malformed or taken name.
   */
  async createJobSession(name?: string, contact?: string, options?: OperationOptions): Promise<JobSession> {
    const sessionName = name === undefined ? `session-${randomBytes(6).toString('hex')}` : checkSessionName(name);
    const { tracker, hub } = await this.#connect();
    const record = await tracker.createSession(sessionName, contact, options);
    return this.#track(new JobSession(tracker, hub, record));
  }

  /**
   * Opens an existing job session, from this process or an earlier one where the backend persists.
   * @throws Drmaa2Error `INVALID_ARGUMENT` for an unknown name.
   */
  async openJobSession(name: string, options?: OperationOptions): Promise<JobSession> {
    const { tracker, hub } = await this.#connect();
    const record = await tracker.openSession(checkSessionName(name), options);
    return this.#track(new JobSession(tracker, hub, record));
  }

  #track(session: JobSession): JobSession {
    this.#openSessions.add(session);
    return session;
  }

  /**
   * Deletes a session and its stored job data. Running jobs are not terminated; open handles of it
   * raise `INVALID_SESSION` afterwards.
   * @throws Drmaa2Error `INVALID_ARGUMENT` for an unknown name.
   */
  async destroyJobSession(name: string, options?: OperationOptions): Promise<void> {
    const tracker = await this.#tracker();
    await tracker.destroySession(checkSessionName(name), options);
    for (const session of this.#openSessions) {
      if (session.sessionName === name) {
        session.invalidate('destroyed');
        this.#openSessions.delete(session);
      }
    }
  }

  /** The names of the persisted job sessions. */
  async getJobSessionNames(options?: OperationOptions): Promise<string[]> {
    return (await this.#tracker()).sessionNames(options);
  }

  /** Opens a (non-persistent) monitoring session. */
  async openMonitoringSession(name?: string): Promise<MonitoringSession> {
    const { tracker, hub } = await this.#connect();
    return new MonitoringSession(tracker, hub, name);
  }

  /** The backend's name, such as `kubernetes`. */
  async getDrmsName(options?: OperationOptions): Promise<string> {
    return (await this.#tracker()).drmsName(options);
  }

  /** The backend's version. */
  async getDrmsVersion(options?: OperationOptions): Promise<Version> {
    return (await this.#tracker()).drmsVersion(options);
  }

  /**
   * True when the backend has the capability. `CALLBACK` is always true: core delivers events from
   * the tracker's pushes, or from one shared poll where it cannot push.
   */
  async supports(capability: Capability): Promise<boolean> {
    if (capability === Capability.Callback) return true;
    return (await this.#tracker()).capabilities.has(capability);
  }

  /**
   * Adds an event callback for every job of this manager's backend. `NEW_STATE` comes once per state
   * change, in order per job. Callbacks are additive; the returned function removes this one.
   */
  registerEventNotification(callback: EventCallback): () => void {
    if (typeof callback !== 'function') {
      throw new Drmaa2Error(ErrorCode.InvalidArgument, 'registerEventNotification: callback must be a function');
    }
    this.#callbacks.add(callback);
    if (this.#callbacks.size === 1) {
      this.#connect().then(
        ({ hub }) => {
          if (this.#callbacks.size > 0 && this.#stopEvents === undefined) {
            this.#stopEvents = hub.listen((change) => this.#deliver(change));
          }
        },
        (error: unknown) => this.#reportCallbackError(error),
      );
    }
    return () => {
      this.#callbacks.delete(callback);
      if (this.#callbacks.size === 0) {
        this.#stopEvents?.();
        this.#stopEvents = undefined;
        this.#delivered.clear();
      }
    };
  }

  #deliver(change: { jobId: string; sessionName?: string; state: JobState; subState?: string }): void {
    if (this.#delivered.get(change.jobId) === change.state) return;
    this.#delivered.set(change.jobId, change.state);
    const notification = {
      event: DrmaaEvent.NewState,
      jobId: change.jobId,
      sessionName: change.sessionName,
      jobState: change.state,
      ...(change.subState === undefined ? {} : { jobSubState: change.subState }),
    };
    for (const callback of [...this.#callbacks]) {
      try {
        callback(notification);
      } catch (error) {
        this.#reportCallbackError(error);
      }
    }
  }

  #reportCallbackError(error: unknown): void {
    const report = this.#options.onCallbackError;
    if (report !== undefined) report(error);
    else
      setImmediate(() => {
        throw error;
      });
  }

  /**
   * Disconnects from the backend: ends its watches and timers. Sessions and jobs stay. Further
   * calls raise `INVALID_SESSION`. Calling it again does nothing.
   */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    for (const session of this.#openSessions) session.invalidate('closed with its session manager');
    this.#openSessions.clear();
    this.#callbacks.clear();
    const connection = this.#connection;
    this.#connection = undefined;
    if (connection === undefined) return;
    const { tracker, hub } = await connection.catch(() => ({ tracker: undefined, hub: undefined }));
    hub?.close();
    await tracker?.close();
  }

  /** Same as {@link SessionManager.close}, for `await using`. */
  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }
}
