/**
 * The per-sync view of one Job (`syncJobCtx`): its pods split by state, the counters including
 * pods finished since the last status write, and the completed/failed index sets.
 */
import type { JobView, PodView } from '../kube-types.js';
import { parseIndexSet } from './index-set.js';
import { completionIndexOf, INDEX_FAILURE_COUNT_KEY } from './job-labels.js';
import { hasTrackingFinalizer, isActive, isPodFailed, isReady, isTerminating } from './job-pods.js';
import { matchPodFailurePolicy } from './pod-failure-policy.js';

/** A finishing condition the sync decided on (interim or final). */
export interface FinishedCondition {
  type: 'FailureTarget' | 'Failed' | 'SuccessCriteriaMet' | 'Complete';
  reason: string;
  message: string;
}

/** Everything one sync computes about a Job. */
export interface SyncContext {
  key: string;
  job: JobView;
  pods: PodView[];
  active: PodView[];
  terminating: number;
  ready: number;
  uncounted: { succeeded: Set<string>; failed: Set<string> };
  indexed: boolean;
  completions: number | undefined;
  prevSucceededIndexes: Set<number>;
  succeededIndexes: Set<number>;
  failedIndexes: Set<number> | undefined;
  newSucceeded: PodView[];
  newFailed: PodView[];
  succeeded: number;
  failed: number;
  finished: FinishedCondition | undefined;
}

/** A valid completion index of an Indexed Job's pod, else undefined. */
export function validIndex(ctx: Pick<SyncContext, 'completions'>, pod: PodView): number | undefined {
  const ix = completionIndexOf(pod.metadata);
  return ix !== undefined && ix < (ctx.completions ?? 0) ? ix : undefined;
}

/** `isIndexFailed`: the pod failed by a FailIndex rule or exhausted `backoffLimitPerIndex`. */
export function isIndexFailed(job: JobView, pod: PodView): boolean {
  if (!isPodFailed(pod, job)) return false;
  const verdict = matchPodFailurePolicy(job.spec, pod);
  if (verdict.action === 'FailIndex') return true;
  const count = Number(pod.metadata.annotations?.[INDEX_FAILURE_COUNT_KEY] ?? '0');
  return verdict.countFailed && count >= (job.spec.backoffLimitPerIndex ?? Infinity);
}

/** Builds the context from the cached Job (a working copy) and its pods. */
export function buildSyncContext(key: string, job: JobView, pods: PodView[]): SyncContext {
  const status = (job.status ??= {});
  const uncounted = {
    succeeded: new Set(status.uncountedTerminatedPods?.succeeded ?? []),
    failed: new Set(status.uncountedTerminatedPods?.failed ?? []),
  };
  const indexed = job.spec.completionMode === 'Indexed';
  const completions = job.spec.completions ?? undefined;
  const active = pods.filter(isActive);
  const ctx: SyncContext = {
    key,
    job,
    pods,
    active,
    terminating: pods.filter(isTerminating).length,
    ready: active.filter(isReady).length,
    uncounted,
    indexed,
    completions,
    prevSucceededIndexes: new Set(indexed ? parseIndexSet(status.completedIndexes, completions) : []),
    succeededIndexes: new Set(),
    failedIndexes: undefined,
    newSucceeded: [],
    newFailed: [],
    succeeded: 0,
    failed: 0,
    finished: undefined,
  };
  for (const pod of pods) {
    if (!hasTrackingFinalizer(pod)) continue;
    const uid = pod.metadata.uid ?? '';
    if (uncounted.failed.has(uid)) continue;
    if (pod.status?.phase === 'Succeeded') {
      if (!uncounted.succeeded.has(uid)) ctx.newSucceeded.push(pod);
    } else if (isPodFailed(pod, job)) {
      ctx.newFailed.push(pod);
    }
  }
  ctx.succeededIndexes = new Set(ctx.prevSucceededIndexes);
  if (indexed) {
    for (const pod of ctx.newSucceeded) {
      const ix = validIndex(ctx, pod);
      if (ix !== undefined) ctx.succeededIndexes.add(ix);
    }
    ctx.succeeded = ctx.succeededIndexes.size;
  } else {
    ctx.succeeded = (status.succeeded ?? 0) + ctx.newSucceeded.length + uncounted.succeeded.size;
  }
  const counted = ctx.newFailed.filter((p) => matchPodFailurePolicy(job.spec, p).countFailed).length;
  ctx.failed = (status.failed ?? 0) + counted + uncounted.failed.size;
  if (indexed && job.spec.backoffLimitPerIndex !== undefined) {
    ctx.failedIndexes = new Set(parseIndexSet(status.failedIndexes, completions));
    for (const pod of pods) {
      if (!hasTrackingFinalizer(pod)) continue;
      const ix = validIndex(ctx, pod);
      if (ix !== undefined && isIndexFailed(job, pod)) ctx.failedIndexes.add(ix);
    }
  }
  return ctx;
}
