/**
 * `podFailurePolicy` matching (`matchPodFailurePolicy` of the Job controller): first matching rule
 * wins; exit codes from `containerStatuses` then `initContainerStatuses`, skipping 0; pod conditions
 * by type and status (default True).
 */
import type { ContainerStatusView, JobSpecView, PodFailurePolicyRuleView, PodView } from '../kube-types.js';

/** The verdict for one failed pod. */
export interface PolicyVerdict {
  /** The action of the matching rule, if any. */
  action: PodFailurePolicyRuleView['action'] | undefined;
  /** Whether the failure counts towards `status.failed` / backoff (false only for Ignore). */
  countFailed: boolean;
  /** For FailJob: the failure message. */
  failJobMessage?: string;
}

function matchExitCodes(statuses: ContainerStatusView[] | undefined, req: NonNullable<PodFailurePolicyRuleView['onExitCodes']>) {
  for (const status of statuses ?? []) {
    const terminated = status.state.terminated;
    if (!terminated || terminated.exitCode === 0) continue;
    if (req.containerName !== undefined && req.containerName !== status.name) continue;
    const included = req.values.includes(terminated.exitCode);
    if (req.operator === 'In' ? included : !included) return { name: status.name, exitCode: terminated.exitCode };
  }
  return undefined;
}

/** Evaluates the Job's podFailurePolicy for a failed pod; no policy means "count it". */
export function matchPodFailurePolicy(spec: JobSpecView, pod: PodView): PolicyVerdict {
  const rules = spec.podFailurePolicy?.rules;
  if (!rules) return { action: undefined, countFailed: true };
  const ns = pod.metadata.namespace ?? '';
  const name = pod.metadata.name ?? '';
  for (const [index, rule] of rules.entries()) {
    let failJobMessage: string | undefined;
    if (rule.onExitCodes) {
      const hit =
        matchExitCodes(pod.status?.containerStatuses, rule.onExitCodes) ??
        matchExitCodes(pod.status?.initContainerStatuses, rule.onExitCodes);
      if (!hit) continue;
      failJobMessage = `Container ${hit.name} for pod ${ns}/${name} failed with exit code ${hit.exitCode} matching ${rule.action} rule at index ${index}`;
    } else if (rule.onPodConditions) {
      const conditions = pod.status?.conditions ?? [];
      const hit = rule.onPodConditions
        .map((p) => conditions.find((c) => c.type === p.type && c.status === (p.status ?? 'True')))
        .find((c) => c !== undefined);
      if (!hit) continue;
      failJobMessage = `Pod ${ns}/${name} has condition ${hit.type} matching ${rule.action} rule at index ${index}`;
    } else {
      continue;
    }
    switch (rule.action) {
      case 'Ignore':
        return { action: 'Ignore', countFailed: false };
      case 'FailJob':
        return { action: 'FailJob', countFailed: true, failJobMessage };
      default:
        return { action: rule.action, countFailed: true };
    }
  }
  return { action: undefined, countFailed: true };
}
