/**
 * The `scripted` kubelet's contract: a test function decides what each container instance does, so
 * thousands of pods "run" with no processes.
 */

/** What the script is told about the container instance about to start. */
export interface ContainerScriptContext {
  namespace: string;
  podName: string;
  podUid: string;
  containerName: string;
  /** `true` for init containers (including native sidecars). */
  init: boolean;
  image: string;
  /** `command` and `args` after `$(VAR)` expansion. */
  command: string[];
  args: string[];
  /** The container's resolved environment (`env`, `envFrom`, `valueFrom`, `JOB_COMPLETION_INDEX`). */
  env: Record<string, string>;
  /** 0 for the first instance, then the restart count (restartPolicy OnFailure). */
  attempt: number;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

/** Failure reasons a script can force instead of running the container. */
export type ScriptedFailureReason =
  | 'ErrImagePull'
  | 'InvalidImageName'
  | 'CreateContainerConfigError'
  | 'CreateContainerError'
  | 'RunContainerError'
  | 'ContainerCannotRun'
  | 'StartError'
  | 'OOMKilled';

/**
 * What one container instance does. Every field is optional:
 * - `startDelayMs` (default 0): extra time spent in `ContainerCreating` before it runs;
 * - `durationMs` (default `timing.defaultRunMs`; `Infinity` = until killed): running time;
 * - `exitCode` (default 0), or `signal` (exit code 128+signal, `signal` recorded in the status);
 * - `log`: text written to the container log as it starts; `finalLog`: text written as it exits;
 * - `reason`: `ErrImagePull`/`InvalidImageName`/`CreateContainer*Error` keep the container waiting
 *   with that reason (ErrImagePull alternates with ImagePullBackOff); `RunContainerError`,
 *   `ContainerCannotRun`, `StartError` terminate it at once (exit code 128); `OOMKilled` terminates it
 *   after `durationMs` with exit code 137 and reason OOMKilled;
 * - `message`: the status message for `reason`;
 * - `ignoreSigterm`: on deletion the container keeps running until the grace period ends (exit 137).
 */
export interface ContainerOutcome {
  startDelayMs?: number;
  durationMs?: number;
  exitCode?: number;
  signal?: number;
  log?: string;
  finalLog?: string;
  reason?: ScriptedFailureReason;
  message?: string;
  ignoreSigterm?: boolean;
}

/** Decides each container instance; called once per start (again for every restart). */
export type ContainerScript = (ctx: ContainerScriptContext) => ContainerOutcome;
