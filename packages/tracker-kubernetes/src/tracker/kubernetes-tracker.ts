import { randomUUID } from 'node:crypto';
import { homedir, hostname, userInfo } from 'node:os';
import {
  Capability,
  Drmaa2Error,
  ErrorCode,
  JobControl,
  systemClock,
  templateForIndex,
  type CallOptions,
  type Clock,
  type JobArrayRecord,
  type JobRecord,
  type JobStateChange,
  type JobTemplate,
  type MachineInfo,
  type SessionRecord,
  type SubmitJobArrayRequest,
  type SubmitJobRequest,
  type TimerHandle,
  type Tracker,
  type Version,
} from '@drmaa2/core';
import { isKubeStatus, toDrmaa2Error } from '../client/kube-api-error.js';
import { KubeHttp } from '../client/kube-http.js';
import type { KubeTarget } from '../client/load-kube-config.js';
import { AnnotationKey, LabelKey } from '../mapping/keys.js';
import { completionIndexFor, kubernetesExtensions, planJob, templateFromAnnotation, type MappingOptions } from '../mapping/index.js';
import { controlPatch, startTimePatch, waitsForStartTime } from './control-patches.js';
import { formatJobId, parseJobId, requireJobId } from './job-id.js';
import { arrayRange, memberIds, reapedIndexes, REAPED_ANNOTATION } from './job-annotations.js';
import { JobIndex, type CachedJob } from './job-index.js';
import { checkJobLogOptions, finalPod, JobLogs } from './job-logs.js';
import type { KubernetesTrackerOptions } from './kubernetes-tracker-options.js';
import { listMachines, listNodeImages } from './node-machines.js';
import { SessionStore } from './session-store.js';
import { slimJob } from './slim-objects.js';
import { submitPlan } from './submit-plan.js';

const capabilities = new Set<Capability>([
  Capability.Callback,
  Capability.BulkJobsMaxParallel,
  Capability.JtStaging,
  Capability.JtDeadline,
  Capability.JtMaxSlots,
  Capability.JtAccountingId,
]);
const controls = new Set<JobControl>(Object.values(JobControl));
/** The longest delay a Node.js timer takes (2^31 - 1 ms); longer ones would fire at once. */
const MAX_TIMER_MS = 2_147_483_647;

function owner(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}

function objectNameFor(template: JobTemplate): string {
  const base = (template.jobName ?? 'drmaa2').toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 30) || 'drmaa2';
  // 8 random hex digits; randomUUID draws from a cached entropy pool (randomBytes makes a call per name).
  return `${base}-${randomUUID().slice(0, 8)}`;
}

/**
 * One connection of the Kubernetes tracker: the Tracker SPI over batch/v1 Jobs.
 * @internal
 */
export class KubernetesTracker implements Tracker {
  readonly capabilities = capabilities;
  readonly controls = controls;
  readonly extensions = kubernetesExtensions;
  readonly clock: Clock;
  readonly #http: KubeHttp;
  readonly #target: KubeTarget;
  readonly #options: KubernetesTrackerOptions;
  readonly #mapping: MappingOptions;
  readonly #sessions: SessionStore;
  readonly #index: JobIndex;
  readonly #logs: JobLogs;
  readonly #listeners = new Set<(change: JobStateChange) => void>();
  readonly #startTimers = new Map<string, TimerHandle>();
  readonly #knownSessions = new Set<string>();
  /** Templates read back from Jobs, per cached object (an array's members share one). */
  readonly #templates = new WeakMap<CachedJob, JobTemplate | undefined>();
  readonly #queues: readonly string[];
  /** The namespaces watched: the default one, and the queues unless they name Kueue LocalQueues. */
  readonly #namespaces: readonly string[];
  readonly #owner = owner();
  readonly #machine = hostname();
  #closed = false;

  private constructor(target: KubeTarget, options: KubernetesTrackerOptions) {
    this.clock = options.clock ?? systemClock;
    this.#target = target;
    this.#options = options;
    this.#http = new KubeHttp(target.kubeConfig, options);
    this.#queues = options.queues ?? [target.namespace];
    this.#namespaces = options.kueue?.enabled === true ? [target.namespace] : [...new Set([target.namespace, ...this.#queues])];
    this.#mapping = {
      defaultNamespace: target.namespace,
      ...(options.kueue === undefined ? {} : { kueue: options.kueue }),
      ...(options.priorityClasses === undefined ? {} : { priorityClasses: options.priorityClasses }),
      ...(options.defaultImage === undefined ? {} : { defaultImage: options.defaultImage }),
    };
    this.#sessions = new SessionStore(this.#http, target.namespace);
    const reportError = (error: Error): void => options.onBackgroundError?.(error);
    this.#logs = new JobLogs(this.#http, options.jobLogs ?? {}, homedir(), reportError);
    this.#index = new JobIndex(this.#http, this.#namespaces, this.clock, {
      emit: (change) => {
        for (const listener of [...this.#listeners]) listener(change);
      },
      onJob: (job) => this.#armStartTime(job),
      onError: reportError,
      settle: (job, jobId, index, liveTransition) => this.#collectLog(job, jobId, index, liveTransition),
      persistFacts: (job, value) => void this.#writeFacts(job, value),
    });
  }

  /** Connects: lists every watched namespace once, then keeps watching. */
  static async connect(target: KubeTarget, options: KubernetesTrackerOptions): Promise<KubernetesTracker> {
    checkJobLogOptions(options.jobLogs);
    const tracker = new KubernetesTracker(target, options);
    try {
      await tracker.#index.start();
    } catch (error) {
      await tracker.close();
      throw toDrmaa2Error(error, `connecting to ${target.server}`);
    }
    return tracker;
  }

  #open(options?: CallOptions): void {
    if (this.#closed) throw new Drmaa2Error(ErrorCode.InvalidSession, 'kubernetes tracker connection was closed');
    options?.signal?.throwIfAborted();
  }

  async drmsName(options?: CallOptions): Promise<string> {
    this.#open(options);
    return 'kubernetes';
  }

  async drmsVersion(options?: CallOptions): Promise<Version> {
    this.#open(options);
    try {
      const version = await this.#http.request<{ major?: string; minor?: string }>({ method: 'GET', path: '/version', ...options });
      return { major: version.major ?? '', minor: version.minor ?? '' };
    } catch (error) {
      throw toDrmaa2Error(error, 'reading the server version');
    }
  }

  async jobCategories(options?: CallOptions): Promise<readonly string[] | undefined> {
    this.#open(options);
    return this.#options.jobCategories;
  }

  async suggestedJobCategories(options?: CallOptions): Promise<readonly string[]> {
    this.#open(options);
    const images = await listNodeImages(this.#http, options?.signal);
    return [...new Set([...(this.#options.suggestedJobCategories ?? []), ...images])];
  }

  async createSession(name: string, contact: string | undefined, options?: CallOptions): Promise<SessionRecord> {
    this.#open(options);
    const own = `${this.#target.context}/${this.#target.namespace}`;
    if (contact !== undefined && contact !== own) {
      throw new Drmaa2Error(ErrorCode.InvalidArgument, `contact ${JSON.stringify(contact)}: this tracker is connected to ${own}; connect a tracker with that context and namespace instead`);
    }
    const record = await this.#sessions.create(name, own, options?.signal);
    this.#knownSessions.add(name);
    return record;
  }

  async openSession(name: string, options?: CallOptions): Promise<SessionRecord> {
    this.#open(options);
    const record = await this.#sessions.get(name, options?.signal);
    if (record === undefined) throw new Drmaa2Error(ErrorCode.InvalidArgument, `job session ${name} does not exist`);
    this.#knownSessions.add(name);
    this.#index.revisit(name);
    return record;
  }

  async destroySession(name: string, options?: CallOptions): Promise<void> {
    this.#open(options);
    await this.#sessions.delete(name, options?.signal);
    this.#knownSessions.delete(name);
    for (const job of [...this.#index.jobs()]) {
      if (job.metadata.labels?.[LabelKey.Session] !== name) continue;
      const records = this.#index.records(job);
      const done = records.every((record) => record.info.jobState === 'DONE' || record.info.jobState === 'FAILED');
      if (done) await this.#deleteJob(job, options);
      else await this.#patch(job, { metadata: { labels: { [LabelKey.Session]: null } }, spec: { ttlSecondsAfterFinished: 0 } }, options);
    }
  }

  async sessionNames(options?: CallOptions): Promise<string[]> {
    this.#open(options);
    return this.#sessions.names(options?.signal);
  }

  /** Checks the session exists, once per connection and session (submissions then cost no extra request). */
  async #assertSession(sessionName: string, options?: CallOptions): Promise<void> {
    if (this.#knownSessions.has(sessionName)) return;
    if ((await this.#sessions.get(sessionName, options?.signal)) === undefined) {
      throw new Drmaa2Error(ErrorCode.InvalidSession, `job session ${sessionName} does not exist (destroyed?)`);
    }
    this.#knownSessions.add(sessionName);
  }

  async #submit(sessionName: string, template: JobTemplate, array: SubmitJobArrayRequest | undefined, options?: CallOptions): Promise<CachedJob> {
    this.#open(options);
    if (template.queueName !== undefined && !this.#queues.includes(template.queueName)) {
      throw new Drmaa2Error(ErrorCode.InvalidArgument, `JobTemplate.queueName: ${JSON.stringify(template.queueName)} is not a queue of this tracker (queues: ${this.#queues.join(', ')})`);
    }
    const plan = planJob(
      {
        template,
        sessionName,
        objectName: objectNameFor(template),
        submissionId: randomUUID(),
        submittedAt: new Date(this.clock.now()),
        owner: this.#owner,
        submissionMachine: this.#machine,
        ...(array === undefined ? {} : { array: { begin: array.begin, end: array.end, step: array.step, ...(array.maxParallel === undefined ? {} : { maxParallel: array.maxParallel }) } }),
      },
      this.#mapping,
    );
    if (!this.#namespaces.includes(plan.namespace)) {
      throw new Drmaa2Error(ErrorCode.InvalidArgument, `JobTemplate.extensions.namespace: ${JSON.stringify(plan.namespace)} is not watched by this tracker (watched: ${this.#namespaces.join(', ')}); list it in the tracker's queues option`);
    }
    await this.#assertSession(sessionName, options);
    // A Job a failed submission made and removes again is no job of the user's: its deletion must
    // not show up as an UNDETERMINED job "deleted outside DRMAA2". Marked before the delete is sent.
    const markRemoved = (): void => this.#index.reaping(plan.namespace, plan.job.metadata?.name ?? '');
    const created = slimJob((await submitPlan(this.#http, plan, options?.signal, markRemoved)) as Record<string, unknown>);
    this.#index.upsert(created);
    return created;
  }

  async submitJob(request: SubmitJobRequest, options?: CallOptions): Promise<JobRecord> {
    const job = await this.#submit(request.sessionName, request.template, undefined, options);
    const record = this.#index.record(job.metadata.namespace ?? '', job.metadata.name);
    if (record === undefined) throw new Drmaa2Error(ErrorCode.Internal, `job ${job.metadata.name} vanished right after its creation`);
    return record;
  }

  async submitJobArray(request: SubmitJobArrayRequest, options?: CallOptions): Promise<JobArrayRecord> {
    const count = Math.floor((request.end - request.begin) / request.step) + 1;
    if (count > 100_000) {
      throw new Drmaa2Error(ErrorCode.InvalidArgument, `runBulkJobs: ${count} members exceed the 100,000 completions of one Indexed Job`);
    }
    const job = await this.#submit(request.sessionName, request.template, request, options);
    return { arrayId: formatJobId(job.metadata.namespace ?? '', job.metadata.name), sessionName: request.sessionName, jobIds: memberIds(job, request) };
  }

  async getJob(jobId: string, options?: CallOptions): Promise<JobRecord | undefined> {
    this.#open(options);
    const id = parseJobId(jobId);
    return id === undefined ? undefined : this.#index.record(id.namespace, id.name, id.index);
  }

  async getJobTemplate(jobId: string, options?: CallOptions): Promise<JobTemplate | undefined> {
    this.#open(options);
    const id = parseJobId(jobId);
    const job = id === undefined ? undefined : this.#index.job(id.namespace, id.name);
    if (id === undefined || job === undefined || (await this.getJob(jobId)) === undefined) return undefined;
    const template = templateFromAnnotation(job);
    return template === undefined || id.index === undefined ? template : templateForIndex(template, id.index);
  }

  async listJobs(query: { readonly sessionName?: string }, options?: CallOptions): Promise<JobRecord[]> {
    this.#open(options);
    const records: JobRecord[] = [];
    for (const job of this.#index.jobs()) {
      if (query.sessionName !== undefined && job.metadata.labels?.[LabelKey.Session] !== query.sessionName) continue;
      records.push(...this.#index.records(job));
    }
    if (query.sessionName === undefined) records.push(...this.#index.tombstones());
    return records;
  }

  #arrayJob(arrayId: string): CachedJob | undefined {
    const id = parseJobId(arrayId);
    if (id === undefined || id.index !== undefined) return undefined;
    const job = this.#index.job(id.namespace, id.name);
    return job !== undefined && arrayRange(job) !== undefined ? job : undefined;
  }

  async getJobArray(sessionName: string, arrayId: string, options?: CallOptions): Promise<JobArrayRecord | undefined> {
    this.#open(options);
    const job = this.#arrayJob(arrayId);
    if (job === undefined || job.metadata.labels?.[LabelKey.Session] !== sessionName) return undefined;
    const range = arrayRange(job);
    return range === undefined ? undefined : { arrayId, sessionName, jobIds: memberIds(job, range) };
  }

  async getJobArrayTemplate(arrayId: string, options?: CallOptions): Promise<JobTemplate | undefined> {
    this.#open(options);
    const job = this.#arrayJob(arrayId);
    return job === undefined ? undefined : templateFromAnnotation(job);
  }

  async #patch(job: CachedJob, body: Record<string, unknown>, options?: CallOptions): Promise<void> {
    const path = `/apis/batch/v1/namespaces/${job.metadata.namespace ?? ''}/jobs/${job.metadata.name}`;
    try {
      const patched = await this.#http.request<Record<string, unknown>>({ method: 'PATCH', path, contentType: 'application/merge-patch+json', body, ...options });
      this.#index.upsert(slimJob(patched));
    } catch (error) {
      if (isKubeStatus(error, 404)) throw new Drmaa2Error(ErrorCode.InvalidArgument, `job ${job.metadata.name}: the Kubernetes Job is gone`, { cause: error });
      throw toDrmaa2Error(error, `updating job ${job.metadata.name}`);
    }
  }

  async #deleteJob(job: CachedJob, options?: CallOptions): Promise<void> {
    const namespace = job.metadata.namespace ?? '';
    this.#index.reaping(namespace, job.metadata.name);
    try {
      await this.#http.request({ method: 'DELETE', path: `/apis/batch/v1/namespaces/${namespace}/jobs/${job.metadata.name}`, query: { propagationPolicy: 'Background' }, ...options });
    } catch (error) {
      if (!isKubeStatus(error, 404)) {
        this.#index.reapFailed(namespace, job.metadata.name);
        throw toDrmaa2Error(error, `deleting job ${job.metadata.name}`);
      }
    }
    this.#index.forget(namespace, job.metadata.name);
  }

  #requireJob(jobId: string): CachedJob {
    const id = requireJobId(jobId);
    const job = this.#index.job(id.namespace, id.name);
    if (job === undefined) throw new Drmaa2Error(ErrorCode.InvalidArgument, `job ${jobId}: unknown or already reaped`);
    return job;
  }

  async controlJob(jobId: string, control: JobControl, options?: CallOptions): Promise<void> {
    this.#open(options);
    const job = this.#requireJob(jobId);
    if (requireJobId(jobId).index !== undefined) {
      throw new Drmaa2Error(ErrorCode.UnsupportedOperation, `job ${jobId}: members of an array are controlled together; use the JobArray's ${control}()`);
    }
    await this.#patch(job, controlPatch(control, job, this.clock.now(), this.#options.kueue?.enabled === true), options);
  }

  async controlJobArray(arrayId: string, control: JobControl, options?: CallOptions): Promise<void> {
    this.#open(options);
    const job = this.#arrayJob(arrayId);
    if (job === undefined) throw new Drmaa2Error(ErrorCode.InvalidArgument, `job array ${arrayId}: unknown or already reaped`);
    await this.#patch(job, controlPatch(control, job, this.clock.now(), this.#options.kueue?.enabled === true), options);
  }

  async reapJob(jobId: string, options?: CallOptions): Promise<void> {
    this.#open(options);
    const job = this.#requireJob(jobId);
    const index = requireJobId(jobId).index;
    const range = arrayRange(job);
    if (index === undefined || range === undefined) return this.#deleteJob(job, options);
    const reaped = reapedIndexes(job).add(index);
    const members = Math.floor((range.end - range.begin) / range.step) + 1;
    if (reaped.size >= members) return this.#deleteJob(job, options);
    await this.#patch(job, { metadata: { annotations: { [REAPED_ANNOTATION]: [...reaped].sort((a, b) => a - b).join(',') } } }, options);
  }

  async reapJobArray(arrayId: string, options?: CallOptions): Promise<void> {
    this.#open(options);
    const job = this.#arrayJob(arrayId);
    if (job === undefined) throw new Drmaa2Error(ErrorCode.InvalidArgument, `job array ${arrayId}: unknown or already reaped`);
    await this.#deleteJob(job, options);
  }

  subscribe(listener: (change: JobStateChange) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  async machines(options?: CallOptions): Promise<MachineInfo[]> {
    this.#open(options);
    return listMachines(this.#http, options?.signal);
  }

  async queues(options?: CallOptions): Promise<{ name: string }[]> {
    this.#open(options);
    return this.#queues.map((name) => ({ name }));
  }

  /**
   * When a job of a session this connection has open finishes, collects its log (see `JobLogs`)
   * before the job is shown finished, so a `waitTerminated()` caller finds the output file written.
   */
  #collectLog(job: CachedJob, jobId: string, index: number | undefined, liveTransition: boolean): Promise<Readonly<Record<string, string>>> | false | undefined {
    const session = job.metadata.labels?.[LabelKey.Session];
    if (this.#closed || session === undefined || !this.#knownSessions.has(session)) return undefined;
    let stored = this.#templates.get(job);
    if (stored === undefined && !this.#templates.has(job)) this.#templates.set(job, (stored = templateFromAnnotation(job)));
    const range = arrayRange(job);
    const template = stored === undefined || index === undefined ? stored : templateForIndex(stored, index);
    if (template === undefined || !this.#logs.wants(template)) return false;
    const member = index === undefined || range === undefined ? undefined : completionIndexFor(range, index);
    return this.#logs.collect(jobId, finalPod(this.#index.podsOf(job), member), template, !liveTransition);
  }

  /** Writes the facts of a finished Job whose pods go before it (see `JobIndex`); a Job gone meanwhile needs none. */
  async #writeFacts(job: CachedJob, value: string): Promise<void> {
    if (this.#closed) return;
    const path = `/apis/batch/v1/namespaces/${job.metadata.namespace ?? ''}/jobs/${job.metadata.name}`;
    try {
      const body = { metadata: { annotations: { [AnnotationKey.FinalFacts]: value } } };
      const patched = await this.#http.request<Record<string, unknown>>({ method: 'PATCH', path, contentType: 'application/merge-patch+json', body });
      if (!this.#closed) this.#index.upsert(slimJob(patched));
    } catch (error) {
      if (!isKubeStatus(error, 404) && !this.#closed) this.#options.onBackgroundError?.(toDrmaa2Error(error, `recording the facts of job ${job.metadata.name}`));
    }
  }

  /** Releases Jobs held for their `startTime` when it comes; re-armed from the watch after a restart. */
  #armStartTime(job: CachedJob): void {
    const key = `${job.metadata.namespace ?? ''}/${job.metadata.name}`;
    const startTime = job.metadata.annotations?.[AnnotationKey.StartTime];
    const existing = this.#startTimers.get(key);
    if (existing !== undefined) this.clock.clearTimeout(existing);
    this.#startTimers.delete(key);
    if (startTime === undefined || this.#closed) return;
    const release = (): void => {
      this.#startTimers.delete(key);
      const current = this.#index.job(job.metadata.namespace ?? '', job.metadata.name);
      if (current === undefined) return;
      // Timers cannot wait longer than about 24.8 days: one that fires before the start time re-arms.
      if (waitsForStartTime(current, this.clock.now())) {
        this.#armStartTime(current);
        return;
      }
      const patch = startTimePatch(current, this.clock.now(), this.#options.kueue?.enabled === true);
      if (patch !== undefined) {
        this.#patch(current, patch).catch((error: unknown) => this.#options.onBackgroundError?.(error instanceof Error ? error : new Error(String(error))));
      }
    };
    const delay = Math.min(Math.max(0, Date.parse(startTime) - this.clock.now()), MAX_TIMER_MS);
    this.#startTimers.set(key, this.clock.setTimeout(release, delay));
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    for (const timer of this.#startTimers.values()) this.clock.clearTimeout(timer);
    this.#startTimers.clear();
    this.#listeners.clear();
    await this.#logs.close();
    await this.#index.stop();
    this.#http.close();
  }
}
