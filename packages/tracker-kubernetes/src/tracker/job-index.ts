import { JobState, type Clock, type JobInfo, type JobRecord, type JobStateChange } from '@drmaa2/core';
import type { KubeHttp } from '../client/kube-http.js';
import type { KubeJob, KubePod } from '../kube-types.js';
import { AnnotationKey, LabelKey, MANAGED_BY_VALUE } from '../mapping/keys.js';
import { arrayMemberStatus, jobStatus, type ObservedStatus } from '../state/index.js';
import { Informer, type CachedObject } from './informer.js';
import { formatJobId } from './job-id.js';
import { arrayRange, reapedIndexes } from './job-annotations.js';
import { slimJob, slimPod } from './slim-objects.js';

/** A Job as the index keeps it. */
export type CachedJob = KubeJob & CachedObject;
/** A Pod as the index keeps it. */
export type CachedPod = KubePod & CachedObject;

const maxTombstones = 10_000;
const jobLabel = 'batch.kubernetes.io/job-name';

function definedFields(status: ObservedStatus): Partial<ObservedStatus> {
  return Object.fromEntries(Object.entries(status).filter(([, value]) => value !== undefined));
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
  readonly #podsByJob = new Map<string, Map<string, CachedPod>>();
  readonly #last = new Map<string, string>();
  readonly #tombstones = new Map<string, JobRecord>();
  readonly #finalFacts = new Map<string, ObservedStatus>();
  readonly #reaping = new Set<string>();
  readonly #clock: Clock;
  readonly #emit: (change: JobStateChange) => void;
  readonly #onJob: (job: CachedJob) => void;
  #started = false;
  #live = false;

  constructor(
    http: KubeHttp,
    namespaces: readonly string[],
    clock: Clock,
    hooks: { emit: (change: JobStateChange) => void; onJob: (job: CachedJob) => void; onError: (error: Error) => void },
  ) {
    this.#clock = clock;
    this.#emit = hooks.emit;
    this.#onJob = hooks.onJob;
    this.#jobs = new Informer<CachedJob>(http, {
      path: (ns) => `/apis/batch/v1/namespaces/${ns}/jobs`,
      namespaces,
      slim: slimJob,
      clock,
      onError: hooks.onError,
      onChange: (type, job) => this.#jobChanged(type, job),
    });
    this.#pods = new Informer<CachedPod>(http, {
      path: (ns) => `/api/v1/namespaces/${ns}/pods`,
      namespaces,
      labelSelector: `${LabelKey.ManagedBy}=${MANAGED_BY_VALUE}`,
      slim: slimPod,
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

  /** Drops what the index knows of a reaped Job at once. */
  forget(namespace: string, name: string): void {
    this.#forgetRecords(this.job(namespace, name));
    this.#jobs.remove(namespace, name);
  }

  podsOf(job: CachedJob): CachedPod[] {
    return [...(this.#podsByJob.get(jobKey(job.metadata.namespace ?? '', job.metadata.name))?.values() ?? [])];
  }

  /** The job's records: one for a single job, one per member not yet reaped for an array. */
  records(job: CachedJob): JobRecord[] {
    const now = new Date(this.#clock.now());
    const pods = this.podsOf(job);
    const range = arrayRange(job);
    if (range === undefined) return [this.#record(job, jobStatus(job, pods, now))];
    const reaped = reapedIndexes(job);
    const records: JobRecord[] = [];
    for (let i = 0, index = range.begin; index <= range.end; i += 1, index += range.step) {
      if (!reaped.has(index)) records.push(this.#record(job, arrayMemberStatus(job, pods, i, now), index));
    }
    return records;
  }

  /** A job's record by id, a tombstone when its Job vanished behind the tracker's back. */
  record(namespace: string, name: string, index?: number): JobRecord | undefined {
    const job = this.job(namespace, name);
    const id = formatJobId(namespace, name, index);
    if (job === undefined) return this.#tombstones.get(id);
    return this.records(job).find((record) => record.jobId === id);
  }

  tombstones(): IterableIterator<JobRecord> {
    return this.#tombstones.values();
  }

  /**
   * Facts of a finished job that its pods told (exit status, signal, machines, times) stay once
   * known, also after its pods are deleted or garbage-collected.
   */
  #keepFinalFacts(jobId: string, status: ObservedStatus): ObservedStatus {
    if (status.state !== JobState.Done && status.state !== JobState.Failed) return status;
    const earlier = this.#finalFacts.get(jobId);
    const merged: ObservedStatus = earlier === undefined ? status : { ...earlier, ...definedFields(status) };
    this.#finalFacts.set(jobId, merged);
    return merged;
  }

  #record(job: CachedJob, observed: ObservedStatus, index?: number): JobRecord {
    const meta = job.metadata;
    const jobId = formatJobId(meta.namespace ?? '', meta.name, index);
    const annotations = (meta.annotations ?? {}) as Record<string, string>;
    const sessionName = ((meta.labels ?? {}) as Record<string, string>)[LabelKey.Session];
    const { state, subState, ...facts } = this.#keepFinalFacts(jobId, observed);
    const info: JobInfo & { jobId: string; jobState: JobState } = {
      ...facts,
      jobId,
      jobState: state,
      queueName: annotations[AnnotationKey.QueueName] ?? meta.namespace ?? '',
    };
    if (subState !== undefined) info.jobSubState = subState;
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

  #jobChanged(type: 'upsert' | 'delete', job: CachedJob): void {
    const key = jobKey(job.metadata.namespace ?? '', job.metadata.name);
    if (type === 'delete') {
      if (this.#reaping.delete(key)) this.#forgetRecords(job);
      else this.#bury(job);
      return;
    }
    if (!this.#started) return;
    this.#refresh(job);
    this.#onJob(job);
  }

  #podChanged(type: 'upsert' | 'delete', pod: CachedPod): void {
    const labels = (pod.metadata.labels ?? {}) as Record<string, string>;
    const name = labels[jobLabel] ?? labels['job-name'];
    if (name === undefined) return;
    const key = jobKey(pod.metadata.namespace ?? '', name);
    let pods = this.#podsByJob.get(key);
    if (type === 'delete') {
      pods?.delete(pod.metadata.name);
      if (pods?.size === 0) this.#podsByJob.delete(key);
    } else {
      if (pods === undefined) this.#podsByJob.set(key, (pods = new Map<string, CachedPod>()));
      pods.set(pod.metadata.name, pod);
    }
    const job = this.#started ? this.#jobs.get(pod.metadata.namespace ?? '', name) : undefined;
    if (job !== undefined) this.#refresh(job);
  }

  #refresh(job: CachedJob): void {
    for (const record of this.records(job)) {
      if (!this.#last.has(record.jobId)) this.#reportSubmitted(job, record);
      this.#report(record);
    }
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

  #report(record: JobRecord): void {
    const { jobState, jobSubState } = record.info;
    const key = `${jobState}/${jobSubState ?? ''}`;
    if (this.#last.get(record.jobId) === key) return;
    this.#last.set(record.jobId, key);
    this.#emit({ jobId: record.jobId, state: jobState, ...(record.sessionName === undefined ? {} : { sessionName: record.sessionName }), ...(jobSubState === undefined ? {} : { subState: jobSubState }) });
  }

  #forgetRecords(job: CachedJob | undefined): void {
    if (job === undefined) return;
    const prefix = jobKey(job.metadata.namespace ?? '', job.metadata.name);
    for (const map of [this.#last, this.#finalFacts]) {
      for (const id of [...map.keys()]) if (id === prefix || id.startsWith(`${prefix}[`)) map.delete(id);
    }
    this.#podsByJob.delete(prefix);
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

