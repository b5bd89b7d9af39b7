/**
 * One pod on one simulated node, as the kubelet runs it: accept (`startTime`, ContainerCreating),
 * sandbox (PodReadyToStartContainers), init containers in order, regular containers, restarts in
 * place with CrashLoopBackOff, image pull and config errors, terminal phase, and graceful deletion
 * (SIGTERM, SIGKILL after the grace period, terminal phase, removal with grace 0).
 */
import type { PodStatusView, PodView } from '../kube-types.js';
import type { StoredObject } from '../store-port.js';
import { kubeTime } from '../time-format.js';
import { TimerGroup } from '../clock.js';
import { isBlocked, type ContainerExit } from './container-runtime.js';
import { enterCrashLoop, initialContainerStates, kubeletStatus, settleForTermination, type ContainerState } from './container-state.js';
import { terminatedState, toRunning, waitingStatus } from './container-status.js';
import { missingVolumeSource, resolveEnv } from './container-env.js';
import { KubeletConditions } from './pod-phase.js';
import type { LogInstance } from './pod-logs.js';
import { pullFailed } from './image-pull.js';
import type { WorkerDeps } from './worker-deps.js';

/** The kubelet's worker for one pod. */
export class PodWorker {
  private pod: PodView;
  private readonly conds = new KubeletConditions();
  private readonly containers: ContainerState[];
  private readonly timers: TimerGroup;
  private sandboxReady = false;
  private waitingForMounts = false;
  private deadlineKill = false;
  private podReason: { reason: string; message: string } | undefined;
  private initFailed = false;
  private deleting = false;
  private stoppingSidecars = false;
  private finishedPod = false;
  private destroyed = false;
  private readonly startTime: string;

  constructor(private readonly deps: WorkerDeps, pod: PodView) {
    this.pod = pod;
    this.startTime = kubeTime(deps.now());
    this.timers = new TimerGroup(deps.timers);
    this.containers = initialContainerStates(pod.spec.initContainers ?? [], pod.spec.containers, deps.timing.kubeletBackoffBaseMs);
  }

  /** Accepts the pod: `startTime`, IPs, conditions, waiting statuses; the sandbox follows after `podStartMs`. */
  accept(): void {
    this.writeStatus();
    this.schedule(() => this.onSandbox(), this.deps.timing.podStartMs);
    const ads = this.pod.spec.activeDeadlineSeconds;
    if (ads !== undefined) this.schedule(() => this.deadline(), ads * this.deps.timing.secondMs);
  }

  /** Takes the latest pod object; starts graceful termination when it got a deletionTimestamp. */
  update(pod: PodView): void {
    this.pod = pod;
    if (pod.metadata.deletionTimestamp === undefined) return;
    if (this.deadlineKill) {
      this.deadlineKill = false;
      if (this.finishedPod) this.removeFromStore();
      return;
    }
    if (!this.deleting) this.beginDeletion();
  }

  /** Pod `activeDeadlineSeconds` passed: kill the containers; the pod ends Failed/DeadlineExceeded. */
  private deadline(): void {
    if (this.deleting || this.finishedPod) return;
    this.deadlineKill = true;
    this.podReason = { reason: 'DeadlineExceeded', message: 'Pod was active on the node longer than the specified deadline' };
    this.event('Warning', 'DeadlineExceeded', this.podReason.message);
    this.beginDeletion();
  }

  /** Retries containers blocked on missing ConfigMaps/Secrets. */
  retryBlocked(): void {
    if (this.waitingForMounts) this.onSandbox();
    if (!this.sandboxReady || this.deleting || this.finishedPod) return;
    if (this.containers.some((c) => c.status.state.waiting?.reason === 'CreateContainerConfigError')) this.startNext();
  }

  /** Stops everything without writing (pod gone or simulator stopping). */
  destroy(): void {
    this.destroyed = true;
    this.timers.close();
    for (const c of this.containers) {
      const wasAlive = c.alive;
      c.alive = false;
      if (wasAlive) c.handle?.kill();
      c.log?.end();
    }
    this.deps.runtime.releasePod(this.pod.metadata.uid ?? '');
  }

  private schedule(fn: () => void, ms: number): void {
    this.timers.schedule(fn, ms);
  }

  private time(): string {
    return kubeTime(this.deps.now());
  }

  private event(type: 'Normal' | 'Warning', reason: string, message: string): void {
    this.deps.recorder.record(this.pod as unknown as StoredObject, type, reason, message, this.pod.spec.nodeName);
  }

  private onSandbox(): void {
    if (this.deleting || this.finishedPod || this.sandboxReady) return;
    this.waitingForMounts = false;
    const error = missingVolumeSource(this.pod, this.deps.lookup) ?? this.deps.runtime.preparePod(this.pod);
    if (error !== undefined) {
      this.event('Warning', 'FailedMount', error);
      this.waitingForMounts = true;
      this.schedule(() => this.onSandbox(), this.deps.timing.kubeletBackoffBaseMs);
      return;
    }
    this.sandboxReady = true;
    this.startNext();
  }

  /** Starts whatever may start now: the next init container, else every regular container not started. */
  private startNext(): void {
    if (this.deleting || this.finishedPod) return;
    const nextInit = this.containers.find((c) => c.init && !c.finished && !(c.sidecar && c.status.started === true));
    if (nextInit) {
      if (!nextInit.alive && !nextInit.exitedOnce) this.startContainer(nextInit);
      this.writeStatus();
      return;
    }
    for (const c of this.containers) {
      if (c.init || c.alive || c.finished || c.exitedOnce) continue;
      if (c.status.state.waiting?.reason === 'PodInitializing') c.status = waitingStatus(c.spec, 'ContainerCreating');
      this.startContainer(c);
    }
    this.writeStatus();
  }

  private startContainer(c: ContainerState): void {
    const { pod } = this;
    const image = c.spec.image ?? '';
    const base = { HOSTNAME: pod.spec.hostname ?? pod.metadata.name ?? '', ...this.deps.runtime.podEnv(pod) };
    const env = resolveEnv(pod, c.spec, this.deps.lookup, base);
    if (!env.ok) {
      c.status = { ...c.status, state: { waiting: { reason: 'CreateContainerConfigError', message: env.message } }, ready: false };
      this.event('Warning', 'Failed', `Error: ${env.message}`);
      this.schedule(() => this.retryBlocked(), this.deps.timing.kubeletBackoffBaseMs);
      return;
    }
    if (this.deps.failingImages.test(image)) {
      this.pullFailed(c, image);
      return;
    }
    const attempt = c.status.restartCount + (c.exitedOnce ? 1 : 0);
    // The log instance exists from the first output or the start, never for a container that cannot start.
    const log = (): LogInstance =>
      (c.log ??= this.deps.logs.startInstance(pod.metadata.namespace ?? '', pod.metadata.name ?? '', pod.metadata.uid ?? '', c.spec.name));
    c.log = undefined;
    c.alive = true;
    if (attempt === 0) this.event('Normal', 'Pulled', `Container image "${image}" already present on machine`);
    const result = this.deps.runtime.start(
      { pod, container: c.spec, init: c.init, env: env.env, attempt },
      {
        onStarted: () => {
          log();
          this.onStarted(c, attempt);
        },
        onOutput: (text) => log().append(text),
        onExit: (exit) => this.onExit(c, log(), exit),
      },
    );
    if (isBlocked(result)) {
      c.alive = false;
      if (result.reason === 'ErrImagePull') {
        this.pullFailed(c, image, result.message);
        return;
      }
      c.status = { ...c.status, state: { waiting: { reason: result.reason, message: result.message } }, ready: false };
      this.event('Warning', 'Failed', `Error: ${result.reason}`);
      this.schedule(() => this.retryContainer(c), c.pullDelay);
      return;
    }
    if (c.alive) c.handle = result;
  }

  private retryContainer(c: ContainerState): void {
    if (this.deleting || this.finishedPod || c.alive) return;
    this.startContainer(c);
    this.writeStatus();
  }

  private pullFailed(c: ContainerState, image: string, message?: string): void {
    pullFailed(c, image, {
      event: (type, reason, text) => this.event(type, reason, text),
      schedule: (fn, ms) => this.schedule(fn, ms),
      stopping: () => this.deleting || this.finishedPod,
      writeStatus: () => this.writeStatus(),
      retry: () => this.retryContainer(c),
      backOffAfterMs: this.deps.timing.podStartMs,
      maxDelayMs: this.deps.timing.kubeletBackoffMaxMs,
    }, message);
  }

  private onStarted(c: ContainerState, attempt: number): void {
    if (!c.alive) return;
    const startedAt = this.time();
    c.startedAt = startedAt;
    c.status = { ...toRunning(c.status, c.spec, startedAt, !c.init || c.sidecar), restartCount: attempt };
    this.event('Normal', 'Created', `Created container ${c.spec.name}`);
    this.event('Normal', 'Started', `Started container ${c.spec.name}`);
    if (c.sidecar) this.startNext();
    else this.writeStatus();
  }

  private onExit(c: ContainerState, instance: LogInstance, exit: ContainerExit): void {
    if (!c.alive) return;
    c.alive = false;
    c.handle = undefined;
    instance.end();
    const now = this.time();
    const terminated = terminatedState(exit, c.startedAt ?? now, now, c.status.containerID);
    c.startedAt = undefined;
    c.exitedOnce = true;
    const policy = c.sidecar ? 'Always' : (this.pod.spec.restartPolicy ?? 'Always');
    const restart = !this.deleting && !this.stoppingSidecars && !this.finishedPod && (policy === 'Always' || (policy === 'OnFailure' && exit.exitCode !== 0));
    if (!restart) {
      c.status = { ...c.status, state: { terminated }, ready: false };
      c.finished = true;
      if (c.init && !c.sidecar && exit.exitCode !== 0 && !this.deleting) this.initFailed = true;
      this.afterExit(c);
      return;
    }
    const first = c.status.restartCount === 0;
    c.status = { ...c.status, lastState: { terminated }, ready: false };
    if (first) {
      this.startContainer(c);
      this.writeStatus();
      return;
    }
    const delay = enterCrashLoop(c, this.pod.metadata, this.deps.timing.kubeletBackoffMaxMs);
    this.event('Warning', 'BackOff', 'Back-off restarting failed container');
    this.writeStatus();
    this.schedule(() => this.retryContainer(c), delay);
  }

  private afterExit(c: ContainerState): void {
    if (this.deleting || this.stoppingSidecars) {
      if (!this.containers.some((x) => x.alive)) this.finish();
      else this.writeStatus();
      return;
    }
    if (this.initFailed) {
      this.finish();
      return;
    }
    if (c.init && !c.sidecar) {
      this.startNext();
      return;
    }
    const regularDone = this.containers.every((x) => x.init || x.finished);
    if (!regularDone) {
      this.writeStatus();
      return;
    }
    const sidecars = this.containers.filter((x) => x.sidecar && x.alive);
    if (sidecars.length === 0) this.finish();
    else {
      this.stoppingSidecars = true;
      for (const s of sidecars) s.handle?.terminate();
    }
  }

  private beginDeletion(): void {
    this.deleting = true;
    this.timers.cancelAll();
    if (this.finishedPod) {
      this.removeFromStore();
      return;
    }
    const alive = settleForTermination(this.containers, this.time());
    for (const c of alive) this.event('Normal', 'Killing', `Stopping container ${c.spec.name}`);
    if (alive.length === 0) {
      this.finish();
      return;
    }
    const grace = this.pod.metadata.deletionGracePeriodSeconds ?? this.pod.spec.terminationGracePeriodSeconds ?? 30;
    for (const c of alive) c.handle?.terminate();
    this.schedule(() => {
      for (const c of this.containers) if (c.alive) c.handle?.kill();
    }, grace * this.deps.timing.secondMs);
  }

  private finish(): void {
    if (this.finishedPod) return;
    this.finishedPod = true;
    this.writeStatus();
    this.deps.runtime.releasePod(this.pod.metadata.uid ?? '');
    if (this.deleting && !this.deadlineKill) this.removeFromStore();
  }

  private removeFromStore(): void {
    const { namespace, name } = this.pod.metadata;
    this.deps.store.delete('pods', namespace, name ?? '', { gracePeriodSeconds: 0 });
  }

  private writeStatus(): void {
    if (this.destroyed) return;
    const facts = {
      restartPolicy: this.pod.spec.restartPolicy ?? 'Always',
      initFailed: this.initFailed,
      sandboxReady: this.sandboxReady,
      finished: this.finishedPod,
      deleting: this.deleting,
      hostIP: this.deps.hostIP,
      podIP: this.deps.podIP,
      startTime: this.startTime,
    };
    const mine = kubeletStatus(this.containers, facts, this.conds, this.time());
    if (this.podReason) Object.assign(mine, this.podReason);
    this.deps.store.mutate('pods', this.pod.metadata.namespace, this.pod.metadata.name ?? '', (o) => {
      const old = (o['status'] ?? {}) as PodStatusView;
      o['status'] = structuredClone({ ...old, ...mine, conditions: this.conds.merge(old.conditions) });
    }, { subresource: 'status' });
  }
}
