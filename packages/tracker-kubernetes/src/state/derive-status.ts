import { JobState } from '@drmaa2/core';
import type { KubeJob, KubePod } from '../kube-types.js';
import { AnnotationKey, LabelKey } from '../mapping/keys.js';
import { requestedSlots } from './job-facts.js';
import type { ObservedStatus } from './observed-status.js';
import { allocatedMachines, firstStart, lastFinish, newestPod, pendingReason, podRan, readTime, terminatedState } from './pod-facts.js';
import { terminatingSignal } from './signals.js';

/** A finished outcome as Kubernetes reports it. */
export interface Outcome {
  readonly reason?: string;
  readonly message?: string;
  readonly time?: Date;
}

/** One unit of work (a single job, or one array member) and the facts its state follows from. */
export interface UnitView {
  readonly job: KubeJob;
  /** The unit's pods only. */
  readonly pods: readonly KubePod[];
  /** Set when Kubernetes says the unit succeeded. */
  readonly done?: Outcome;
  /** Set when Kubernetes says the unit failed. */
  readonly failed?: Outcome;
  /** Failed pods of the unit so far. */
  readonly failures: number;
  /** Failed pods the unit may have before it fails (backoffLimit, or backoffLimitPerIndex). */
  readonly retryLimit: number;
}

/** Container or pod reasons that say more than the Job's generic failure reason. */
const genericFailureReasons = new Set(['BackoffLimitExceeded', 'FailedIndexes', 'MaxFailedIndexesExceeded', 'FailedIndex']);

function exitFacts(pod: KubePod | undefined): Pick<ObservedStatus, 'exitStatus' | 'terminatingSignal'> & { reason?: string; message?: string } {
  const terminated = pod === undefined ? undefined : terminatedState(pod);
  if (terminated === undefined) return { reason: pod?.status?.reason, message: pod?.status?.message };
  const facts: ReturnType<typeof exitFacts> = {};
  if (typeof terminated.exitCode === 'number') facts.exitStatus = terminated.exitCode;
  const signal = terminatingSignal(terminated.exitCode, terminated.signal);
  if (signal !== undefined) facts.terminatingSignal = signal;
  const reason = terminated.reason ?? pod?.status?.reason;
  if (reason !== undefined) facts.reason = reason;
  const message = terminated.message ?? pod?.status?.message;
  if (message !== undefined) facts.message = message;
  return facts;
}

function describe(outcome: Outcome | undefined, exit: ReturnType<typeof exitFacts>): string | undefined {
  const parts: string[] = [];
  if (outcome?.message !== undefined && outcome.message.length > 0) parts.push(outcome.message);
  if (exit.exitStatus !== undefined) parts.push(`job container exited with code ${exit.exitStatus}${exit.reason === undefined ? '' : ` (${exit.reason})`}`);
  else if (exit.reason !== undefined) parts.push(`pod ${exit.reason}`);
  if (exit.message !== undefined && exit.message.length > 0) parts.push(exit.message.trim());
  return parts.length === 0 ? undefined : parts.join('; ');
}

function withExit(status: ObservedStatus, exit: ReturnType<typeof exitFacts>): ObservedStatus {
  if (exit.exitStatus !== undefined) status.exitStatus = exit.exitStatus;
  if (exit.terminatingSignal !== undefined) status.terminatingSignal = exit.terminatingSignal;
  return status;
}

/**
 * A pod that, as far as the cache knows, still runs or waits: not ended, not being deleted. Jobs
 * and Pods come on separate watches, so the Job may say its unit ended before the pod's final
 * update (with the exit code) arrived.
 */
function stillLive(pod: KubePod): boolean {
  const phase = pod.status?.phase;
  return pod.metadata?.deletionTimestamp === undefined && phase !== 'Succeeded' && phase !== 'Failed' && terminatedState(pod) === undefined;
}

/** A pod that still runs the job container: being deleted, maybe, but not ended yet. */
function stillRunning(pod: KubePod): boolean {
  return pod.status?.phase === 'Running' && terminatedState(pod) === undefined;
}

function finished(view: UnitView): ObservedStatus | undefined {
  const { job, pods } = view;
  const terminatedAt = job.metadata?.annotations?.[AnnotationKey.Terminated];
  // The Job's verdict waits until the pods' last updates are in, so the facts come with it; for a
  // terminated job, until the killed container has ended (its exit code and signal).
  if (pods.some(terminatedAt === undefined ? stillLive : stillRunning)) return undefined;
  if (view.done !== undefined) {
    const exit = exitFacts(newestPod(pods, (pod) => pod.status?.phase === 'Succeeded') ?? newestPod(pods));
    const status = withExit({ state: JobState.Done }, exit);
    if (status.exitStatus === undefined) status.exitStatus = 0;
    const annotation = view.done.message;
    if (annotation !== undefined && annotation.length > 0) status.annotation = annotation;
    status.finishTime = view.done.time ?? lastFinish(pods);
    return status;
  }
  const decisive = newestPod(pods, (pod) => terminatedState(pod) !== undefined || pod.status?.phase === 'Failed');
  const exit = exitFacts(decisive);
  if (terminatedAt !== undefined) {
    const status = withExit({ state: JobState.Failed, subState: 'Terminated' }, exit);
    status.annotation = `terminated by the user at ${terminatedAt}`;
    status.finishTime = lastFinish(pods) ?? readTime(terminatedAt);
    return status;
  }
  const outcome = view.failed ?? (view.failures > view.retryLimit ? { reason: 'BackoffLimitExceeded' } : undefined);
  if (outcome === undefined) return undefined;
  const generic = outcome.reason === undefined || genericFailureReasons.has(outcome.reason);
  const subState = generic && exit.reason !== undefined && exit.reason !== 'Completed' ? exit.reason : outcome.reason;
  const status = withExit({ state: JobState.Failed }, exit);
  if (subState !== undefined) status.subState = subState;
  const annotation = describe(outcome, exit);
  if (annotation !== undefined) status.annotation = annotation;
  status.finishTime = outcome.time ?? lastFinish(pods);
  return status;
}

function waiting(view: UnitView): ObservedStatus {
  const { job, pods } = view;
  const annotations = job.metadata?.annotations ?? {};
  const terminatedAt = annotations[AnnotationKey.Terminated];
  if (terminatedAt !== undefined) return { state: JobState.Running, annotation: `being terminated since ${terminatedAt}`, verdictPending: true };
  const ran = view.failures > 0 || pods.some(podRan);
  if (job.spec?.suspend === true) {
    if (annotations[AnnotationKey.Hold] !== undefined) {
      return { state: view.failures > 0 ? JobState.RequeuedHeld : JobState.QueuedHeld, subState: 'Held', annotation: 'held by the user' };
    }
    const startAt = annotations[AnnotationKey.StartTime];
    if (startAt !== undefined && !ran) return { state: JobState.Queued, subState: 'StartTime', annotation: `waiting for the start time ${startAt}` };
    if (ran || readTime(job.status?.startTime) !== undefined) return { state: JobState.Suspended, subState: 'Suspended', annotation: 'suspended' };
    if (job.metadata?.labels?.[LabelKey.KueueQueue] !== undefined) {
      return { state: JobState.Queued, subState: 'WaitingForAdmission', annotation: 'waiting for Kueue to admit the job' };
    }
    return { state: JobState.QueuedHeld, subState: 'Suspended', annotation: 'suspended before it started' };
  }
  // A pod being deleted (suspension, termination) no longer runs the job, whatever its phase says.
  if (pods.some((pod) => pod.status?.phase === 'Running' && pod.metadata?.deletionTimestamp === undefined)) return { state: JobState.Running };
  const pending = pendingReason(newestPod(pods, (pod) => pod.status?.phase === 'Pending') ?? newestPod(pods) ?? {});
  const resumed = annotations[AnnotationKey.Resumed] !== undefined;
  const status: ObservedStatus = { state: view.failures > 0 || resumed ? JobState.Requeued : JobState.Queued };
  const subState = pending.reason ?? (view.failures > 0 ? 'BackoffRetry' : resumed ? 'Resumed' : undefined);
  if (subState !== undefined) status.subState = subState;
  if (pending.message !== undefined && pending.message.length > 0) status.annotation = pending.message;
  return status;
}

/**
 * The DRMAA2 state and JobInfo facts of one unit; see the package README for the rules. Never
 * throws on odd objects: missing fields only make facts unknown.
 */
export function deriveStatus(view: UnitView, now: Date): ObservedStatus {
  const status = finished(view) ?? waiting(view);
  const slots = requestedSlots(view.job);
  status.slots = slots;
  const machines = allocatedMachines(view.pods, slots);
  if (machines.length > 0) status.allocatedMachines = machines;
  const startedStates: string[] = [JobState.Running, JobState.Suspended, JobState.Done];
  const jobStart = readTime(view.job.status?.startTime);
  const dispatch = firstStart(view.pods) ?? (startedStates.includes(status.state) || view.failures > 0 ? jobStart : undefined);
  if (dispatch !== undefined) status.dispatchTime = dispatch;
  if (status.finishTime === undefined) delete status.finishTime;
  const end = status.finishTime ?? (status.state === JobState.Running ? now : undefined);
  if (dispatch !== undefined && end !== undefined) status.wallclockTime = Math.max(0, (end.getTime() - dispatch.getTime()) / 1000);
  return status;
}
