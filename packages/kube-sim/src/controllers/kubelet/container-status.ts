/**
 * Builders for `containerStatuses[]` entries in each state, with the kubelet's reasons and
 * messages (ContainerCreating, PodInitializing, CrashLoopBackOff, ImagePullBackOff, terminated
 * Completed/Error/OOMKilled, ContainerStatusUnknown).
 */
import { randomBytes } from 'node:crypto';
import type { ContainerStatusView, ContainerView } from '../kube-types.js';
import { imageId, normalizeImage } from '../image-names.js';
import type { ContainerExit } from './container-runtime.js';

/** A new `containerd://…` id. */
export function newContainerId(): string {
  return `containerd://${randomBytes(32).toString('hex')}`;
}

/** The status of a container not started yet. */
export function waitingStatus(container: ContainerView, reason: string, message?: string): ContainerStatusView {
  return {
    name: container.name,
    state: { waiting: message === undefined ? { reason } : { reason, message } },
    lastState: {},
    ready: false,
    restartCount: 0,
    started: false,
    image: container.image ?? '',
    imageID: '',
  };
}

/** Moves a status to `running` with a fresh container id. */
export function toRunning(status: ContainerStatusView, container: ContainerView, startedAt: string, ready: boolean): ContainerStatusView {
  return {
    ...status,
    state: { running: { startedAt } },
    ready,
    started: true,
    image: normalizeImage(container.image ?? ''),
    imageID: imageId(container.image ?? ''),
    containerID: newContainerId(),
  };
}

/** The `terminated` state for an exit. */
export function terminatedState(exit: ContainerExit, startedAt: string, finishedAt: string, containerID: string | undefined) {
  const terminated: NonNullable<ContainerStatusView['state']['terminated']> = {
    exitCode: exit.exitCode,
    reason: exit.reason ?? (exit.exitCode === 0 ? 'Completed' : 'Error'),
    startedAt,
    finishedAt,
  };
  if (exit.signal !== undefined) terminated.signal = exit.signal;
  if (exit.message !== undefined) terminated.message = exit.message;
  if (containerID !== undefined) terminated.containerID = containerID;
  return terminated;
}

/** The state of a container that never ran when its pod was terminated. */
export function unknownOnTermination(finishedAt: string) {
  return {
    exitCode: 137,
    reason: 'ContainerStatusUnknown',
    message: 'The container could not be located when the pod was terminated',
    finishedAt,
  };
}

/** `back-off 10s restarting failed container=main pod=p_ns(uid)`. */
export function crashLoopMessage(delayMs: number, container: string, pod: string, ns: string, uid: string): string {
  const seconds = Math.round(delayMs / 1000);
  const text = seconds >= 60 && seconds % 60 === 0 ? `${seconds / 60}m0s` : `${seconds}s`;
  return `back-off ${text} restarting failed container=${container} pod=${pod}_${ns}(${uid})`;
}

/** The ErrImagePull message containerd gives for a missing image. */
export function pullErrorMessage(image: string): string {
  const ref = normalizeImage(image);
  return `rpc error: code = NotFound desc = failed to pull and unpack image "${ref}": failed to resolve reference "${ref}": ${ref}: not found`;
}
