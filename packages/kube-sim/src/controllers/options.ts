/**
 * Options of the controllers half (`startControllers`) and of the simulated nodes (`nodeObjects`),
 * with their documented defaults.
 */
import { realClock, type Clock } from './clock.js';
import type { ContainerScript } from './kubelet/container-script.js';
import type { TaintView } from './kube-types.js';

/** The shape of one simulated node. */
export interface NodeShape {
  /** CPU capacity. Default `"4"`. */
  cpu: string;
  /** Memory capacity. Default `"16Gi"`. */
  memory: string;
  /** Pod capacity. Default `"110"`. */
  pods: string;
  /** Ephemeral storage capacity. Default `"100Gi"`. */
  ephemeralStorage: string;
  /** Further capacities, e.g. `{ "nvidia.com/gpu": "1" }`. Default none. */
  extendedResources: Record<string, string>;
  /** Subtracted from capacity to give allocatable, e.g. `{ cpu: "80m" }`. Default none. */
  reserved: Record<string, string>;
  /** Extra labels (the `kubernetes.io/os|arch|hostname` labels are always set). Default none. */
  labels: Record<string, string>;
  /** `status.nodeInfo.architecture` and the `kubernetes.io/arch` label. Default `"amd64"`. */
  architecture: string;
  /** `status.nodeInfo.operatingSystem` and the `kubernetes.io/os` label. Default `"linux"`. */
  operatingSystem: string;
  /** Node taints. Default none. */
  taints: TaintView[];
  /** Image names listed in `status.images`. Default a few common images. */
  images: string[];
  /** `spec.unschedulable` (cordoned; adds the `node.kubernetes.io/unschedulable` taint). Default false. */
  unschedulable: boolean;
}

/** The simulated nodes: every node gets the shared shape, then its per-name overrides. */
export interface NodeOptions extends Partial<NodeShape> {
  /** Number of nodes when `names` is not given. Default 3. */
  count?: number;
  /** Node names. Default `sim-node-1` … `sim-node-<count>`. */
  names?: string[];
  /** Per-node overrides by name. */
  overrides?: Record<string, Partial<NodeShape>>;
}

/** Timing of the simulated cluster, in real (or fake-clock) milliseconds. */
export interface TimingOptions {
  /** Kubelet: from accepting a pod (`startTime`) to its containers running. Default 200. */
  podStartMs: number;
  /** Job controller: batching of syncs caused by pod events (real: 1 s). Default 1000; 0 allowed. */
  syncBatchMs: number;
  /** Job controller: first pod replacement delay after a failure, doubling. Default 10000. */
  backoffBaseMs: number;
  /** Job controller: cap of the replacement delay. Default 600000. */
  backoffMaxMs: number;
  /** Kubelet: first CrashLoopBackOff / ImagePullBackOff delay, doubling. Default 10000. */
  kubeletBackoffBaseMs: number;
  /** Kubelet: cap of those delays. Default 300000. */
  kubeletBackoffMaxMs: number;
  /** Length of one second of `activeDeadlineSeconds`, `ttlSecondsAfterFinished` and grace periods. Default 1000. */
  secondMs: number;
  /** Scheduler: delay before a scheduling pass after a change. Default 0. */
  scheduleDelayMs: number;
  /** Scripted kubelet: running time of a container whose script gives no `durationMs`. Default 1000. */
  defaultRunMs: number;
}

/** Settings shared by both kubelet modes. */
export interface KubeletCommon {
  /** Images matching this pattern fail to pull (ErrImagePull/ImagePullBackOff). Default `/does-not-exist|nonexistent/`. */
  failingImages?: RegExp;
}

/**
 * The `scripted` kubelet: no processes; `script` decides each container. Default: a small
 * interpreter of `echo`/`sleep`/`exit` in `sh -c` scripts or plain commands (see
 * `kubelet/default-script.ts`); containers without a command run `defaultRunMs` and exit 0.
 */
export interface ScriptedKubeletOptions extends KubeletCommon {
  mode: 'scripted';
  script?: ContainerScript;
}

/**
 * The `process` kubelet: each container runs `command`+`args` as a child process (no shell) in a
 * per-pod scratch folder under `scratchDir` (default `os.tmpdir()`): `<scratchDir>/kube-sim-XXXX/
 * pods/<ns>_<pod>_<uid>/`. ConfigMap, Secret and emptyDir volumes are materialised there and every
 * `mountPath`/`workingDir` is mapped under its `rootfs/` folder, which the process receives as
 * `KUBE_SIM_ROOT` (also usable as `$(KUBE_SIM_ROOT)` in command, args and env values). Only `PATH`
 * is inherited from the host. Everything is removed when the pod ends and on `stop()`.
 */
export interface ProcessKubeletOptions extends KubeletCommon {
  mode: 'process';
  scratchDir?: string;
}

/** Either kubelet mode. */
export type KubeletOptions = ScriptedKubeletOptions | ProcessKubeletOptions;

/** Options of `startControllers`. Every field is optional. */
export interface ControllerOptions {
  /** The nodes (used by `nodeObjects`; the controllers read nodes from the store). */
  nodes?: NodeOptions;
  /** Kubelet mode. Default `{ mode: 'scripted' }`. */
  kubelet?: KubeletOptions;
  /** Timing overrides, see {@link TimingOptions}. */
  timing?: Partial<TimingOptions>;
  /** Time source. Default the real clock. */
  clock?: Clock;
  /** Write core/v1 Events (SuccessfulCreate, Scheduled, Started, …). Default true. */
  recordEvents?: boolean;
}

/** {@link ControllerOptions} with every default applied. */
export interface ResolvedOptions {
  kubelet: KubeletOptions & { failingImages: RegExp };
  timing: TimingOptions;
  clock: Clock;
  recordEvents: boolean;
}

/** The default timing. */
export const DEFAULT_TIMING: Readonly<TimingOptions> = Object.freeze({
  podStartMs: 200,
  syncBatchMs: 1000,
  backoffBaseMs: 10_000,
  backoffMaxMs: 600_000,
  kubeletBackoffBaseMs: 10_000,
  kubeletBackoffMaxMs: 300_000,
  secondMs: 1000,
  scheduleDelayMs: 0,
  defaultRunMs: 1000,
});

/** Applies the defaults. */
export function resolveOptions(options: ControllerOptions = {}): ResolvedOptions {
  const kubelet = options.kubelet ?? { mode: 'scripted' };
  return {
    kubelet: { ...kubelet, failingImages: kubelet.failingImages ?? /does-not-exist|nonexistent/ },
    timing: { ...DEFAULT_TIMING, ...options.timing },
    clock: options.clock ?? realClock(),
    recordEvents: options.recordEvents ?? true,
  };
}
