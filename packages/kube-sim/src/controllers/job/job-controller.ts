/**
 * The Job controller: watches Jobs and their pods through the shared cache and runs `syncJob` per
 * Job from a work queue (Job changes at once, pod changes batched by `timing.syncBatchMs`). Ignores
 * Jobs managed by another controller (`spec.managedBy`) and strips the tracking finalizer from
 * pods whose Job is gone.
 */
import type { TimerSet } from '../clock.js';
import type { EventRecorder } from '../event-recorder.js';
import { asJob, asPod, type JobStatusView, type JobView, type PodView } from '../kube-types.js';
import { controllerUid, type CacheChange, type ObjectCache } from '../object-cache.js';
import type { TimingOptions } from '../options.js';
import { objectKey, splitKey, type StorePort, type StoredObject } from '../store-port.js';
import { WorkQueue } from '../work-queue.js';
import type { BackoffRecord } from './backoff.js';
import { isJobFinished } from './job-conditions.js';
import { JOB_CONTROLLER_NAME, JOB_TRACKING_FINALIZER } from './job-labels.js';
import { hasTrackingFinalizer } from './job-pods.js';
import { syncJob, type SyncDeps } from './job-sync.js';
import { podForJob } from './pod-template.js';

const ORPHAN = 'orphan:';

/** The Job controller. `start()` subscribes to the cache; timers are owned by the given TimerSet. */
export class JobController {
  private readonly queue: WorkQueue;
  private readonly backoffs = new Map<string, BackoffRecord>();
  private syncing: string | undefined;

  constructor(
    private readonly store: StorePort,
    private readonly cache: ObjectCache,
    private readonly timing: TimingOptions,
    private readonly now: () => number,
    timers: TimerSet,
    private readonly recorder: EventRecorder,
    onError: (key: string, error: unknown) => void,
  ) {
    this.queue = new WorkQueue(timers, now, (key) => this.process(key), onError);
  }

  /** Subscribes to the cache and queues every existing Job and orphaned pod. */
  start(): void {
    this.cache.onChange((change) => this.onChange(change));
    for (const job of this.cache.list('jobs')) this.queue.add(objectKey(job));
    for (const pod of this.cache.list('pods')) this.checkOrphan(pod);
  }

  private onChange(change: CacheChange): void {
    if (change.resource === 'jobs') {
      const key = objectKey(change.object);
      if (key === this.syncing) return;
      this.queue.add(key);
      if (change.type === 'DELETED') {
        this.backoffs.delete(change.object.metadata.uid ?? '');
        for (const pod of this.cache.podsOwnedBy(change.object.metadata.uid ?? '')) this.checkOrphan(pod);
      }
    } else if (change.resource === 'pods') {
      const jobKey = this.ownerJobKey(change.object);
      if (change.type !== 'DELETED') this.checkOrphan(change.object);
      if (!jobKey) return;
      if (jobKey === this.syncing && change.type !== 'DELETED') return;
      this.queue.add(jobKey, this.timing.syncBatchMs);
    }
  }

  private ownerJobKey(pod: StoredObject): string | undefined {
    const ref = pod.metadata.ownerReferences?.find((r) => r.controller === true && r.kind === 'Job');
    return ref ? `${pod.metadata.namespace ?? ''}/${ref.name}` : undefined;
  }

  private checkOrphan(pod: StoredObject): void {
    if (!hasTrackingFinalizer(asPod(pod))) return;
    const jobKey = this.ownerJobKey(pod);
    const job = jobKey ? this.cache.get('jobs', jobKey) : undefined;
    if (!job || job.metadata.uid !== controllerUid(pod)) this.queue.add(ORPHAN + objectKey(pod));
  }

  private process(key: string): void {
    if (key.startsWith(ORPHAN)) {
      this.handleOrphan(key.slice(ORPHAN.length));
      return;
    }
    const obj = this.cache.get('jobs', key);
    if (!obj) return;
    const job = structuredClone(asJob(obj));
    const managedBy = job.spec.managedBy;
    if ((managedBy !== undefined && managedBy !== JOB_CONTROLLER_NAME) || isJobFinished(job.status?.conditions)) return;
    const uid = job.metadata.uid ?? '';
    const pods = this.cache.podsOwnedBy(uid).map(asPod);
    this.syncing = key;
    try {
      syncJob(key, job, pods, this.deps(job));
    } finally {
      this.syncing = undefined;
    }
  }

  private handleOrphan(podKey: string): void {
    const pod = this.cache.get('pods', podKey);
    if (!pod || !hasTrackingFinalizer(asPod(pod))) return;
    const jobKey = this.ownerJobKey(pod);
    const job = jobKey ? this.cache.get('jobs', jobKey) : undefined;
    if (job && job.metadata.uid === controllerUid(pod)) return;
    const { namespace, name } = splitKey(podKey);
    this.store.mutate('pods', namespace, name, (o) => {
      o.metadata.finalizers = (o.metadata.finalizers ?? []).filter((f) => f !== JOB_TRACKING_FINALIZER);
    });
  }

  private deps(job: JobView): SyncDeps {
    const ns = job.metadata.namespace;
    const name = job.metadata.name ?? '';
    const uid = job.metadata.uid ?? '';
    const key = `${ns ?? ''}/${name}`;
    const jobObj = job as unknown as StoredObject;
    const event = (type: 'Normal' | 'Warning', reason: string, message: string): void => this.recorder.record(jobObj, type, reason, message);
    const gone = (pod: PodView): boolean => this.cache.get('pods', `${pod.metadata.namespace ?? ''}/${pod.metadata.name ?? ''}`) === undefined;
    return {
      now: this.now,
      secondMs: this.timing.secondMs,
      backoffBaseMs: this.timing.backoffBaseMs,
      backoffMaxMs: this.timing.backoffMaxMs,
      backoff: this.backoffs.get(uid) ?? { failuresAfterLastSuccess: 0, lastFailureTime: undefined },
      setBackoff: (record) => this.backoffs.set(uid, record),
      requeue: (delayMs) => this.queue.add(key, delayMs),
      event,
      createPod: (index, counts) => {
        try {
          const created = this.store.create('pods', ns, podForJob(job, index, counts));
          event('Normal', 'SuccessfulCreate', `Created pod: ${created.metadata.name ?? ''}`);
          return true;
        } catch (error) {
          event('Warning', 'FailedCreate', `Error creating: ${error instanceof Error ? error.message : String(error)}`);
          return false;
        }
      },
      deletePod: (pod, uncounted) => {
        const podName = pod.metadata.name ?? '';
        if (uncounted && hasTrackingFinalizer(pod)) {
          this.store.mutate('pods', ns, podName, (o) => {
            o.metadata.finalizers = (o.metadata.finalizers ?? []).filter((f) => f !== JOB_TRACKING_FINALIZER);
          });
        }
        if (!gone(pod)) this.store.delete('pods', ns, podName);
        event('Normal', 'SuccessfulDelete', `Deleted pod: ${podName}`);
        return true;
      },
      removeFinalizer: (pod) => {
        const result = this.store.mutate('pods', ns, pod.metadata.name ?? '', (o) => {
          o.metadata.finalizers = (o.metadata.finalizers ?? []).filter((f) => f !== JOB_TRACKING_FINALIZER);
        });
        return result === undefined || !(result.metadata.finalizers ?? []).includes(JOB_TRACKING_FINALIZER);
      },
      writeStatus: (status: JobStatusView) => {
        this.store.mutate('jobs', ns, name, (o) => {
          o['status'] = structuredClone(status);
        }, { subresource: 'status' });
      },
      onFinished: (type, reason, message) => {
        if (type === 'Complete') event('Normal', 'Completed', 'Job completed');
        else event('Warning', reason, message);
      },
    };
  }
}
