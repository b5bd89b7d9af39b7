/**
 * Classification of a Job's pods with the Job controller's rules: active, terminating, failed
 * ("considered failed" includes deleted unfinished pods unless only Failed pods are replaced), ready,
 * finish times and OnFailure restart totals.
 */
import { findCondition, isPodTerminal, type JobView, type PodView } from '../kube-types.js';
import { parseKubeTime } from '../time-format.js';
import { JOB_TRACKING_FINALIZER } from './job-labels.js';

/** Whether the pod still carries the `batch.kubernetes.io/job-tracking` finalizer. */
export function hasTrackingFinalizer(pod: PodView): boolean {
  return pod.metadata.finalizers?.includes(JOB_TRACKING_FINALIZER) ?? false;
}

/** `podReplacementPolicy: Failed`, explicit or forced by a podFailurePolicy. */
export function onlyReplaceFailedPods(job: JobView): boolean {
  return job.spec.podReplacementPolicy === 'Failed' || job.spec.podFailurePolicy !== undefined;
}

/** `isPodFailed`: phase Failed, or (without the Failed-only rule) deleted before succeeding. */
export function isPodFailed(pod: PodView, job: JobView): boolean {
  const phase = pod.status?.phase;
  if (phase === 'Failed') return true;
  if (onlyReplaceFailedPods(job)) return false;
  return pod.metadata.deletionTimestamp !== undefined && phase !== 'Succeeded';
}

/** Pending or Running and not being deleted. */
export function isActive(pod: PodView): boolean {
  return !isPodTerminal(pod) && pod.metadata.deletionTimestamp === undefined;
}

/** Pending or Running with a deletionTimestamp. */
export function isTerminating(pod: PodView): boolean {
  return !isPodTerminal(pod) && pod.metadata.deletionTimestamp !== undefined;
}

/** The pod's `Ready` condition is True. */
export function isReady(pod: PodView): boolean {
  return findCondition(pod.status?.conditions, 'Ready')?.status === 'True';
}

/**
 * When the pod finished (`getFinishedTime`): latest container `finishedAt`, else the Ready=False
 * transition of a terminal pod, else the deletion request time (deletionTimestamp minus grace), else `now`.
 */
export function podFinishTime(pod: PodView, now: number): number {
  let latest: number | undefined;
  for (const s of [...(pod.status?.containerStatuses ?? []), ...(pod.status?.initContainerStatuses ?? [])]) {
    const t = parseKubeTime(s.state.terminated?.finishedAt);
    if (t !== undefined && (latest === undefined || t > latest)) latest = t;
  }
  if (latest !== undefined) return latest;
  const ready = findCondition(pod.status?.conditions, 'Ready');
  if (isPodTerminal(pod) && ready?.status === 'False') {
    const t = parseKubeTime(ready.lastTransitionTime);
    if (t !== undefined) return t;
  }
  const deletion = parseKubeTime(pod.metadata.deletionTimestamp);
  if (deletion !== undefined) return deletion - (pod.metadata.deletionGracePeriodSeconds ?? 0) * 1000;
  return now;
}

/** `pastBackoffLimitOnFailure`: restartCount total over Pending/Running pods reaches backoffLimit. */
export function pastBackoffLimitOnFailure(job: JobView, pods: readonly PodView[]): boolean {
  if (job.spec.template.spec.restartPolicy !== 'OnFailure') return false;
  let restarts = 0;
  for (const pod of pods) {
    const phase = pod.status?.phase;
    if (phase !== 'Running' && phase !== 'Pending') continue;
    for (const s of [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])]) restarts += s.restartCount;
  }
  const limit = job.spec.backoffLimit ?? 6;
  return limit === 0 ? restarts > 0 : restarts >= limit;
}

/**
 * Orders active pods for removal like `activePodsForRemoval`: unscheduled first, then Pending before
 * Running, not-ready before ready, newer before older.
 */
export function podsForRemoval(active: readonly PodView[], count: number): PodView[] {
  const rank = (p: PodView): number[] => [
    p.spec.nodeName ? 1 : 0,
    p.status?.phase === 'Running' ? 1 : 0,
    isReady(p) ? 1 : 0,
    -(parseKubeTime(p.metadata.creationTimestamp) ?? 0),
  ];
  const sorted = [...active].sort((a, b) => {
    const ra = rank(a);
    const rb = rank(b);
    for (let i = 0; i < ra.length; i++) if ((ra[i] ?? 0) !== (rb[i] ?? 0)) return (ra[i] ?? 0) - (rb[i] ?? 0);
    return 0;
  });
  return sorted.slice(0, Math.max(0, count));
}
