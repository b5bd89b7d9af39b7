import { JobState } from '@drmaa2/core';
import type { KubeCondition, KubeJob, KubePod } from '../kube-types.js';
import { type Outcome, deriveStatus } from './derive-status.js';
import { trueCondition, unreadableJob } from './job-facts.js';
import type { ObservedStatus } from './observed-status.js';
import { failedOnItsOwn, readTime, readablePods } from './pod-facts.js';

/** Kubernetes' default `backoffLimit`. */
const DEFAULT_BACKOFF_LIMIT = 6;

/** The outcome a condition reports, its time being `lastTransitionTime`. */
export function outcomeOf(condition: KubeCondition, time?: string): Outcome {
  const outcome: { reason?: string; message?: string; time?: Date } = {};
  if (condition.reason !== undefined && condition.reason.length > 0) outcome.reason = condition.reason;
  if (condition.message !== undefined) outcome.message = condition.message;
  const at = readTime(time) ?? readTime(condition.lastTransitionTime);
  if (at !== undefined) outcome.time = at;
  return outcome;
}

/** The pods of `job` among `pods`: those labelled with its name, or all when none is labelled. */
export function ownPods(job: KubeJob, pods: readonly unknown[]): KubePod[] {
  const readable = readablePods(pods);
  const name = job.metadata?.name;
  if (name === undefined) return readable;
  return readable.filter((pod) => {
    const label = pod.metadata?.labels?.['batch.kubernetes.io/job-name'] ?? pod.metadata?.labels?.['job-name'];
    return label === undefined || label === name;
  });
}

/** The Undetermined status of an object that cannot be read. */
export function unreadable(problem: string): ObservedStatus {
  return { state: JobState.Undetermined, subState: 'Unreadable', annotation: problem };
}

/**
 * The DRMAA2 state and JobInfo facts of a single (non-array) job from its Job and pods.
 *
 * - DONE: `Complete` or `SuccessCriteriaMet` is True, or the pod succeeded; exit status from the
 *   job container (0 when gone). FAILED: the `drmaa2.io/terminated` annotation (subState
 *   `Terminated`), `Failed` or `FailureTarget` True (subState the reason, refined to the container's
 *   reason such as `OOMKilled` or `Error` for BackoffLimitExceeded), or more failed pods than
 *   `backoffLimit` allows.
 * - Suspended Jobs: `drmaa2.io/hold` gives QUEUED_HELD (REQUEUED_HELD once a pod failed); a
 *   future `drmaa2.io/start-time` QUEUED (subState `StartTime`); a Job that started SUSPENDED; a
 *   Kueue-labelled one QUEUED (`WaitingForAdmission`); otherwise QUEUED_HELD.
 * - Otherwise RUNNING when a pod is in phase Running, REQUEUED when a pod failed and the Job
 *   retries, else QUEUED with the pod's reason (Unschedulable, ContainerCreating, ImagePullBackOff, ...).
 * - UNDETERMINED only for an unreadable object. Never throws.
 */
export function jobStatus(job: KubeJob, pods: readonly KubePod[], now: Date): ObservedStatus {
  const problem = unreadableJob(job);
  if (problem !== undefined) return unreadable(problem);
  const own = ownPods(job, pods);
  const complete = trueCondition(job, 'Complete') ?? trueCondition(job, 'SuccessCriteriaMet');
  const failure = trueCondition(job, 'Failed') ?? trueCondition(job, 'FailureTarget');
  const succeededPod = own.find((pod) => pod.status?.phase === 'Succeeded');
  const completions = job.spec?.completions ?? 1;
  let done: Outcome | undefined;
  if (complete !== undefined) done = outcomeOf(complete, job.status?.completionTime);
  else if (failure === undefined && ((job.status?.succeeded ?? 0) >= completions || (completions === 1 && succeededPod !== undefined))) done = {};
  const failures = Math.max(job.status?.failed ?? 0, own.filter(failedOnItsOwn).length);
  return deriveStatus(
    {
      job,
      pods: own,
      ...(done === undefined ? {} : { done }),
      ...(failure === undefined ? {} : { failed: outcomeOf(failure) }),
      failures,
      retryLimit: job.spec?.backoffLimit ?? DEFAULT_BACKOFF_LIMIT,
    },
    now,
  );
}
