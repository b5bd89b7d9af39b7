import {
  JobControl,
  JobState,
  type Clock,
  type JobRecord,
  type JobStateChange,
  type Tracker,
  type TrackerPlugin,
} from '../src/index.js';

/** A hand-driven tracker for core's unit tests: states change only when the test says so. */
export class FakeTracker {
  readonly jobs = new Map<string, JobRecord>();
  readonly calls: string[] = [];
  readonly listeners = new Set<(change: JobStateChange) => void>();
  readonly sessions = new Map<string, string>();
  #next = 1;

  constructor(readonly options: { push?: boolean; clock?: Clock; pollIntervalMs?: number; suggestedCategories?: readonly string[] } = {}) {}

  set(jobId: string, state: JobState): void {
    const record = this.jobs.get(jobId);
    if (record === undefined) throw new Error(`no job ${jobId}`);
    this.jobs.set(jobId, { ...record, info: { ...record.info, jobState: state } });
    for (const listener of this.listeners) listener({ jobId, sessionName: record.sessionName, state });
  }

  plugin(): TrackerPlugin {
    return { name: 'fake', connect: async () => this.connect() };
  }

  connect(): Tracker {
    const calls = this.calls;
    const tracker: Tracker = {
      capabilities: new Set(),
      controls: new Set([JobControl.Terminate]),
      extensions: [{ name: 'color', description: 'a test extension' }],
      ...(this.options.clock === undefined ? {} : { clock: this.options.clock }),
      ...(this.options.pollIntervalMs === undefined ? {} : { pollIntervalMs: this.options.pollIntervalMs }),
      drmsName: async () => 'fake',
      drmsVersion: async () => ({ major: '1', minor: '0' }),
      ...(this.options.suggestedCategories === undefined
        ? { jobCategories: async () => ['small', 'large'] }
        : { jobCategories: async () => undefined, suggestedJobCategories: async () => this.options.suggestedCategories ?? [] }),
      createSession: async (name, contact) => {
        this.sessions.set(name, contact ?? 'fake://');
        return { name, contact: contact ?? 'fake://' };
      },
      openSession: async (name) => ({ name, contact: this.sessions.get(name) ?? 'fake://' }),
      destroySession: async (name) => void this.sessions.delete(name),
      sessionNames: async () => [...this.sessions.keys()],
      submitJob: async ({ sessionName }) => {
        calls.push('submitJob');
        const jobId = String(this.#next++);
        const record: JobRecord = { jobId, sessionName, info: { jobId, jobState: JobState.Queued } };
        this.jobs.set(jobId, record);
        return record;
      },
      submitJobArray: async () => {
        throw new Error('not used');
      },
      getJob: async (jobId) => {
        calls.push(`getJob ${jobId}`);
        return this.jobs.get(jobId);
      },
      getJobTemplate: async () => ({ remoteCommand: 'x' }),
      listJobs: async () => {
        calls.push('listJobs');
        return [...this.jobs.values()];
      },
      getJobArray: async () => undefined,
      getJobArrayTemplate: async () => undefined,
      controlJob: async (jobId, control) => void calls.push(`${control} ${jobId}`),
      reapJob: async (jobId) => void this.jobs.delete(jobId),
      machines: async () => [],
      queues: async () => [],
      close: async () => void calls.push('close'),
    };
    if (this.options.push === true) {
      tracker.subscribe = (listener) => {
        this.listeners.add(listener);
        return () => this.listeners.delete(listener);
      };
    }
    return tracker;
  }
}
