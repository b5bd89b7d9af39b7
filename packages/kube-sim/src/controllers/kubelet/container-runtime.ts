/**
 * The kubelet's view of a container runtime: two implementations, `scripted` (timers, no
 * processes) and `process` (child processes in a per-pod scratch folder).
 */
import type { ContainerView, PodView } from '../kube-types.js';

/** Everything needed to start one container instance. */
export interface ContainerStart {
  pod: PodView;
  container: ContainerView;
  init: boolean;
  /** Resolved environment (the runtime may add its own variables). */
  env: Record<string, string>;
  /** 0 for the first instance, then the restart count. */
  attempt: number;
}

/** How an instance ended. `exitCode` 128+N for signal N; `reason` overrides Completed/Error. */
export interface ContainerExit {
  exitCode: number;
  signal?: number;
  reason?: string;
  message?: string;
}

/** Callbacks from a running instance. `onExit` is called exactly once. */
export interface ContainerCallbacks {
  /** The process started (state `running`). Not called for instances that fail to start. */
  onStarted(): void;
  /** Output (stdout and stderr interleaved). */
  onOutput(text: string): void;
  onExit(exit: ContainerExit): void;
}

/** A started instance. */
export interface ContainerHandle {
  /** Graceful stop (SIGTERM). */
  terminate(): void;
  /** Forced stop (SIGKILL). */
  kill(): void;
}

/** A container that cannot be started now; it stays `waiting` with this reason. */
export interface StartBlocked {
  blocked: true;
  reason: string;
  message: string;
}

/** A container runtime. */
export interface ContainerRuntime {
  /** Prepares a pod before its first container starts (scratch folder, volumes); returns an error message or undefined. */
  preparePod(pod: PodView): string | undefined;
  /** Variables the runtime adds to every container of a prepared pod (available to `$(VAR)`). */
  podEnv(pod: PodView): Record<string, string>;
  /** Starts one instance, or reports why it cannot start. */
  start(spec: ContainerStart, callbacks: ContainerCallbacks): ContainerHandle | StartBlocked;
  /** Releases what `preparePod` made (called when the pod ends or is removed). */
  releasePod(podUid: string): void;
  /** Kills everything and releases every pod. */
  stop(): Promise<void>;
}

/** Type guard for {@link StartBlocked}. */
export function isBlocked(result: ContainerHandle | StartBlocked): result is StartBlocked {
  return 'blocked' in result;
}
