/**
 * The TTL-after-finished controller: deletes a finished Job (propagationPolicy Foreground)
 * `ttlSecondsAfterFinished` after its Complete/Failed condition's lastTransitionTime.
 */
import type { TimerSet } from '../clock.js';
import { asJob, type JobView } from '../kube-types.js';
import type { CacheChange, ObjectCache } from '../object-cache.js';
import { objectKey, splitKey, type StorePort } from '../store-port.js';
import { parseKubeTime } from '../time-format.js';

/** When the Job expires (epoch ms), or undefined when it has no TTL, is unfinished or is being deleted. */
export function ttlExpiry(job: JobView, secondMs: number): number | undefined {
  const ttl = job.spec.ttlSecondsAfterFinished;
  if (ttl === undefined || ttl === null || job.metadata.deletionTimestamp !== undefined) return undefined;
  const finished = (job.status?.conditions ?? []).find((c) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True');
  const at = parseKubeTime(finished?.lastTransitionTime);
  return at === undefined ? undefined : at + ttl * secondMs;
}

/** The TTL controller. */
export class TtlController {
  private readonly timers = new Map<string, () => void>();

  constructor(
    private readonly store: StorePort,
    private readonly cache: ObjectCache,
    private readonly secondMs: number,
    private readonly now: () => number,
    private readonly timerSet: TimerSet,
    private readonly onError: (key: string, error: unknown) => void,
  ) {}

  /** Subscribes and schedules every finished Job already present. */
  start(): void {
    this.cache.onChange((change) => this.onChange(change));
    for (const job of this.cache.list('jobs')) this.schedule(objectKey(job));
  }

  private onChange(change: CacheChange): void {
    if (change.resource !== 'jobs') return;
    const key = objectKey(change.object);
    if (change.type === 'DELETED') {
      this.timers.get(key)?.();
      this.timers.delete(key);
    } else {
      this.schedule(key);
    }
  }

  private schedule(key: string): void {
    const obj = this.cache.get('jobs', key);
    this.timers.get(key)?.();
    this.timers.delete(key);
    if (!obj) return;
    const expiry = ttlExpiry(asJob(obj), this.secondMs);
    if (expiry === undefined) return;
    this.timers.set(key, this.timerSet.schedule(() => this.expire(key, obj.metadata.uid), Math.max(0, expiry - this.now())));
  }

  private expire(key: string, uid: string | undefined): void {
    this.timers.delete(key);
    const obj = this.cache.get('jobs', key);
    if (!obj || obj.metadata.uid !== uid) return;
    const expiry = ttlExpiry(asJob(obj), this.secondMs);
    if (expiry === undefined) return;
    if (expiry > this.now()) {
      this.schedule(key);
      return;
    }
    const { namespace, name } = splitKey(key);
    try {
      this.store.delete('jobs', namespace, name, { propagationPolicy: 'Foreground' });
    } catch (error) {
      this.onError(key, error);
    }
  }
}
