import { JobState, type Clock, type JobInfo, type JobRecord, type JobStateChange } from '@drmaa2/core';
import type { KubeHttp } from '../client/kube-http.js';
import type { KubeJob, KubePod } from '../kube-types.js';
import { AnnotationKey, LabelKey, MANAGED_BY_VALUE } from '../mapping/keys.js';
import { arrayMemberStatus, jobStatus, memberIndexes, type MemberIndexes, type ObservedStatus } from '../state/index.js';
import { unreadableJob } from '../state/job-facts.js';
import { KeptStatus } from '../state/kept-status.js';
import { MemberPods } from '../state/member-pods.js';
import { completionIndexOf } from '../state/pod-facts.js';
import { Informer, type CachedObject } from './informer.js';
import { formatJobId } from './job-id.js';
import { finalFactsValue, MAX_FINAL_FACTS_BYTES, readFinalFacts, unitKey } from './final-facts.js';
import { arrayRange, reapedIndexes } from './job-annotations.js';
import { slimJob, slimPod, StringPool } from './slim-objects.js';

/** A Job as the index keeps it. */
export type CachedJob = KubeJob & CachedObject;
/** A Pod as the index keeps it. */
export type CachedPod = KubePod & CachedObject;

const maxTombstones = 10_000;
const jobLabel = 'batch.kubernetes.io/job-name';

/** The least bytes one unit takes in the facts annotation (`"0":{"state":"DONE"},`). */
const minUnitBytes = 20;

/** What the index reads of one Job version, worked out once per version (watch events replace the object). */
interface JobFacts {
  readonly range: { readonly begin: number; readonly end: number; readonly step: number } | undefined;
  readonly reaped: ReadonlySet<number>;
  readonly indexes: MemberIndexes;
  /** The `drmaa2.io/final-facts` annotation, read when first needed. */
  stored?: Map<string, ObservedStatus>;
  /** {@link memberInputs}, when first needed. */
  inputs?: string;
}

/** What the index reads of every single (non-array) Job: no range, no members. */
const singleJobFacts: Readonly<JobFacts> = Object.freeze({ range: undefined, reaped: new Set<number>(), indexes: memberIndexes({}) });

const countersAndLists = new Set(['active', 'ready', 'terminating', 'succeeded', 'failed', 'uncountedTerminatedPods', 'completedIndexes', 'failedIndexes']);

/**
 * Everything an array member's record reads of its Job except `completedIndexes`,
 * `failedIndexes` and the counters (which no member reads): two versions with the same value
 * give every member the same record, but for members whose index entered or left a list.
 */
function memberInputs(job: CachedJob): string {
  const { resourceVersion: _version, ...metadata } = job.metadata;
  const status = typeof job.status === 'object' && job.status !== null ? Object.entries(job.status).filter(([key]) => !countersAndLists.has(key)) : job.status;
  return JSON.stringify([unreadableJob(job) ?? null, metadata, job.spec ?? null, status ?? null]);
}

function definedFields(status: ObservedStatus): Partial<ObservedStatus> {
  return Object.fromEntries(Object.entries(status).filter(([, value]) => value !== undefined));
}

/** A state as last reported for a job. */
interface ReportedState {
  readonly state: JobState;
  readonly subState: string | undefined;
}

/** Settled jobs without extensions share this value. */
const noExtensions: Readonly<Record<string, string>> = Object.freeze({});
/** The most distinct (state, subState) pairs whose {@link ReportedState} is shared. */
const maxSharedStates = 1000;

const waitingStates: ReadonlySet<JobState> = new Set([JobState.Queued, JobState.QueuedHeld, JobState.Requeued, JobState.RequeuedHeld]);

function isFinished(state: JobState | undefined): boolean {
  return state === JobState.Done || state === JobState.Failed;
}

/**
 * Work the tracker does when a job finishes, before the job is shown as finished (writing its
 * log to `outputPath`, say). Returns the `JobInfo.extensions` to add, `false` when there is
 * nothing to do, or `undefined` to be asked again later. `liveTransition` is false for a job that
 * was already finished when first seen.
 */
export type SettleHook = (
  job: CachedJob,
  jobId: string,
  index: number | undefined,
  liveTransition: boolean,
) => Promise<Readonly<Record<string, string>>> | false | undefined;

/**
 * A started job seen as merely queued again: Jobs and Pods come on separate watches (and re-list
 * separately), so a pod may be gone before its Job tells why (suspended, failed, requeued). The
 * last state stands until the Job says what happened.
 */
function steppedBack(last: ReportedState | undefined, state: JobState): last is ReportedState {
  const started = last?.state === JobState.Running || last?.state === JobState.Suspended;
  return started && (state === JobState.Queued || state === JobState.QueuedHeld);
}

function jobKey(namespace: string, name: string): string {
  return `${namespace}/${name}`;
}

/**
 * Every Job of the watched namespaces and the pods of the tracker's Jobs, from one list + watch
 * each per namespace, and the DRMAA2 state of every job derived from them. State changes are
 * pushed as they are seen; a Job deleted behind the tracker's back stays visible as UNDETERMINED.
 * @internal
 */
export class JobIndex {
  readonly #jobs: Informer<CachedJob>;
  readonly #pods: Informer<CachedPod>;
  readonly #podsByJob = new Map<string, MemberPods<CachedPod>>();
  readonly #facts = new WeakMap<CachedJob, JobFacts>();
  /** Job versions whose records were all brought up to date (a later version then refreshes only what changed). */
  readonly #refreshed = new WeakSet<CachedJob>();
  readonly #last = new Map<string, ReportedState>();
  readonly #states = new Map<string, ReportedState>();
  readonly #settling = new Set<string>();
  readonly #settled = new Map<string, Readonly<Record<string, string>>>();
  readonly #tombstones = new Map<string, JobRecord>();
  readonly #finalFacts = new Map<string, KeptStatus>();
  readonly #reaping = new Set<string>();
  readonly #reaped = new Set<string>();
  readonly #clock: Clock;
  readonly #emit: (change: JobStateChange) => void;
  readonly #onJob: (job: CachedJob) => void;
  readonly #settle: SettleHook | undefined;
  readonly #persistFacts: ((job: CachedJob, value: string) => void) | undefined;
  /** The facts annotation value last asked for, per Job, so a burst of pod deletions writes it once. */
  readonly #persisted = new Map<string, string>();
  #started = false;
  #live = false;

  constructor(
    http: KubeHttp,
    namespaces: readonly string[],
    clock: Clock,
    hooks: {
      emit: (change: JobStateChange) => void;
      onJob: (job: CachedJob) => void;
      onError: (error: Error) => void;
      settle?: SettleHook;
      /** Writes `drmaa2.io/final-facts` on a finished Job whose pods are being deleted before it. */
      persistFacts?: (job: CachedJob, value: string) => void;
    },
  ) {
    this.#settle = hooks.settle;
    this.#persistFacts = hooks.persistFacts;
    this.#clock = clock;
    this.#emit = hooks.emit;
    this.#onJob = hooks.onJob;
    const strings = new StringPool();
    this.#jobs = new Informer<CachedJob>(http, {
      path: (ns) => `/apis/batch/v1/namespaces/${ns}/jobs`,
      namespaces,
      slim: (object) => slimJob(object, strings),
      clock,
      onError: hooks.onError,
      onChange: (type, job, previous) => this.#jobChanged(type, job, previous),
    });
    this.#pods = new Informer<CachedPod>(http, {
      path: (ns) => `/api/v1/namespaces/${ns}/pods`,
      namespaces,
      labelSelector: `${LabelKey.ManagedBy}=${MANAGED_BY_VALUE}`,
      slim: (object) => slimPod(object, strings),
      clock,
      onError: hooks.onError,
      onChange: (type, pod) => this.#podChanged(type, pod),
    });
  }

  async start(): Promise<void> {
    await this.#pods.start();
    await this.#jobs.start();
    this.#started = true;
    for (const job of this.#jobs.values()) {
      this.#refresh(job);
      this.#onJob(job);
    }
    this.#live = true;
  }

  async stop(): Promise<void> {
    await Promise.all([this.#jobs.stop(), this.#pods.stop()]);
  }

  job(namespace: string, name: string): CachedJob | undefined {
    return this.#jobs.get(namespace, name);
  }

  jobs(): IterableIterator<CachedJob> {
    return this.#jobs.values();
  }

  /** Puts a Job the tracker just created or patched into the index ahead of its watch event. */
  upsert(job: CachedJob): void {
    this.#jobs.upsert(job);
  }

  /** Marks a Job as being reaped, so its deletion is not reported as UNDETERMINED. */
  reaping(namespace: string, name: string): void {
    this.#reaping.add(jobKey(namespace, name));
  }

  /** Undoes `reaping` when the delete failed. */
  reapFailed(namespace: string, name: string): void {
    this.#reaping.delete(jobKey(namespace, name));
  }

  /** Drops what the index knows of a reaped Job at once; watch events still under way for it are ignored. */
  forget(namespace: string, name: string): void {
    this.#forgetRecords(this.job(namespace, name));
    this.#jobs.remove(namespace, name);
    this.#reaped.add(jobKey(namespace, name));
  }

  /** Looks at every job of a session again (after it was opened, to settle jobs that finished meanwhile). */
  revisit(sessionName: string): void {
    for (const job of this.#jobs.values()) if (job.metadata.labels?.[LabelKey.Session] === sessionName) this.#refresh(job);
  }

  podsOf(job: CachedJob): CachedPod[] {
    return this.#podsByJob.get(jobKey(job.metadata.namespace ?? '', job.metadata.name))?.all() ?? [];
  }

  /** What the index reads of this Job version. */
  #factsOf(job: CachedJob): JobFacts {
    let facts = this.#facts.get(job);
    if (facts === undefined) {
      const range = arrayRange(job);
      // Single jobs share one value: they are most of the jobs, and nothing of this is kept for them.
      if (range === undefined) return singleJobFacts;
      facts = { range, reaped: reapedIndexes(job), indexes: memberIndexes(job) };
      this.#facts.set(job, facts);
    }
    return facts;
  }

  /** The job's records: one for a single job, one per member not yet reaped for an array. */
  records(job: CachedJob): JobRecord[] {
    const now = new Date(this.#clock.now());
    const facts = this.#factsOf(job);
    const { range, reaped } = facts;
    if (range === undefined) {
      const pods = this.podsOf(job);
      return [this.#record(job, jobStatus(job, pods, now), pods.length)];
    }
    const pods = this.#podsByJob.get(jobKey(job.metadata.namespace ?? '', job.metadata.name));
    const records: JobRecord[] = [];
    for (let i = 0, index = range.begin; index <= range.end; i += 1, index += range.step) {
      if (!reaped.has(index)) records.push(this.#memberRecord(job, facts, pods, i, index, now));
    }
    return records;
  }

  /** The record of array member `i` (0-based; DRMAA2 index `index`), from its own pods only. */
  #memberRecord(job: CachedJob, facts: JobFacts, pods: MemberPods<CachedPod> | undefined, i: number, index: number, now: Date): JobRecord {
    const mine = pods?.member(i) ?? [];
    return this.#record(job, arrayMemberStatus(job, mine, i, now, facts.indexes), mine.length, index);
  }

  /** Array member `index` (DRMAA2 index) as its 0-based position, when the array has it and it was not reaped. */
  #memberPosition(facts: JobFacts, index: number): number | undefined {
    const { range } = facts;
    if (range === undefined || !Number.isSafeInteger(index) || index < range.begin || index > range.end || facts.reaped.has(index)) return undefined;
    const offset = index - range.begin;
    return offset % range.step === 0 ? offset / range.step : undefined;
  }

  /** A job's record by id, a tombstone when its Job vanished behind the tracker's back. */
  record(namespace: string, name: string, index?: number): JobRecord | undefined {
    const job = this.job(namespace, name);
    const id = formatJobId(namespace, name, index);
    if (job === undefined) return this.#tombstones.get(id);
    const facts = this.#factsOf(job);
    if (facts.range === undefined) return this.records(job).find((record) => record.jobId === id);
    const i = index === undefined ? undefined : this.#memberPosition(facts, index);
    if (i === undefined || index === undefined) return undefined;
    return this.#memberRecord(job, facts, this.#podsByJob.get(jobKey(namespace, name)), i, index, new Date(this.#clock.now()));
  }

  tombstones(): IterableIterator<JobRecord> {
    return this.#tombstones.values();
  }

  /**
   * Facts of a finished job that its pods told (exit status, signal, subState, annotation,
   * machines, times) stay once known, also after its pods are deleted or garbage-collected: while
   * the job has as many pods as when its facts were kept, newer facts refine them (a condition
   * arriving later); once it has fewer, the kept facts win and only fill gaps.
   */
  #keepFinalFacts(jobId: string, status: ObservedStatus, pods: number): ObservedStatus {
    if (status.state !== JobState.Done && status.state !== JobState.Failed) return status;
    const earlier = this.#finalFacts.get(jobId);
    if (earlier === undefined || pods >= earlier.pods) {
      const merged: ObservedStatus = earlier === undefined ? status : { ...earlier.status(), ...definedFields(status) };
      this.#finalFacts.set(jobId, new KeptStatus(merged, pods));
      return merged;
    }
    return { ...definedFields(status), ...definedFields(earlier.status()) } as ObservedStatus;
  }

  #record(job: CachedJob, observed: ObservedStatus, pods: number, index?: number): JobRecord {
    const meta = job.metadata;
    const jobId = formatJobId(meta.namespace ?? '', meta.name, index);
    const annotations = (meta.annotations ?? {}) as Record<string, string>;
    const sessionName = ((meta.labels ?? {}) as Record<string, string>)[LabelKey.Session];
    const last = this.#last.get(jobId);
    // A finished job first seen without pods: the facts they told, if a watcher wrote them down.
    if (pods === 0 && isFinished(observed.state) && !this.#finalFacts.has(jobId)) {
      const facts = this.#factsOf(job);
      if (facts.range !== undefined) facts.stored ??= readFinalFacts(job);
      const stored = (facts.stored ?? readFinalFacts(job)).get(unitKey(index));
      if (stored !== undefined && isFinished(stored.state)) this.#finalFacts.set(jobId, new KeptStatus(stored, 1));
    }
    // A job shown finished stays finished: the tracker may call a failure before the Job controller
    // counts it, and a pod deleted meanwhile (a reap under way, a drain) must not undo the verdict.
    const earlier = this.#finalFacts.get(jobId);
    const latched = isFinished(last?.state) && !isFinished(observed.state) && earlier !== undefined;
    const { state, subState, verdictPending, ...facts } = this.#keepFinalFacts(jobId, latched ? earlier.status() : observed, pods);
    const settling = this.#settling.has(jobId) || this.#startSettling(job, jobId, state, index);
    const kept = verdictPending === true || steppedBack(last, state);
    const shown = settling ? (last ?? { state: JobState.Queued, subState: undefined }) : kept ? last : undefined;
    const info: JobInfo & { jobId: string; jobState: JobState } = {
      ...facts,
      jobId,
      jobState: shown?.state ?? state,
      queueName: annotations[AnnotationKey.QueueName] ?? meta.namespace ?? '',
    };
    const shownSubState = shown === undefined ? subState : shown.subState;
    if (shownSubState !== undefined) info.jobSubState = shownSubState;
    const extensions = this.#settled.get(jobId);
    if (extensions !== undefined && Object.keys(extensions).length > 0) info.extensions = extensions;
    if (annotations[AnnotationKey.JobName] !== undefined) info.jobName = annotations[AnnotationKey.JobName];
    if (annotations[AnnotationKey.SubmissionMachine] !== undefined) info.submissionMachine = annotations[AnnotationKey.SubmissionMachine];
    if (annotations[AnnotationKey.JobOwner] !== undefined) info.jobOwner = annotations[AnnotationKey.JobOwner];
    if (typeof meta.creationTimestamp === 'string') info.submissionTime = new Date(meta.creationTimestamp);
    return {
      jobId,
      info,
      ...(sessionName === undefined ? {} : { sessionName }),
      ...(index === undefined ? {} : { arrayId: formatJobId(meta.namespace ?? '', meta.name) }),
    };
  }

  /**
   * Starts the settle hook for a job seen finished for the first time; true while the job must
   * still be shown in its last reported state (QUEUED when nothing was reported yet).
   */
  #startSettling(job: CachedJob, jobId: string, state: JobState, index: number | undefined): boolean {
    if (!isFinished(state) || !this.#live || this.#settle === undefined || this.#settled.has(jobId)) return false;
    const last = this.#last.get(jobId);
    const work = this.#settle(job, jobId, index, last !== undefined && !isFinished(last.state));
    if (work === undefined) return false;
    if (work === false) {
      this.#settled.set(jobId, noExtensions);
      return false;
    }
    this.#settling.add(jobId);
    const done = (extensions: Readonly<Record<string, string>>): void => {
      if (!this.#settling.delete(jobId)) return;
      this.#settled.set(jobId, extensions);
      const current = this.job(job.metadata.namespace ?? '', job.metadata.name);
      if (current === undefined) return;
      if (index === undefined) this.#refresh(current);
      else this.#refreshMember(current, index);
    };
    work.then(done, () => done(noExtensions));
    return true;
  }

  #jobChanged(type: 'upsert' | 'delete', job: CachedJob, previous: CachedJob | undefined): void {
    const key = jobKey(job.metadata.namespace ?? '', job.metadata.name);
    if (type === 'delete') {
      const reaped = this.#reaped.delete(key);
      if (this.#reaping.delete(key) || reaped) this.#forgetRecords(job);
      else this.#bury(job);
      return;
    }
    if (this.#reaped.has(key)) {
      this.#jobs.remove(job.metadata.namespace ?? '', job.metadata.name);
      return;
    }
    if (!this.#started) return;
    if (previous === undefined || !this.#refreshChanged(previous, job)) this.#refresh(job);
    this.#onJob(job);
  }

  /**
   * A new version of an array's Job whose previous version was refreshed: when only its index
   * lists and counters changed, refreshes only the members whose index entered or left
   * `completedIndexes` or `failedIndexes` (the others' records are the same) and returns true.
   */
  #refreshChanged(previous: CachedJob, job: CachedJob): boolean {
    const facts = this.#factsOf(job);
    const before = this.#factsOf(previous);
    if (facts.range === undefined || before.range === undefined || !this.#refreshed.has(previous)) return false;
    facts.inputs ??= memberInputs(job);
    before.inputs ??= memberInputs(previous);
    if (facts.inputs !== before.inputs || this.#reaping.has(jobKey(job.metadata.namespace ?? '', job.metadata.name))) return false;
    this.#refreshed.add(job);
    const { range, indexes } = facts;
    const was = before.indexes;
    const pods = this.#podsByJob.get(jobKey(job.metadata.namespace ?? '', job.metadata.name));
    let now: Date | undefined;
    for (let i = 0, index = range.begin; index <= range.end; i += 1, index += range.step) {
      if (facts.reaped.has(index) || (indexes.completed.has(i) === was.completed.has(i) && indexes.failed.has(i) === was.failed.has(i))) continue;
      now ??= new Date(this.#clock.now());
      this.#publish(job, this.#memberRecord(job, facts, pods, i, index, now));
    }
    return true;
  }

  #podChanged(type: 'upsert' | 'delete', pod: CachedPod): void {
    const labels = (pod.metadata.labels ?? {}) as Record<string, string>;
    const name = labels[jobLabel] ?? labels['job-name'];
    if (name === undefined) return;
    const key = jobKey(pod.metadata.namespace ?? '', name);
    let pods = this.#podsByJob.get(key);
    let moved: number | undefined;
    if (type === 'delete') {
      pods?.delete(pod.metadata.name);
      if (pods?.size === 0) this.#podsByJob.delete(key);
    } else {
      if (pods === undefined) this.#podsByJob.set(key, (pods = new MemberPods<CachedPod>()));
      moved = pods.set(pod);
    }
    const job = this.#started ? this.#jobs.get(pod.metadata.namespace ?? '', name) : undefined;
    if (job === undefined) return;
    // A pod of an array member changes only that member's record (and that of the index it had before, if any).
    const { range } = this.#factsOf(job);
    const i = completionIndexOf(pod);
    if (range === undefined || i === undefined) this.#refresh(job);
    else {
      this.#refreshMember(job, range.begin + i * range.step);
      if (moved !== undefined) this.#refreshMember(job, range.begin + moved * range.step);
    }
    if (type === 'delete') this.#writeDownFacts(job);
  }

  /**
   * A pod of a Job that stays is being deleted (pod garbage collection, a drain, by hand): the
   * facts of the finished units are written into the Job, so a process connecting later reads
   * them too. Costs one request per Job whose pods go before it, none otherwise.
   */
  #writeDownFacts(job: CachedJob): void {
    const key = jobKey(job.metadata.namespace ?? '', job.metadata.name);
    if (this.#persistFacts === undefined || job.metadata.deletionTimestamp !== undefined || this.#reaping.has(key)) return;
    const range = arrayRange(job);
    const units = new Map<string, ObservedStatus>();
    const ids: [string, number | undefined][] = range === undefined ? [[key, undefined]] : [];
    if (range !== undefined) for (let index = range.begin; index <= range.end; index += range.step) ids.push([formatJobId(job.metadata.namespace ?? '', job.metadata.name, index), index]);
    for (const [id, index] of ids) {
      const facts = this.#finalFacts.get(id);
      if (facts !== undefined && isFinished(this.#last.get(id)?.state)) units.set(unitKey(index), facts.status());
      // Too many units for the annotation: finalFactsValue would refuse them anyway.
      if (units.size * minUnitBytes > MAX_FINAL_FACTS_BYTES) return;
    }
    if (units.size === 0) return;
    const value = finalFactsValue(units);
    if (value === undefined || value === job.metadata.annotations?.[AnnotationKey.FinalFacts] || value === this.#persisted.get(key)) return;
    this.#persisted.set(key, value);
    this.#persistFacts(job, value);
  }

  #refresh(job: CachedJob): void {
    // A Job being reaped reports nothing more: its pods go while the delete is under way.
    if (this.#reaping.has(jobKey(job.metadata.namespace ?? '', job.metadata.name))) return;
    for (const record of this.records(job)) this.#publish(job, record);
    if (this.#factsOf(job).range !== undefined) this.#refreshed.add(job);
  }

  /** Refreshes one member of an array (DRMAA2 index `index`), when the array has it. */
  #refreshMember(job: CachedJob, index: number): void {
    if (this.#reaping.has(jobKey(job.metadata.namespace ?? '', job.metadata.name))) return;
    const facts = this.#factsOf(job);
    const i = this.#memberPosition(facts, index);
    if (i === undefined) return;
    const pods = this.#podsByJob.get(jobKey(job.metadata.namespace ?? '', job.metadata.name));
    this.#publish(job, this.#memberRecord(job, facts, pods, i, index, new Date(this.#clock.now())));
  }

  /** Reports a record's state if it changed (a job seen for the first time passes QUEUED first). */
  #publish(job: CachedJob, record: JobRecord): void {
    if (!this.#last.has(record.jobId)) this.#reportSubmitted(job, record);
    this.#report(record);
  }

  /**
   * A job this process sees for the first time after connecting was just submitted: every one
   * passes QUEUED (or QUEUED_HELD) first, even when its pod started before the watch told us of it.
   */
  #reportSubmitted(job: CachedJob, record: JobRecord): void {
    if (!this.#live || ((job.metadata.labels ?? {}) as Record<string, string>)[LabelKey.ManagedBy] !== MANAGED_BY_VALUE) return;
    const initial = job.metadata.annotations?.[AnnotationKey.Hold] === undefined ? JobState.Queued : JobState.QueuedHeld;
    if (record.info.jobState !== initial) this.#report({ ...record, info: { ...record.info, jobState: initial, jobSubState: undefined } });
  }

  /** Reports a changed state; a job that ran but was last seen waiting passes RUNNING first. */
  #report(record: JobRecord): void {
    const { jobState, jobSubState, dispatchTime } = record.info;
    const last = this.#last.get(record.jobId);
    if (last?.state === jobState && last.subState === jobSubState) return;
    if (last !== undefined && waitingStates.has(last.state) && isFinished(jobState) && dispatchTime !== undefined) {
      this.#report({ ...record, info: { ...record.info, jobState: JobState.Running, jobSubState: undefined } });
    }
    this.#last.set(record.jobId, this.#reportedState(jobState, jobSubState));
    this.#emit({ jobId: record.jobId, state: jobState, ...(record.sessionName === undefined ? {} : { sessionName: record.sessionName }), ...(jobSubState === undefined ? {} : { subState: jobSubState }) });
  }

  /** The state and subState as one shared, frozen value: most jobs are in one of a few. */
  #reportedState(state: JobState, subState: string | undefined): ReportedState {
    const key = subState === undefined ? state : `${state}/${subState}`;
    let shared = this.#states.get(key);
    if (shared === undefined) {
      shared = Object.freeze({ state, subState });
      if (this.#states.size < maxSharedStates) this.#states.set(key, shared);
    }
    return shared;
  }

  #forgetRecords(job: CachedJob | undefined): void {
    if (job === undefined) return;
    const prefix = jobKey(job.metadata.namespace ?? '', job.metadata.name);
    const ids = [prefix];
    const range = arrayRange(job);
    if (range !== undefined) for (let index = range.begin; index <= range.end; index += range.step) ids.push(formatJobId(job.metadata.namespace ?? '', job.metadata.name, index));
    for (const kept of [this.#last, this.#finalFacts, this.#settled, this.#settling]) for (const id of ids) kept.delete(id);
    this.#podsByJob.delete(prefix);
    this.#persisted.delete(prefix);
  }

  #bury(job: CachedJob): void {
    if (((job.metadata.labels ?? {}) as Record<string, string>)[LabelKey.ManagedBy] !== MANAGED_BY_VALUE) return;
    for (const record of this.records(job)) {
      const { jobState: _state, jobSubState: _sub, ...rest } = record.info;
      const tombstone: JobRecord = { ...record, info: { ...rest, jobState: JobState.Undetermined, annotation: 'the Kubernetes Job was deleted outside DRMAA2' } };
      this.#tombstones.set(record.jobId, tombstone);
      this.#report(tombstone);
    }
    while (this.#tombstones.size > maxTombstones) {
      const oldest = this.#tombstones.keys().next().value;
      if (oldest === undefined) break;
      this.#tombstones.delete(oldest);
    }
    this.#forgetRecords(job);
  }
}

