import type { KubeJob, KubePod } from '../kube-types.js';
import { type Outcome, deriveStatus } from './derive-status.js';
import { type IndexSet, parseIndexList } from './indexes.js';
import { trueCondition, unreadableJob } from './job-facts.js';
import { outcomeOf, ownPods, unreadable } from './job-status.js';
import type { ObservedStatus } from './observed-status.js';
import { completionIndexOf, failedOnItsOwn, lastFinish } from './pod-facts.js';

const FAILURE_COUNT_KEY = 'batch.kubernetes.io/job-index-failure-count';

function memberFailures(pods: readonly KubePod[]): number {
  let failures = pods.filter(failedOnItsOwn).length;
  for (const pod of pods) {
    const text = pod.metadata?.annotations?.[FAILURE_COUNT_KEY];
    if (text === undefined || !/^\d+$/.test(text)) continue;
    failures = Math.max(failures, Number(text) + (failedOnItsOwn(pod) ? 1 : 0));
  }
  return failures;
}

/** A Job's `completedIndexes` and `failedIndexes`, parsed. */
export interface MemberIndexes {
  readonly completed: IndexSet;
  readonly failed: IndexSet;
}

/** Parses the index lists of a Job's status once, for {@link arrayMemberStatus} on many members. */
export function memberIndexes(job: KubeJob): MemberIndexes {
  const status = typeof job.status === 'object' && job.status !== null ? job.status : {};
  return { completed: parseIndexList(status.completedIndexes), failed: parseIndexList(status.failedIndexes) };
}

/**
 * The DRMAA2 state and JobInfo facts of one member of an array (an Indexed Job), by its 0-based
 * completion index. The rules of {@link jobStatus} apply to the member's own pods, with, in this
 * order: DONE when the index is in `completedIndexes`; FAILED when it is in `failedIndexes`
 * (subState the container's reason, else `FailedIndex`); DONE when its pod succeeded or the Job is
 * Complete; FAILED when the whole Job failed first (its reason, such as `DeadlineExceeded`) or its
 * pods failed more often than `backoffLimitPerIndex` allows. Never throws.
 *
 * `pods` may be all the Job's pods or only the member's; `indexes`, when given, must be
 * {@link memberIndexes} of this `job` (so that many members cost one parse of the lists).
 */
export function arrayMemberStatus(job: KubeJob, pods: readonly KubePod[], completionIndex: number, now: Date, indexes?: MemberIndexes): ObservedStatus {
  const problem = unreadableJob(job);
  if (problem !== undefined) return unreadable(problem);
  const mine = ownPods(job, pods).filter((pod) => completionIndexOf(pod) === completionIndex);
  const status = job.status ?? {};
  let done: Outcome | undefined;
  let failed: Outcome | undefined;
  const time = lastFinish(mine);
  const at = time === undefined ? {} : { time };
  const lists = indexes ?? memberIndexes(job);
  if (lists.completed.has(completionIndex)) {
    done = at;
  } else if (lists.failed.has(completionIndex)) {
    failed = { reason: 'FailedIndex', message: `member ${completionIndex} failed`, ...at };
  } else if (mine.some((pod) => pod.status?.phase === 'Succeeded')) {
    done = at;
  } else {
    const complete = trueCondition(job, 'Complete');
    const failure = trueCondition(job, 'Failed') ?? trueCondition(job, 'FailureTarget');
    if (complete !== undefined) done = outcomeOf(complete, status.completionTime);
    else if (failure !== undefined) failed = outcomeOf(failure);
  }
  return deriveStatus(
    {
      job,
      pods: mine,
      ...(done === undefined ? {} : { done }),
      ...(failed === undefined ? {} : { failed }),
      failures: memberFailures(mine),
      retryLimit: job.spec?.backoffLimitPerIndex ?? job.spec?.backoffLimit ?? 6,
    },
    now,
  );
}
