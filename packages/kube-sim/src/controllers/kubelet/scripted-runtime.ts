/**
 * The `scripted` container runtime: a {@link ContainerScript} decides each instance (start delay,
 * duration, exit code or signal, log text, forced failure reason); timers stand in for processes.
 */
import type { TimerSet } from '../clock.js';
import { expandVars } from './container-env.js';
import type { ContainerScript } from './container-script.js';
import { defaultScript } from './default-script.js';
import type { ContainerCallbacks, ContainerHandle, ContainerRuntime, ContainerStart, StartBlocked } from './container-runtime.js';

const WAITING_REASONS = new Set(['ErrImagePull', 'InvalidImageName', 'CreateContainerConfigError', 'CreateContainerError']);
const START_FAILURES = new Set(['RunContainerError', 'ContainerCannotRun', 'StartError']);

/**
 * Creates the scripted runtime; without `script` the default one interprets simple commands (see
 * default-script.ts); `defaultRunMs` is the duration when an outcome gives none.
 */
export function scriptedRuntime(timers: TimerSet, script: ContainerScript | undefined, defaultRunMs: number): ContainerRuntime {
  return {
    preparePod: () => undefined,
    podEnv: () => ({}),
    releasePod: () => undefined,
    stop: () => Promise.resolve(),
    start(spec: ContainerStart, cb: ContainerCallbacks): ContainerHandle | StartBlocked {
      const { pod, container } = spec;
      const outcome = (script ?? defaultScript(defaultRunMs))({
        namespace: pod.metadata.namespace ?? '',
        podName: pod.metadata.name ?? '',
        podUid: pod.metadata.uid ?? '',
        containerName: container.name,
        init: spec.init,
        image: container.image ?? '',
        command: (container.command ?? []).map((c) => expandVars(c, spec.env)),
        args: (container.args ?? []).map((a) => expandVars(a, spec.env)),
        env: { ...spec.env },
        attempt: spec.attempt,
        labels: { ...(pod.metadata.labels ?? {}) },
        annotations: { ...(pod.metadata.annotations ?? {}) },
      });
      const reason = outcome.reason;
      if (reason && WAITING_REASONS.has(reason)) {
        return { blocked: true, reason, message: outcome.message ?? reason };
      }
      let exited = false;
      let running = false;
      const cancels: (() => void)[] = [];
      const exit = (code: number, extra: { signal?: number; reason?: string; message?: string } = {}): void => {
        if (exited) return;
        exited = true;
        for (const c of cancels) c();
        if (outcome.finalLog && running) cb.onOutput(outcome.finalLog);
        cb.onExit({ exitCode: code, ...extra });
      };
      const run = (): void => {
        if (exited) return;
        if (reason && START_FAILURES.has(reason)) {
          exit(128, { reason, message: outcome.message ?? `failed to start container "${container.name}"` });
          return;
        }
        running = true;
        cb.onStarted();
        if (outcome.log) cb.onOutput(outcome.log);
        const duration = outcome.durationMs ?? defaultRunMs;
        if (duration === Infinity) return;
        cancels.push(
          timers.schedule(() => {
            if (reason === 'OOMKilled') exit(137, { reason: 'OOMKilled', message: outcome.message });
            else if (outcome.signal !== undefined) exit(128 + outcome.signal, { signal: outcome.signal });
            else exit(outcome.exitCode ?? 0, outcome.message ? { message: outcome.message } : {});
          }, duration),
        );
      };
      const delay = outcome.startDelayMs ?? 0;
      if (delay > 0) cancels.push(timers.schedule(run, delay));
      else run();
      return {
        terminate() {
          if (!outcome.ignoreSigterm) exit(143, { signal: 15 });
        },
        kill() {
          exit(137, { signal: 9 });
        },
      };
    },
  };
}
