/**
 * A pod's effective resource requests as the scheduler computes them: per resource, the larger of
 * the sum over regular containers (plus native sidecars) and the largest init container, plus pod
 * overhead. A container with limits but no requests requests its limits. Milli-units, exact.
 */
import type { ContainerView, PodSpecView } from '../kube-types.js';
import { tryParseQuantity } from '../quantity.js';

/** Resource name → milli-units. */
export type ResourceList = Map<string, bigint>;

function containerRequests(c: ContainerView): ResourceList {
  const out: ResourceList = new Map();
  const requests = c.resources?.requests ?? {};
  const limits = c.resources?.limits ?? {};
  for (const name of new Set([...Object.keys(requests), ...Object.keys(limits)])) {
    const q = tryParseQuantity(requests[name] ?? limits[name]);
    if (q !== undefined) out.set(name, q);
  }
  return out;
}

function addInto(target: ResourceList, source: ResourceList): void {
  for (const [k, v] of source) target.set(k, (target.get(k) ?? 0n) + v);
}

/** The pod's effective requests. */
export function podRequests(spec: PodSpecView): ResourceList {
  const total: ResourceList = new Map();
  for (const c of spec.containers) addInto(total, containerRequests(c));
  const sidecars: ResourceList = new Map();
  for (const init of spec.initContainers ?? []) {
    const r = containerRequests(init);
    if (init.restartPolicy === 'Always') {
      addInto(sidecars, r);
      continue;
    }
    const withSidecars: ResourceList = new Map(sidecars);
    addInto(withSidecars, r);
    for (const [k, v] of withSidecars) if (v > (total.get(k) ?? 0n)) total.set(k, v);
  }
  addInto(total, sidecars);
  for (const [k, v] of Object.entries(spec.overhead ?? {})) {
    const q = tryParseQuantity(v);
    if (q !== undefined) total.set(k, (total.get(k) ?? 0n) + q);
  }
  return total;
}
