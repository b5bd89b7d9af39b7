import type { KubeCondition, KubeJob } from '../kube-types.js';
import { isRecord } from '../mapping/json-object.js';

/**
 * Why a Job object cannot be read, or `undefined` when it can: it must be an object whose
 * `metadata`, `spec`, `status` are objects when present, with `conditions` a list and the
 * counters numbers.
 */
export function unreadableJob(job: unknown): string | undefined {
  if (!isRecord(job)) return 'the Job is not an object';
  for (const key of ['metadata', 'spec', 'status']) {
    if (job[key] !== undefined && !isRecord(job[key])) return `the Job's ${key} is not an object`;
  }
  const status = job.status as Record<string, unknown> | undefined;
  if (status === undefined) return undefined;
  if (status.conditions !== undefined && !Array.isArray(status.conditions)) return "the Job's status.conditions is not a list";
  for (const key of ['active', 'succeeded', 'failed', 'ready', 'terminating']) {
    if (status[key] !== undefined && typeof status[key] !== 'number') return `the Job's status.${key} is not a number`;
  }
  return undefined;
}

/** The Job's condition of `type` when its status is `True`. */
export function trueCondition(job: KubeJob, type: string): KubeCondition | undefined {
  const conditions = job.status?.conditions ?? [];
  return conditions.find((condition) => isRecord(condition) && condition.type === type && condition.status === 'True');
}

/** The CPUs requested for the job container, as a whole number of slots (1 when none). */
export function requestedSlots(job: KubeJob): number {
  const containers = job.spec?.template?.spec?.containers;
  const cpu = Array.isArray(containers) ? containers[0]?.resources?.requests?.cpu : undefined;
  if (typeof cpu !== 'string') return 1;
  const value = cpu.endsWith('m') ? Number(cpu.slice(0, -1)) / 1000 : Number(cpu);
  return Number.isFinite(value) && value >= 1 ? Math.floor(value) : 1;
}
