/**
 * Job condition helpers with the Job controller's semantics: conditions are appended in order,
 * updated in place when status/reason/message change, and a `False` condition is never added.
 */
import type { ConditionView } from '../kube-types.js';
import { kubeTime } from '../time-format.js';

/** Condition types and reasons the Job controller writes. */
export const JobConditionType = {
  Suspended: 'Suspended',
  FailureTarget: 'FailureTarget',
  Failed: 'Failed',
  SuccessCriteriaMet: 'SuccessCriteriaMet',
  Complete: 'Complete',
} as const;

/** A new Job condition stamped `now` (both probe and transition time, as the controller does). */
export function newJobCondition(type: string, status: 'True' | 'False', reason: string, message: string, now: number): ConditionView {
  const time = kubeTime(now);
  return { type, status, reason, message, lastProbeTime: time, lastTransitionTime: time };
}

/**
 * `ensureJobConditionStatus`: updates the condition of that type when it differs, appends it when
 * absent and `status` is not False. Returns whether the list changed.
 */
export function ensureJobCondition(
  conditions: ConditionView[],
  type: string,
  status: 'True' | 'False',
  reason: string,
  message: string,
  now: number,
): boolean {
  const index = conditions.findIndex((c) => c.type === type);
  if (index >= 0) {
    const c = conditions[index];
    if (c && (c.status !== status || c.reason !== reason || c.message !== message)) {
      conditions[index] = newJobCondition(type, status, reason, message, now);
      return true;
    }
    return false;
  }
  if (status === 'False') return false;
  conditions.push(newJobCondition(type, status, reason, message, now));
  return true;
}

/** True when the Job has `Complete=True` or `Failed=True`. */
export function isJobFinished(conditions: ConditionView[] | undefined): boolean {
  return (conditions ?? []).some((c) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True');
}

/** The `True` condition of a type, if any. */
export function trueCondition(conditions: ConditionView[] | undefined, type: string): ConditionView | undefined {
  return (conditions ?? []).find((c) => c.type === type && c.status === 'True');
}
