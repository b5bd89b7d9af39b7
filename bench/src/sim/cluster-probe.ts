import type { ClusterStore, KubeObject, StoreEvent } from '@drmaa2/kube-sim';
import { preciseNow } from './clock.js';

/** What the probe saw inside the simulator since its last reset. */
export interface ProbeReport {
  /** Per Job name: when the simulator first wrote a terminal status (a pod's terminal phase or the Job's final condition), as a `preciseNow()` time. */
  readonly terminalAt: Readonly<Record<string, number>>;
  /** Per Job name: the most of its pods in phase `Running` at once. */
  readonly maxRunning: Readonly<Record<string, number>>;
  /** The most pods in phase `Running` at once over all Jobs. */
  readonly maxRunningTotal: number;
}

/** Watches a simulator's store from inside; see {@link ProbeReport}. */
export interface ClusterProbe {
  report(): ProbeReport;
  reset(): void;
  close(): void;
}

const jobNameLabel = 'batch.kubernetes.io/job-name';
const finalConditions = new Set(['Complete', 'Failed', 'SuccessCriteriaMet', 'FailureTarget']);

function phase(object: KubeObject | undefined): string | undefined {
  return (object?.status as { phase?: string } | undefined)?.phase;
}

function isTerminalPhase(value: string | undefined): boolean {
  return value === 'Succeeded' || value === 'Failed';
}

function hasFinalCondition(object: KubeObject | undefined): boolean {
  const conditions = (object?.status as { conditions?: { type?: string; status?: string }[] } | undefined)?.conditions ?? [];
  return conditions.some((c) => c.status === 'True' && finalConditions.has(c.type ?? ''));
}

/**
 * Subscribes to `store` and records, per Job, the first terminal write and the highest number of
 * its pods running at once. Time is taken as the store commits, so it is the simulator's own moment.
 */
export function attachProbe(store: ClusterStore): ClusterProbe {
  let terminalAt = new Map<string, number>();
  let maxRunning = new Map<string, number>();
  const running = new Map<string, number>();
  let total = 0;
  let maxTotal = 0;
  const onEvent = (event: StoreEvent): void => {
    if (event.resource === 'jobs') {
      const name = event.object.metadata.name ?? '';
      if (event.type !== 'DELETED' && !terminalAt.has(name) && hasFinalCondition(event.object)) terminalAt.set(name, preciseNow());
      return;
    }
    if (event.resource !== 'pods') return;
    const job = event.object.metadata.labels?.[jobNameLabel];
    if (job === undefined) return;
    const was = phase(event.previous) === 'Running';
    const now = event.type !== 'DELETED' && phase(event.object) === 'Running';
    if (event.type !== 'DELETED' && !terminalAt.has(job) && isTerminalPhase(phase(event.object))) terminalAt.set(job, preciseNow());
    if (was === now) return;
    const count = (running.get(job) ?? 0) + (now ? 1 : -1);
    running.set(job, count);
    total += now ? 1 : -1;
    if (count > (maxRunning.get(job) ?? 0)) maxRunning.set(job, count);
    if (total > maxTotal) maxTotal = total;
  };
  const unsubscribe = store.subscribe(onEvent);
  return {
    report: () => ({ terminalAt: Object.fromEntries(terminalAt), maxRunning: Object.fromEntries(maxRunning), maxRunningTotal: maxTotal }),
    reset: () => {
      terminalAt = new Map();
      maxRunning = new Map([...running].filter(([, n]) => n > 0));
      maxTotal = total;
    },
    close: unsubscribe,
  };
}
