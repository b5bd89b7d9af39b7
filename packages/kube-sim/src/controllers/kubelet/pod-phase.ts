/**
 * The kubelet's pod phase (`getPhase`) and its own pod conditions (PodReadyToStartContainers,
 * Initialized, Ready, ContainersReady) from the container statuses.
 */
import type { ConditionView, ContainerStatusView, PodStatusView } from '../kube-types.js';

/** Inputs of the phase computation. */
export interface PhaseInput {
  restartPolicy: string;
  initDone: boolean;
  initFailed: boolean;
  containers: ContainerStatusView[];
  /** The pod is being finished (deleted or completed): containers will not restart. */
  terminal: boolean;
}

/** `getPhase` of the kubelet. */
export function podPhase(input: PhaseInput): NonNullable<PodStatusView['phase']> {
  if (input.initFailed) return 'Failed';
  if (!input.initDone) return 'Pending';
  let waiting = 0;
  let running = 0;
  let stopped = 0;
  let succeeded = 0;
  for (const s of input.containers) {
    if (s.state.running) running++;
    else if (s.state.terminated) {
      stopped++;
      if (s.state.terminated.exitCode === 0) succeeded++;
    } else if (s.lastState.terminated) stopped++;
    else waiting++;
  }
  if (waiting > 0 && !input.terminal) return 'Pending';
  if (running > 0) return 'Running';
  if (stopped > 0 || input.terminal) {
    if (input.terminal) return stopped === succeeded && waiting === 0 ? 'Succeeded' : 'Failed';
    if (input.restartPolicy === 'Always') return 'Running';
    if (stopped === succeeded) return 'Succeeded';
    if (input.restartPolicy === 'Never') return 'Failed';
    return 'Running';
  }
  return 'Pending';
}

/** The kubelet-owned conditions, by type, with their transition bookkeeping. */
export class KubeletConditions {
  private readonly conds = new Map<string, ConditionView>();

  /** Sets a condition; `lastTransitionTime` only changes when `status` changes. */
  set(type: string, status: 'True' | 'False', time: string, reason?: string, message?: string): void {
    const old = this.conds.get(type);
    const c: ConditionView = { type, status, lastProbeTime: null, lastTransitionTime: old && old.status === status ? (old.lastTransitionTime ?? time) : time };
    if (reason !== undefined) c.reason = reason;
    if (message !== undefined) c.message = message;
    this.conds.set(type, c);
  }

  /** Merges into the pod's condition list: kubelet conditions in the kubelet's order, then the others (PodScheduled, DisruptionTarget, …). */
  merge(existing: ConditionView[] | undefined): ConditionView[] {
    const order = ['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady'];
    const mine = order.map((t) => this.conds.get(t)).filter((c): c is ConditionView => c !== undefined);
    const others = (existing ?? []).filter((c) => !order.includes(c.type));
    return [...mine, ...others];
  }
}

/** Updates the readiness conditions from container statuses. */
export function readinessConditions(
  conds: KubeletConditions,
  time: string,
  opts: { sandboxReady: boolean; initDone: boolean; pendingInit: string[]; containers: ContainerStatusView[]; finished: boolean },
): void {
  conds.set('PodReadyToStartContainers', opts.sandboxReady && !opts.finished ? 'True' : 'False', time);
  if (opts.initDone) conds.set('Initialized', 'True', time);
  else conds.set('Initialized', 'False', time, 'ContainersNotInitialized', `containers with incomplete status: [${opts.pendingInit.join(' ')}]`);
  if (opts.finished) {
    conds.set('Ready', 'False', time, 'PodCompleted');
    conds.set('ContainersReady', 'False', time, 'PodCompleted');
    return;
  }
  const unready = opts.containers.filter((c) => !c.ready).map((c) => c.name);
  if (unready.length === 0) {
    conds.set('Ready', 'True', time);
    conds.set('ContainersReady', 'True', time);
  } else {
    const message = `containers with unready status: [${unready.join(' ')}]`;
    conds.set('Ready', 'False', time, 'ContainersNotReady', message);
    conds.set('ContainersReady', 'False', time, 'ContainersNotReady', message);
  }
}
