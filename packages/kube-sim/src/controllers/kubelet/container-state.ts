/**
 * The kubelet's bookkeeping for one container of a pod, and the pod status assembled from all of
 * them (phase, kubelet conditions, container statuses, IPs).
 */
import type { ContainerStatusView, ContainerView, PodStatusView } from '../kube-types.js';
import type { ContainerHandle } from './container-runtime.js';
import { crashLoopMessage, unknownOnTermination, waitingStatus } from './container-status.js';
import { podPhase, readinessConditions, type KubeletConditions } from './pod-phase.js';
import type { LogInstance } from './pod-logs.js';

/** One container (init, sidecar or regular) as the pod worker tracks it. */
export interface ContainerState {
  spec: ContainerView;
  init: boolean;
  sidecar: boolean;
  status: ContainerStatusView;
  handle?: ContainerHandle;
  log?: LogInstance;
  /** An instance is starting or running. */
  alive: boolean;
  startedAt?: string;
  crashDelay: number;
  pullDelay: number;
  /** Terminated with no restart to come. */
  finished: boolean;
  exitedOnce: boolean;
}

/** The initial states: init containers, then regular ones, all waiting. */
export function initialContainerStates(initContainers: ContainerView[], containers: ContainerView[], backoffMs: number): ContainerState[] {
  const hasInit = initContainers.length > 0;
  const make = (spec: ContainerView, init: boolean): ContainerState => ({
    spec,
    init,
    sidecar: init && spec.restartPolicy === 'Always',
    status: waitingStatus(spec, init || hasInit ? 'PodInitializing' : 'ContainerCreating'),
    alive: false,
    crashDelay: backoffMs,
    pullDelay: backoffMs,
    finished: false,
    exitedOnce: false,
  });
  return [...initContainers.map((c) => make(c, true)), ...containers.map((c) => make(c, false))];
}

/** Whether every init container finished (or, for sidecars, started). */
export function initDone(states: readonly ContainerState[]): boolean {
  return states.every((c) => !c.init || c.finished || (c.sidecar && c.status.started === true));
}

/** Pod-level facts the status needs besides the containers. */
export interface PodFacts {
  restartPolicy: string;
  initFailed: boolean;
  sandboxReady: boolean;
  finished: boolean;
  deleting: boolean;
  hostIP: string;
  podIP: string;
  startTime: string;
}

/** Assembles the kubelet-owned part of the pod status (conditions are updated in `conds`). */
export function kubeletStatus(states: readonly ContainerState[], facts: PodFacts, conds: KubeletConditions, time: string): PodStatusView {
  const regular = states.filter((c) => !c.init);
  const init = states.filter((c) => c.init);
  const done = initDone(states);
  const phase = podPhase({
    restartPolicy: facts.restartPolicy,
    initDone: done,
    initFailed: facts.initFailed,
    containers: regular.map((c) => c.status),
    terminal: facts.finished && facts.deleting,
  });
  readinessConditions(conds, time, {
    sandboxReady: facts.sandboxReady,
    initDone: done && !facts.initFailed,
    pendingInit: init.filter((c) => !c.finished && !(c.sidecar && c.status.started)).map((c) => c.spec.name),
    containers: regular.map((c) => c.status),
    finished: facts.finished,
  });
  const status: PodStatusView = {
    phase,
    hostIP: facts.hostIP,
    hostIPs: [{ ip: facts.hostIP }],
    startTime: facts.startTime,
    containerStatuses: regular.map((c) => c.status),
  };
  if (facts.sandboxReady) Object.assign(status, { podIP: facts.podIP, podIPs: [{ ip: facts.podIP }] });
  if (init.length > 0) status.initContainerStatuses = init.map((c) => c.status);
  return status;
}

/**
 * Puts a crashed container into CrashLoopBackOff (the message names the pod as the kubelet does);
 * returns the delay before the next restart and doubles the container's back-off up to `maxMs`.
 */
export function enterCrashLoop(c: ContainerState, pod: { name?: string; namespace?: string; uid?: string }, maxMs: number): number {
  const delay = c.crashDelay;
  c.crashDelay = Math.min(c.crashDelay * 2, maxMs);
  const message = crashLoopMessage(delay, c.spec.name, pod.name ?? '', pod.namespace ?? '', pod.uid ?? '');
  c.status = { ...c.status, state: { waiting: { reason: 'CrashLoopBackOff', message } } };
  return delay;
}

/**
 * Marks every container that is not running as terminated for pod termination (its last
 * termination, else ContainerStatusUnknown/137); returns the containers still running.
 */
export function settleForTermination(states: ContainerState[], finishedAt: string): ContainerState[] {
  for (const c of states) {
    if (c.alive || c.finished) continue;
    c.status = { ...c.status, state: { terminated: c.status.lastState.terminated ?? unknownOnTermination(finishedAt) }, ready: false };
    c.finished = true;
  }
  return states.filter((c) => c.alive);
}
