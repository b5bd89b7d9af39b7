/**
 * The scheduler's FailedScheduling message: `0/3 nodes are available: 1 node(s) didn't match Pod's
 * node affinity/selector, 2 Insufficient cpu. preemption: 0/3 nodes are available: 1 Preemption is
 * not helpful for scheduling, 2 No preemption victims found for incoming pod.`
 */
import { UNRESOLVABLE } from './node-filters.js';

function histogram(items: string[]): string {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(item, (counts.get(item) ?? 0) + 1);
  return [...counts.entries()]
    .map(([reason, n]) => `${n} ${reason}`)
    .sort()
    .join(', ');
}

/** Builds the message from each node's failure reasons. */
export function unschedulableMessage(reasonsByNode: string[][]): string {
  const total = reasonsByNode.length;
  if (total === 0) return 'no nodes available to schedule pods';
  const reasons = reasonsByNode.flat();
  const preemption = reasonsByNode.map((r) =>
    r.every((x) => UNRESOLVABLE.has(x) || x.startsWith('node(s) had untolerated taint'))
      ? 'Preemption is not helpful for scheduling'
      : 'No preemption victims found for incoming pod',
  );
  return `0/${total} nodes are available: ${histogram(reasons)}. preemption: 0/${total} nodes are available: ${histogram(preemption)}.`;
}
