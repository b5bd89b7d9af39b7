/**
 * `manageJob`: creates missing pods (respecting parallelism, completions, the replacement backoff
 * and, for Indexed Jobs, the pending indexes) and deletes surplus ones; a suspended Job loses all
 * its active pods (tracking finalizer removed first, so they are not counted).
 */
import type { PodView } from '../kube-types.js';
import { remainingBackoff } from './backoff.js';
import { INDEX_FAILURE_COUNT_KEY, INDEX_IGNORED_FAILURE_COUNT_KEY } from './job-labels.js';
import { isPodFailed, isReady, onlyReplaceFailedPods, podFinishTime, podsForRemoval } from './job-pods.js';
import { matchPodFailurePolicy } from './pod-failure-policy.js';
import type { IndexFailureCounts } from './pod-template.js';
import { validIndex, type SyncContext } from './sync-context.js';

/** Most pod creations or deletions in one sync, as the real controller. */
export const MAX_POD_CREATE_DELETE_PER_SYNC = 500;

/** The side effects manageJob needs. */
export interface ManageActions {
  now(): number;
  backoffBaseMs: number;
  backoffMaxMs: number;
  /** Remaining Job-level replacement backoff (NonIndexed / no per-index limit), ms. */
  jobBackoffRemaining(): number;
  /** Creates a pod; false when the store refused. */
  createPod(index: number | undefined, counts: IndexFailureCounts | undefined): boolean;
  /** Deletes a pod, first dropping its tracking finalizer when `uncounted`; false on failure. */
  deletePod(pod: PodView, uncounted: boolean): boolean;
  requeue(delayMs: number): void;
}

function isSuspended(ctx: SyncContext): boolean {
  return ctx.job.spec.suspend === true;
}

function deleteAll(ctx: SyncContext, pods: PodView[], actions: ManageActions, uncounted: boolean): number {
  let removed = 0;
  for (const pod of pods.slice(0, MAX_POD_CREATE_DELETE_PER_SYNC)) {
    if (!actions.deletePod(pod, uncounted)) continue;
    removed++;
    if (isReady(pod)) ctx.ready--;
  }
  ctx.terminating += removed;
  return removed;
}

interface IndexState {
  activeByIndex: Map<number, PodView[]>;
  invalid: PodView[];
  lastFailed: Map<number, PodView>;
  terminating: Set<number>;
}

function indexState(ctx: SyncContext, now: number): IndexState {
  const state: IndexState = { activeByIndex: new Map(), invalid: [], lastFailed: new Map(), terminating: new Set() };
  const active = new Set(ctx.active);
  for (const pod of ctx.pods) {
    const ix = validIndex(ctx, pod);
    if (active.has(pod)) {
      if (ix === undefined) state.invalid.push(pod);
      else state.activeByIndex.set(ix, [...(state.activeByIndex.get(ix) ?? []), pod]);
    } else if (ix !== undefined) {
      if (pod.metadata.deletionTimestamp !== undefined && pod.status?.phase !== 'Succeeded' && pod.status?.phase !== 'Failed') state.terminating.add(ix);
      if (isPodFailed(pod, ctx.job)) {
        const prev = state.lastFailed.get(ix);
        if (!prev || podFinishTime(pod, now) >= podFinishTime(prev, now)) state.lastFailed.set(ix, pod);
      }
    }
  }
  return state;
}

function failureCounts(ctx: SyncContext, pod: PodView | undefined): IndexFailureCounts {
  if (!pod) return { failed: 0, ignored: 0 };
  const failed = Number(pod.metadata.annotations?.[INDEX_FAILURE_COUNT_KEY] ?? '0');
  const ignored = Number(pod.metadata.annotations?.[INDEX_IGNORED_FAILURE_COUNT_KEY] ?? '0');
  return matchPodFailurePolicy(ctx.job.spec, pod).countFailed ? { failed: failed + 1, ignored } : { failed, ignored: ignored + 1 };
}

function indexedSurplus(ctx: SyncContext, state: IndexState): PodView[] {
  const surplus = [...state.invalid];
  for (const [ix, pods] of state.activeByIndex) {
    if (ctx.succeededIndexes.has(ix) || ctx.failedIndexes?.has(ix)) surplus.push(...pods);
    else if (pods.length > 1) surplus.push(...podsForRemoval(pods, pods.length - 1));
  }
  return surplus;
}

/** Runs manageJob for a Job that is not finishing; returns the new active count. */
export function manageJob(ctx: SyncContext, actions: ManageActions): number {
  let active = ctx.active.length;
  if (isSuspended(ctx)) return active - deleteAll(ctx, ctx.active, actions, true);
  const parallelism = ctx.job.spec.parallelism ?? 1;
  let wantActive: number;
  if (ctx.completions === undefined) wantActive = ctx.succeeded > 0 ? active : parallelism;
  else wantActive = Math.max(0, Math.min(parallelism, ctx.completions - ctx.succeeded));

  const now = actions.now();
  const state = ctx.indexed ? indexState(ctx, now) : undefined;
  let toDelete = state ? indexedSurplus(ctx, state) : [];
  const remainingActive = active - toDelete.length;
  if (remainingActive > wantActive) {
    const rest = ctx.active.filter((p) => !toDelete.includes(p));
    toDelete = [...toDelete, ...podsForRemoval(rest, remainingActive - wantActive)];
  }
  if (toDelete.length > 0) return active - deleteAll(ctx, toDelete, actions, true);

  const terminating = onlyReplaceFailedPods(ctx.job) ? ctx.terminating : 0;
  if (active + terminating >= wantActive) return active;
  let diff = Math.min(wantActive - active - terminating, MAX_POD_CREATE_DELETE_PER_SYNC);
  const perIndex = ctx.job.spec.backoffLimitPerIndex !== undefined;
  if (!perIndex) {
    const remaining = actions.jobBackoffRemaining();
    if (remaining > 0) {
      actions.requeue(remaining);
      return active;
    }
  }
  if (!state || ctx.completions === undefined) {
    for (let i = 0; i < diff; i++) if (actions.createPod(undefined, undefined)) active++;
    return active;
  }
  let soonest = Infinity;
  for (let ix = 0; ix < ctx.completions && diff > 0; ix++) {
    if (ctx.succeededIndexes.has(ix) || ctx.failedIndexes?.has(ix) || state.activeByIndex.has(ix)) continue;
    if (onlyReplaceFailedPods(ctx.job) && state.terminating.has(ix)) continue;
    const last = state.lastFailed.get(ix);
    const counts = perIndex ? failureCounts(ctx, last) : undefined;
    if (perIndex && last) {
      const wait = remainingBackoff(counts ? counts.failed + counts.ignored : 0, podFinishTime(last, now), now, actions.backoffBaseMs, actions.backoffMaxMs);
      if (wait > 0) {
        soonest = Math.min(soonest, wait);
        continue;
      }
    }
    diff--;
    if (actions.createPod(ix, counts)) active++;
  }
  if (soonest !== Infinity) actions.requeue(soonest);
  return active;
}
