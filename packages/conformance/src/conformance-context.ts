import {
  SessionManager,
  isTerminal,
  type EventNotification,
  type Job,
  type JobSession,
  type JobState,
  type JobTemplate,
  type TrackerPlugin,
} from '@drmaa2/core';
import type { ConformanceSubject, TrackerConformanceOptions } from './conformance-options.js';

/** What every conformance case gets: a fresh backend, a manager on it, a session, and helpers. */
export interface ConformanceContext {
  /** The backend under test, fresh for this case. */
  readonly subject: ConformanceSubject;
  /** A session manager on it, with an event callback registered. */
  readonly sm: SessionManager;
  /** A new job session of `sm`. */
  readonly session: JobSession;
  /** Every event `sm` delivered so far, in order. */
  readonly events: EventNotification[];
  /** The suite's options with their defaults filled in. */
  readonly options: Required<Pick<TrackerConformanceOptions, 'longSeconds' | 'shortSeconds' | 'persistsAcrossPlugins'>> & TrackerConformanceOptions;
  /** The backend's time, in ms. */
  now(): number;
  /** A template that runs longer than any test waits. */
  long(): JobTemplate;
  /** A template that runs briefly, then succeeds. */
  short(): JobTemplate;
  /** A template that stays QUEUED: a long job whose startTime is an hour away. */
  queued(): JobTemplate;
  /** Every state a job has been reported in through events, in order. */
  statesOf(job: Job): string[];
  /** Resolves once the events have shown `state` for the job `times` times (default 1). */
  untilState(job: Job, state: JobState, times?: number): Promise<void>;
  /** A new session manager on the same plugin instance, or on `plugin` when given. */
  newManager(plugin?: TrackerPlugin): SessionManager;
  /** Closes everything the context opened. */
  close(): Promise<void>;
}

/** @internal Builds a context for one test. */
export async function createContext(options: TrackerConformanceOptions): Promise<ConformanceContext> {
  const subject = await options.create();
  const managers: SessionManager[] = [];
  const newManager = (plugin: TrackerPlugin = subject.plugin): SessionManager => {
    const manager = new SessionManager({ tracker: plugin });
    managers.push(manager);
    return manager;
  };
  const sm = newManager();
  const events: EventNotification[] = [];
  const waiters = new Set<() => void>();
  sm.registerEventNotification((event) => {
    events.push(event);
    for (const waiter of [...waiters]) waiter();
  });
  const session = await sm.createJobSession();
  const longSeconds = options.longSeconds ?? 3600;
  const shortSeconds = options.shortSeconds ?? 1;
  const now = subject.now ?? (() => Date.now());
  const statesOf = (job: Job): string[] => events.filter((e) => e.jobId === job.id).map((e) => e.jobState);

  return {
    subject,
    sm,
    session,
    events,
    options: { ...options, longSeconds, shortSeconds, persistsAcrossPlugins: options.persistsAcrossPlugins ?? false },
    now,
    long: () => options.templates.sleep(longSeconds),
    short: () => options.templates.sleep(shortSeconds),
    queued: () => ({ ...options.templates.sleep(longSeconds), startTime: new Date(now() + 3_600_000) }),
    statesOf,
    untilState: (job, state, times = 1) =>
      new Promise<void>((resolve, reject) => {
        const check = (): void => {
          const states = statesOf(job);
          if (states.filter((s) => s === state).length >= times) {
            waiters.delete(check);
            resolve();
          } else if (states.some((s) => isTerminal(s as JobState)) && !isTerminal(state)) {
            waiters.delete(check);
            reject(new Error(`job ${job.id} ended (${states.join(' > ')}) without reaching ${state}`));
          }
        };
        waiters.add(check);
        check();
      }),
    newManager,
    async close() {
      for (const manager of managers) await manager.close();
      await subject.dispose?.();
    },
  };
}
