/**
 * The `process` container runtime: each container instance is a child process (no shell) running
 * `command` + `args` (or `args` alone when `command` is empty), with the container environment plus
 * `PATH` from the host and `KUBE_SIM_ROOT` (the pod's rootfs folder, see scratch-volumes.ts);
 * `$(VAR)` in command, args and env values is expanded as Kubernetes does, including
 * `$(KUBE_SIM_ROOT)`. The working directory is `workingDir` mapped under the rootfs (default the
 * rootfs). stdout and stderr are the log; exit code and signal are reported as a runtime would
 * (signal N → exit code 128+N). Processes run in their own process group, so SIGTERM/SIGKILL reach
 * the whole group.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { constants } from 'node:os';
import { StringDecoder } from 'node:string_decoder';
import { expandVars, type ConfigLookup } from './container-env.js';
import type { ContainerCallbacks, ContainerHandle, ContainerRuntime, ContainerStart, StartBlocked } from './container-runtime.js';
import { inside, preparePodScratch, type PodScratch } from './scratch-volumes.js';

function signalNumber(signal: NodeJS.Signals): number {
  return constants.signals[signal] ?? 9;
}

function sendGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    try {
      child.kill(signal);
    } catch {
      // already gone
    }
  }
}

/** Creates the process runtime with its scratch root under `scratchDir` (default `os.tmpdir()`). */
export function processRuntime(lookup: ConfigLookup, scratchDir: string = tmpdir()): ContainerRuntime {
  let root: string | undefined;
  const pods = new Map<string, PodScratch>();
  const children = new Set<ChildProcess>();
  const ensureRoot = (): string => (root ??= mkdtempSync(join(scratchDir, 'kube-sim-')));

  return {
    preparePod(pod) {
      const uid = pod.metadata.uid ?? '';
      if (pods.has(uid)) return undefined;
      const result = preparePodScratch(ensureRoot(), pod, lookup);
      if (typeof result === 'string') return result;
      pods.set(uid, result);
      return undefined;
    },
    podEnv(pod): Record<string, string> {
      const scratch = pods.get(pod.metadata.uid ?? '');
      return scratch ? { KUBE_SIM_ROOT: scratch.rootfs } : {};
    },
    releasePod(uid) {
      const scratch = pods.get(uid);
      if (!scratch) return;
      pods.delete(uid);
      rmSync(scratch.dir, { recursive: true, force: true });
    },
    async stop() {
      const exits = [...children].map((child) => new Promise<void>((done) => {
        if (child.exitCode !== null || child.signalCode !== null) return done();
        child.once('exit', () => done());
        sendGroup(child, 'SIGKILL');
      }));
      await Promise.all(exits);
      children.clear();
      pods.clear();
      if (root) rmSync(root, { recursive: true, force: true });
      root = undefined;
    },
    start(spec: ContainerStart, cb: ContainerCallbacks): ContainerHandle | StartBlocked {
      const scratch = pods.get(spec.pod.metadata.uid ?? '');
      if (!scratch) return { blocked: true, reason: 'CreateContainerError', message: 'pod sandbox is not ready' };
      const env: Record<string, string> = { PATH: process.env['PATH'] ?? '/usr/bin:/bin', ...spec.env };
      const argv = [...(spec.container.command ?? []), ...(spec.container.args ?? [])].map((a) => expandVars(a, spec.env));
      const file = argv.shift();
      let exited = false;
      const exit = (code: number | null, signal: NodeJS.Signals | null, message?: string): void => {
        if (exited) return;
        exited = true;
        if (signal) cb.onExit({ exitCode: 128 + signalNumber(signal), signal: signalNumber(signal) });
        else if (message !== undefined) cb.onExit({ exitCode: 128, reason: 'StartError', message });
        else cb.onExit({ exitCode: code ?? 0 });
      };
      if (file === undefined) {
        queueMicrotask(() => exit(null, null, 'failed to create containerd task: no command specified'));
        return { terminate: () => undefined, kill: () => undefined };
      }
      const cwd = spec.container.workingDir ? inside(scratch.rootfs, spec.container.workingDir) : scratch.rootfs;
      const child = spawn(file, argv, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
      children.add(child);
      let started = false;
      for (const stream of [child.stdout, child.stderr]) {
        const decoder = new StringDecoder('utf8');
        stream?.on('data', (chunk: Buffer) => cb.onOutput(decoder.write(chunk)));
      }
      child.once('spawn', () => {
        started = true;
        cb.onStarted();
      });
      child.once('error', (error) => {
        children.delete(child);
        if (!started) exit(null, null, `failed to create containerd task: exec: "${file}": ${error.message}`);
      });
      child.once('close', (code, signal) => {
        children.delete(child);
        exit(code, signal);
      });
      return {
        terminate: () => sendGroup(child, 'SIGTERM'),
        kill: () => sendGroup(child, 'SIGKILL'),
      };
    },
  };
}
