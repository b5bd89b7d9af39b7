/**
 * Starts the controllers half on a store: the shared cache, Job controller, TTL controller,
 * scheduler and kubelets (scripted or process mode). Returns the pod log source and `stop()`,
 * which cancels every timer and kills every child process.
 */
import { TimerSet } from './clock.js';
import { EventRecorder } from './event-recorder.js';
import { JobController } from './job/job-controller.js';
import { TtlController } from './job/ttl-controller.js';
import { Kubelet } from './kubelet/kubelet.js';
import type { PodLogSource } from './kubelet/pod-logs.js';
import { processRuntime } from './kubelet/process-runtime.js';
import { scriptedRuntime } from './kubelet/scripted-runtime.js';
import type { ConfigLookup } from './kubelet/container-env.js';
import { ObjectCache } from './object-cache.js';
import { resolveOptions, type ControllerOptions } from './options.js';
import { Scheduler } from './scheduler/scheduler.js';
import type { StorePort } from './store-port.js';

/** The running controllers. */
export interface RunningControllers {
  /** Container logs, for `pods/{name}/log`. */
  logs: PodLogSource;
  /** Stops every controller: timers cancelled, processes killed, scratch folders removed. */
  stop(): Promise<void>;
}

/**
 * Starts the controllers on `store` (see {@link ControllerOptions} for defaults). Errors inside
 * controllers are reported to `onError` (default `console.error`) and the work is retried.
 */
export function startControllers(
  store: StorePort,
  options: ControllerOptions = {},
  onError: (where: string, error: unknown) => void = (where, error) => console.error(`kube-sim controllers: ${where}`, error),
): RunningControllers {
  const opts = resolveOptions(options);
  const { clock, timing } = opts;
  const now = (): number => clock.now();
  const timers = new TimerSet(clock);
  const cache = new ObjectCache(store);
  const sequence = { next: 0 };
  const recorder = (component: string): EventRecorder => new EventRecorder(sequence, store, component, now, opts.recordEvents);
  let lookup: ConfigLookup = { configMap: () => undefined, secret: () => undefined };
  const runtime =
    opts.kubelet.mode === 'process'
      ? processRuntime({ configMap: (ns, n) => lookup.configMap(ns, n), secret: (ns, n) => lookup.secret(ns, n) }, opts.kubelet.scratchDir)
      : scriptedRuntime(timers, opts.kubelet.script, timing.defaultRunMs);
  const kubelet = new Kubelet(store, cache, runtime, { timing, failingImages: opts.kubelet.failingImages, now }, timers, recorder('kubelet'), onError);
  lookup = kubelet.lookup;
  const jobs = new JobController(store, cache, timing, now, timers, recorder('job-controller'), onError);
  const ttl = new TtlController(store, cache, timing.secondMs, now, timers, onError);
  const scheduler = new Scheduler(store, cache, timing.scheduleDelayMs, now, timers, recorder('default-scheduler'), onError);
  cache.start();
  jobs.start();
  ttl.start();
  scheduler.start();
  kubelet.start();
  let stopped: Promise<void> | undefined;
  return {
    logs: kubelet.logs,
    stop() {
      stopped ??= (async () => {
        cache.stop();
        timers.cancelAll();
        await kubelet.stop();
      })();
      return stopped;
    },
  };
}
