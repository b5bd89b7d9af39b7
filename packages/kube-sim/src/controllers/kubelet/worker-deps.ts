/** What a {@link PodWorker} needs from its kubelet. */
import type { TimerSet } from '../clock.js';
import type { EventRecorder } from '../event-recorder.js';
import type { TimingOptions } from '../options.js';
import type { StorePort } from '../store-port.js';
import type { ConfigLookup } from './container-env.js';
import type { ContainerRuntime } from './container-runtime.js';
import type { PodLogStore } from './pod-logs.js';

/** Dependencies of one pod worker. */
export interface WorkerDeps {
  store: StorePort;
  runtime: ContainerRuntime;
  logs: PodLogStore;
  timers: TimerSet;
  now: () => number;
  timing: TimingOptions;
  failingImages: RegExp;
  lookup: ConfigLookup;
  recorder: EventRecorder;
  hostIP: string;
  podIP: string;
}
