/**
 * The scheduler's filter plugins for one pod on one node, in the default profile's order:
 * NodeUnschedulable, TaintToleration, NodeAffinity (nodeSelector + required node affinity),
 * NodeResourcesFit. Each returns the real failure reasons (`node(s) didn't match Pod's node
 * affinity/selector`, `Insufficient cpu`, …); an empty list means the node fits.
 */
import type { NodeSelectorRequirementView, NodeView, PodSpecView, TaintView, TolerationView } from '../kube-types.js';
import { tryParseQuantity } from '../quantity.js';
import type { ResourceList } from './pod-requests.js';

/** Reasons after which preemption cannot help (the preemption message says so). */
export const UNRESOLVABLE = new Set(["node(s) were unschedulable", "node(s) didn't match Pod's node affinity/selector"]);

function matchRequirement(req: NodeSelectorRequirementView, value: string | undefined): boolean {
  const values = req.values ?? [];
  switch (req.operator) {
    case 'In':
      return value !== undefined && values.includes(value);
    case 'NotIn':
      return value === undefined || !values.includes(value);
    case 'Exists':
      return value !== undefined;
    case 'DoesNotExist':
      return value === undefined;
    case 'Gt':
    case 'Lt': {
      if (value === undefined || !/^-?\d+$/.test(value) || values.length !== 1 || !/^-?\d+$/.test(values[0] ?? '')) return false;
      const a = BigInt(value);
      const b = BigInt(values[0] ?? '0');
      return req.operator === 'Gt' ? a > b : a < b;
    }
    default:
      return false;
  }
}

/** nodeSelector and required node affinity (terms ORed, requirements ANDed; matchFields on metadata.name). */
export function matchesNodeAffinity(spec: PodSpecView, node: NodeView): boolean {
  const labels = node.metadata.labels ?? {};
  for (const [k, v] of Object.entries(spec.nodeSelector ?? {})) if (labels[k] !== v) return false;
  const terms = spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  if (!terms) return true;
  return terms.some((term) => {
    const exprs = term.matchExpressions ?? [];
    const fields = term.matchFields ?? [];
    if (exprs.length === 0 && fields.length === 0) return false;
    return (
      exprs.every((r) => matchRequirement(r, labels[r.key])) &&
      fields.every((r) => r.key === 'metadata.name' && matchRequirement(r, node.metadata.name))
    );
  });
}

/** Whether one toleration tolerates one taint. */
export function tolerates(t: TolerationView, taint: TaintView): boolean {
  if (t.effect && t.effect !== taint.effect) return false;
  if (t.operator === 'Exists') return !t.key || t.key === taint.key;
  return t.key === taint.key && (t.value ?? '') === (taint.value ?? '');
}

/** The first NoSchedule/NoExecute taint no toleration covers, if any. */
export function untoleratedTaint(spec: PodSpecView, node: NodeView): TaintView | undefined {
  return (node.spec?.taints ?? []).find(
    (taint) => (taint.effect === 'NoSchedule' || taint.effect === 'NoExecute') && !(spec.tolerations ?? []).some((t) => tolerates(t, taint)),
  );
}

function unschedulableTolerated(spec: PodSpecView): boolean {
  return (spec.tolerations ?? []).some((t) => tolerates(t, { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }));
}

/** Free capacity of a node: allocatable minus what bound pods request (and a pod slot count). */
export interface NodeUsage {
  requested: ResourceList;
  pods: number;
}

/** A node's allocatable resources parsed to milli-units (invalid entries skipped). */
export function parseAllocatable(node: NodeView): ResourceList {
  const out: ResourceList = new Map();
  for (const [name, value] of Object.entries(node.status?.allocatable ?? {})) {
    const q = tryParseQuantity(value);
    if (q !== undefined) out.set(name, q);
  }
  return out;
}

/** Runs the filters against `allocatable` (see {@link parseAllocatable}); returns the failure reasons (empty = fits). */
export function filterNode(spec: PodSpecView, requests: ResourceList, node: NodeView, usage: NodeUsage, allocatable: ResourceList): string[] {
  if (node.spec?.unschedulable === true && !unschedulableTolerated(spec)) return ['node(s) were unschedulable'];
  const taint = untoleratedTaint(spec, node);
  if (taint) return [`node(s) had untolerated taint {${taint.key}: ${taint.value ?? ''}}`];
  if (!matchesNodeAffinity(spec, node)) return ["node(s) didn't match Pod's node affinity/selector"];
  const reasons: string[] = [];
  const podSlots = allocatable.get('pods') ?? 110_000n;
  if (BigInt(usage.pods + 1) * 1000n > podSlots) reasons.push('Too many pods');
  for (const [name, amount] of requests) {
    if (amount <= 0n) continue;
    const available = allocatable.get(name) ?? 0n;
    if ((usage.requested.get(name) ?? 0n) + amount > available) reasons.push(`Insufficient ${name}`);
  }
  return reasons;
}
