/**
 * One `syncJob` pass with the 1.31 Job controller's order: start time, finished pods, failure
 * checks (podFailurePolicy FailJob, backoff limit, deadline, per-index limits, successPolicy),
 * deletion of pods when finishing, else manageJob + completion + Suspended condition, then status
 * tracking and finalizer removal.
 */
import type { JobView, PodView } from '../kube-types.js';
import { parseKubeTime } from '../time-format.js';
import { nextBackoffRecord, remainingBackoff, type BackoffRecord } from './backoff.js';
import { ensureJobCondition, trueCondition } from './job-conditions.js';
import { pastBackoffLimitOnFailure, podFinishTime } from './job-pods.js';
import { manageJob, MAX_POD_CREATE_DELETE_PER_SYNC, type ManageActions } from './manage-pods.js';
import { matchPodFailurePolicy } from './pod-failure-policy.js';
import { matchSuccessPolicy } from './success-policy.js';
import { buildSyncContext, type FinishedCondition, type SyncContext } from './sync-context.js';
import { normalizeStatus, trackStatus, type TrackActions } from './track-status.js';
import { stableJson } from '../stable-json.js';
import { kubeTime } from '../time-format.js';

/** Everything a sync needs from its controller. */
export interface SyncDeps extends Omit<ManageActions, 'jobBackoffRemaining'>, TrackActions {
  /** secondMs of the timing options (length of one `activeDeadlineSeconds` second). */
  secondMs: number;
  backoff: BackoffRecord;
  setBackoff(record: BackoffRecord): void;
  /** Records a Job event. */
  event(type: 'Normal' | 'Warning', reason: string, message: string): void;
}

function failJobMessage(ctx: SyncContext): string | undefined {
  if (!ctx.job.spec.podFailurePolicy) return undefined;
  for (const pod of ctx.pods) {
    if (pod.status?.phase !== 'Failed') continue;
    const verdict = matchPodFailurePolicy(ctx.job.spec, pod);
    if (verdict.failJobMessage !== undefined) return verdict.failJobMessage;
  }
  return undefined;
}

function finishingCondition(ctx: SyncContext, deps: SyncDeps, now: number): FinishedCondition | undefined {
  const { job } = ctx;
  const conditions = job.status?.conditions;
  const target = trueCondition(conditions, 'FailureTarget');
  if (target) return { type: 'Failed', reason: target.reason ?? '', message: target.message ?? '' };
  const met = trueCondition(conditions, 'SuccessCriteriaMet');
  if (met) return { type: 'Complete', reason: met.reason ?? '', message: met.message ?? '' };
  const pfp = failJobMessage(ctx);
  if (pfp !== undefined) return { type: 'FailureTarget', reason: 'PodFailurePolicy', message: pfp };
  if (ctx.failed > (job.spec.backoffLimit ?? 6) || pastBackoffLimitOnFailure(job, ctx.pods)) {
    return { type: 'FailureTarget', reason: 'BackoffLimitExceeded', message: 'Job has reached the specified backoff limit' };
  }
  const ads = job.spec.activeDeadlineSeconds;
  // A Job being resumed gets a fresh startTime in this sync, so its deadline restarts now.
  const resuming = job.spec.suspend !== true && trueCondition(conditions, 'Suspended') !== undefined;
  const start = resuming ? now : parseKubeTime(job.status?.startTime);
  if (ads !== undefined && start !== undefined && job.spec.suspend !== true) {
    const left = start + ads * deps.secondMs - now;
    if (left <= 0) return { type: 'FailureTarget', reason: 'DeadlineExceeded', message: 'Job was active longer than specified deadline' };
    deps.requeue(left);
  }
  if (ctx.indexed && ctx.failedIndexes && ctx.failedIndexes.size > 0) {
    const max = job.spec.maxFailedIndexes;
    if (max !== undefined && ctx.failedIndexes.size > max) {
      return { type: 'FailureTarget', reason: 'MaxFailedIndexesExceeded', message: 'Job has exceeded the specified maximal number of failed indexes' };
    }
    if (ctx.failedIndexes.size + ctx.succeededIndexes.size >= (ctx.completions ?? 0)) {
      return { type: 'FailureTarget', reason: 'FailedIndexes', message: 'Job has failed indexes' };
    }
  }
  if (ctx.indexed && job.spec.successPolicy) {
    const message = matchSuccessPolicy(job.spec, ctx.succeededIndexes);
    if (message !== undefined) return { type: 'SuccessCriteriaMet', reason: 'SuccessPolicy', message };
  }
  return undefined;
}

/** Runs one sync of `job` (a working copy the sync may modify) with its pods. */
export function syncJob(key: string, job: JobView, pods: PodView[], deps: SyncDeps): void {
  const now = deps.now();
  const before = stableJson(job.status ?? {});
  const ctx = buildSyncContext(key, job, pods);
  const status = job.status ?? {};
  const suspended = job.spec.suspend === true;
  if (status.startTime === undefined && !suspended) status.startTime = kubeTime(now);

  const backoff = nextBackoffRecord(
    deps.backoff,
    ctx.newSucceeded.map((p) => podFinishTime(p, now)),
    ctx.newFailed.map((p) => podFinishTime(p, now)),
  );
  deps.setBackoff(backoff);
  ctx.finished = finishingCondition(ctx, deps, now);

  let active = ctx.active.length;
  let suspendChanged = false;
  if (ctx.finished) {
    let deleted = 0;
    for (const pod of ctx.active.slice(0, MAX_POD_CREATE_DELETE_PER_SYNC)) {
      if (!deps.deletePod(pod, false)) continue;
      deleted++;
      if (pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True')) ctx.ready--;
    }
    if (deleted !== active) ctx.finished = undefined;
    active -= deleted;
    ctx.terminating += deleted;
  } else {
    let managed = false;
    if (job.metadata.deletionTimestamp === undefined) {
      active = manageJob(ctx, {
        ...deps,
        jobBackoffRemaining: () => remainingBackoff(backoff.failuresAfterLastSuccess, backoff.lastFailureTime, now, deps.backoffBaseMs, deps.backoffMaxMs),
      });
      managed = true;
    }
    const complete = ctx.completions === undefined ? ctx.succeeded > 0 && active === 0 : ctx.succeeded >= ctx.completions && active === 0;
    if (complete) {
      ctx.finished = { type: 'SuccessCriteriaMet', reason: 'CompletionsReached', message: 'Reached expected number of succeeded pods' };
    } else if (managed) {
      const conditions = (status.conditions ??= []);
      if (suspended) {
        suspendChanged = ensureJobCondition(conditions, 'Suspended', 'True', 'JobSuspended', 'Job suspended', now);
        if (suspendChanged) deps.event('Normal', 'Suspended', 'Job suspended');
      } else {
        suspendChanged = ensureJobCondition(conditions, 'Suspended', 'False', 'JobResumed', 'Job resumed', now);
        if (suspendChanged) {
          deps.event('Normal', 'Resumed', 'Job resumed');
          status.startTime = kubeTime(now);
        }
      }
      if (conditions.length === 0) delete status.conditions;
    }
  }
  status.active = active;
  status.ready = ctx.ready;
  status.terminating = ctx.terminating;
  job.status = status;
  ctx.job = job;
  const changed = suspendChanged || stableJson(normalizeStatus(status)) !== before;
  trackStatus(ctx, deps, changed);
}
