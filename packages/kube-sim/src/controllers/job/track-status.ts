/**
 * `trackJobStatusAndRemoveFinalizers`: counts finished pods in two steps (their UIDs go into
 * `uncountedTerminatedPods` by one status write, their tracking finalizers are removed, then the UIDs
 * move into `succeeded`/`failed` by a second write), appends the interim FailureTarget /
 * SuccessCriteriaMet condition, and adds the final Failed/Complete once nothing is uncounted or
 * terminating.
 */
import type { JobStatusView, PodView } from '../kube-types.js';
import { formatIndexSet } from './index-set.js';
import { ensureJobCondition, newJobCondition, trueCondition } from './job-conditions.js';
import { hasTrackingFinalizer, isPodFailed } from './job-pods.js';
import { matchPodFailurePolicy } from './pod-failure-policy.js';
import { validIndex, type SyncContext } from './sync-context.js';

/** The side effects status tracking needs. */
export interface TrackActions {
  now(): number;
  /** Writes `status` through the `/status` subresource; returns the stored status. */
  writeStatus(status: JobStatusView): void;
  /** Removes the tracking finalizer; true when the pod no longer has it (or is gone). */
  removeFinalizer(pod: PodView): boolean;
  /** Called once when the Job gets its final condition. */
  onFinished(type: 'Complete' | 'Failed', reason: string, message: string): void;
}

/** Normalises counters the way the API serialises them (0 omitted for active/succeeded/failed). */
export function normalizeStatus(status: JobStatusView): JobStatusView {
  const out: JobStatusView = { ...status };
  for (const field of ['active', 'succeeded', 'failed'] as const) if (!out[field]) delete out[field];
  if (!out.completedIndexes) delete out.completedIndexes;
  if (out.conditions?.length === 0) delete out.conditions;
  const u = out.uncountedTerminatedPods ?? {};
  const uncounted: { succeeded?: string[]; failed?: string[] } = {};
  if (u.succeeded && u.succeeded.length > 0) uncounted.succeeded = u.succeeded;
  if (u.failed && u.failed.length > 0) uncounted.failed = u.failed;
  out.uncountedTerminatedPods = uncounted;
  return out;
}

/** Runs the tracking step; `needsFlush` says whether the status already differs from the stored one. */
export function trackStatus(ctx: SyncContext, actions: TrackActions, needsFlush: boolean): void {
  const status = (ctx.job.status ??= {});
  const spec = ctx.job.spec;
  const uncountedSucceeded = [...ctx.uncounted.succeeded];
  const uncountedFailed = [...ctx.uncounted.failed];
  const toRemove: PodView[] = [];
  const failureFinish = ctx.finished !== undefined && (ctx.finished.type === 'FailureTarget' || ctx.finished.type === 'Failed');
  for (const pod of ctx.pods) {
    if (!hasTrackingFinalizer(pod)) continue;
    const uid = pod.metadata.uid ?? '';
    const phase = pod.status?.phase;
    const considerFailed = isPodFailed(pod, ctx.job);
    if (phase !== 'Succeeded' && phase !== 'Failed' && !considerFailed && ctx.finished === undefined) continue;
    toRemove.push(pod);
    if (phase === 'Succeeded' && !ctx.uncounted.failed.has(uid)) {
      if (!ctx.indexed && !ctx.uncounted.succeeded.has(uid)) {
        uncountedSucceeded.push(uid);
        needsFlush = true;
      }
    } else if ((considerFailed || failureFinish) && !ctx.uncounted.failed.has(uid)) {
      if (ctx.indexed && validIndex(ctx, pod) === undefined) continue;
      if (matchPodFailurePolicy(spec, pod).countFailed) {
        uncountedFailed.push(uid);
        needsFlush = true;
      }
    }
  }
  if (ctx.indexed) {
    const completed = formatIndexSet(ctx.succeededIndexes);
    if (completed !== (status.completedIndexes ?? '')) needsFlush = true;
    status.completedIndexes = completed;
    status.succeeded = ctx.succeededIndexes.size;
  }
  if (ctx.failedIndexes) {
    const failedText = formatIndexSet(ctx.failedIndexes);
    if (failedText !== status.failedIndexes) needsFlush = true;
    status.failedIndexes = failedText;
  }
  status.uncountedTerminatedPods = { succeeded: uncountedSucceeded, failed: uncountedFailed };
  const conditions = (status.conditions ??= []);
  const now = actions.now();
  if (ctx.finished?.type === 'FailureTarget') {
    conditions.push(newJobCondition('FailureTarget', 'True', ctx.finished.reason, ctx.finished.message, now));
    needsFlush = true;
    ctx.finished = { ...ctx.finished, type: 'Failed' };
  }
  if (ctx.finished?.type === 'SuccessCriteriaMet') {
    if (!trueCondition(conditions, 'SuccessCriteriaMet')) {
      conditions.push(newJobCondition('SuccessCriteriaMet', 'True', ctx.finished.reason, ctx.finished.message, now));
      needsFlush = true;
    }
    ctx.finished = { ...ctx.finished, type: 'Complete' };
  }
  if (needsFlush) actions.writeStatus(normalizeStatus(status));
  needsFlush = false;

  // Remove finalizers, then move UIDs whose pods lost them (or are gone) into the counters.
  const stillHeld = new Set<string>();
  for (const pod of ctx.pods) if (hasTrackingFinalizer(pod)) stillHeld.add(pod.metadata.uid ?? '');
  for (const pod of toRemove) if (actions.removeFinalizer(pod)) stillHeld.delete(pod.metadata.uid ?? '');
  const keepS = uncountedSucceeded.filter((uid) => stillHeld.has(uid));
  const keepF = uncountedFailed.filter((uid) => stillHeld.has(uid));
  if (keepS.length !== uncountedSucceeded.length || keepF.length !== uncountedFailed.length) {
    if (!ctx.indexed) status.succeeded = (status.succeeded ?? 0) + uncountedSucceeded.length - keepS.length;
    status.failed = (status.failed ?? 0) + uncountedFailed.length - keepF.length;
    status.uncountedTerminatedPods = { succeeded: keepS, failed: keepF };
    needsFlush = true;
  }
  if (ctx.finished && keepS.length + keepF.length === 0 && ctx.terminating === 0) {
    const f = ctx.finished;
    const type = f.type === 'Complete' || f.type === 'SuccessCriteriaMet' ? 'Complete' : 'Failed';
    ensureJobCondition(conditions, type, 'True', f.reason, f.message, now);
    if (type === 'Complete') status.completionTime = conditions.find((c) => c.type === 'Complete')?.lastTransitionTime;
    status.active = 0;
    status.ready = 0;
    needsFlush = true;
    actions.onFinished(type, f.reason, f.message);
  }
  if (needsFlush) actions.writeStatus(normalizeStatus(status));
}
