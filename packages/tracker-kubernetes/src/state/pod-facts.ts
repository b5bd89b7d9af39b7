import type { SlotInfo } from '@drmaa2/core';
import type { KubeContainerState, KubeContainerStatus, KubePod } from '../kube-types.js';
import { COMPLETION_INDEX_KEY, JOB_CONTAINER_NAME } from '../mapping/keys.js';
import { isRecord } from '../mapping/json-object.js';

/** A Kubernetes timestamp as a Date; `undefined` when absent or unparsable. */
export function readTime(value: unknown): Date | undefined {
  if (typeof value !== 'string' || value.length === 0) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** The pods that are objects, each with object-or-absent `metadata`, `spec` and `status`. */
export function readablePods(pods: readonly unknown[]): KubePod[] {
  return pods.filter((pod): pod is KubePod => {
    if (!isRecord(pod)) return false;
    return ['metadata', 'spec', 'status'].every((key) => pod[key] === undefined || isRecord(pod[key]));
  });
}

/** The status of the job container (named `job`; else the first container). */
export function jobContainerStatus(pod: KubePod): KubeContainerStatus | undefined {
  const statuses = Array.isArray(pod.status?.containerStatuses) ? pod.status.containerStatuses.filter(isRecord) : [];
  return statuses.find((status) => status.name === JOB_CONTAINER_NAME) ?? statuses[0];
}

/** The terminated state of the job container: the current one, else the last one. */
export function terminatedState(pod: KubePod): NonNullable<KubeContainerState['terminated']> | undefined {
  const status = jobContainerStatus(pod);
  return status?.state?.terminated ?? status?.lastState?.terminated;
}

/** When the job container of this pod started running, if it did. */
export function containerStartedAt(pod: KubePod): Date | undefined {
  const status = jobContainerStatus(pod);
  return readTime(status?.state?.running?.startedAt) ?? readTime(terminatedState(pod)?.startedAt);
}

/**
 * True for a pod that failed on its own: phase Failed and not deleted on purpose. Pods that
 * suspension, termination or deletion kill carry a `deletionTimestamp` and, as for the Job
 * controller, are no failures of the job.
 */
export function failedOnItsOwn(pod: KubePod): boolean {
  return pod.status?.phase === 'Failed' && pod.metadata?.deletionTimestamp === undefined;
}

/** True when the pod's job container has run (running or terminated), or its phase says so. */
export function podRan(pod: KubePod): boolean {
  const phase = pod.status?.phase;
  return phase === 'Running' || phase === 'Succeeded' || containerStartedAt(pod) !== undefined;
}

/** The creation time of a pod in ms (0 when unknown), to order retries. */
function created(pod: KubePod): number {
  return readTime(pod.metadata?.creationTimestamp)?.getTime() ?? 0;
}

/** The newest pod matching `predicate`. */
export function newestPod(pods: readonly KubePod[], predicate: (pod: KubePod) => boolean = () => true): KubePod | undefined {
  let best: KubePod | undefined;
  for (const pod of pods) if (predicate(pod) && (best === undefined || created(pod) >= created(best))) best = pod;
  return best;
}

/** The completion index of an Indexed Job's pod, from its annotation or label. */
export function completionIndexOf(pod: KubePod): number | undefined {
  const text = pod.metadata?.annotations?.[COMPLETION_INDEX_KEY] ?? pod.metadata?.labels?.[COMPLETION_INDEX_KEY];
  return text !== undefined && /^\d+$/.test(text) ? Number(text) : undefined;
}

/** Why a pod has not started its job container: a scheduling or container reason and message. */
export function pendingReason(pod: KubePod): { reason?: string; message?: string } {
  const conditions = Array.isArray(pod.status?.conditions) ? pod.status.conditions : [];
  const scheduled = conditions.find((condition) => condition.type === 'PodScheduled');
  if (scheduled?.status === 'False') return { reason: scheduled.reason ?? 'Unschedulable', message: scheduled.message };
  const waiting = jobContainerStatus(pod)?.state?.waiting;
  if (waiting?.reason !== undefined) return { reason: waiting.reason, message: waiting.message };
  const init = Array.isArray(pod.status?.initContainerStatuses) ? pod.status.initContainerStatuses : [];
  const initWaiting = init.find((status) => status.state?.waiting?.reason !== undefined)?.state?.waiting;
  if (initWaiting !== undefined) return { reason: initWaiting.reason, message: initWaiting.message };
  if (pod.status?.phase === 'Pending') return { reason: pod.status.reason ?? 'Pending', message: pod.status.message };
  return {};
}

/** The machines the pods were bound to, each once, with `slots` each. */
export function allocatedMachines(pods: readonly KubePod[], slots: number): SlotInfo[] {
  const names = [...new Set(pods.map((pod) => pod.spec?.nodeName).filter((name): name is string => typeof name === 'string' && name.length > 0))];
  return names.map((machineName) => ({ machineName, slots }));
}

/** The earliest time any pod's job container started. */
export function firstStart(pods: readonly KubePod[]): Date | undefined {
  const times = pods.map(containerStartedAt).filter((time): time is Date => time !== undefined);
  return times.length === 0 ? undefined : new Date(Math.min(...times.map((time) => time.getTime())));
}

/** The latest time any pod's job container finished. */
export function lastFinish(pods: readonly KubePod[]): Date | undefined {
  const times = pods.map((pod) => readTime(terminatedState(pod)?.finishedAt)).filter((time): time is Date => time !== undefined);
  return times.length === 0 ? undefined : new Date(Math.max(...times.map((time) => time.getTime())));
}
