/**
 * The simulated kubelets of every node: one {@link PodWorker} per pod bound to an existing node,
 * created when the pod is first seen bound, updated on changes (deletion starts graceful
 * termination), destroyed when the pod object is gone. Also does the pod GC's job for unbound
 * terminating pods (marks them Failed with DisruptionTarget/DeletionByPodGC) and removes terminal
 * pods that still wait for a grace period.
 */
import type { TimerSet } from '../clock.js';
import type { EventRecorder } from '../event-recorder.js';
import { asNode, asPod, isPodTerminal, type ConditionView, type PodView } from '../kube-types.js';
import type { CacheChange, ObjectCache } from '../object-cache.js';
import type { TimingOptions } from '../options.js';
import { objectKey, splitKey, type StorePort } from '../store-port.js';
import { kubeTime } from '../time-format.js';
import { WorkQueue } from '../work-queue.js';
import type { ConfigLookup } from './container-env.js';
import type { ContainerRuntime } from './container-runtime.js';
import { PodLogStore } from './pod-logs.js';
import { PodWorker } from './pod-worker.js';

/** Settings of the kubelets. */
export interface KubeletSettings {
  timing: TimingOptions;
  failingImages: RegExp;
  now: () => number;
}

function decodeSecretData(obj: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  const data = (obj['data'] ?? {}) as Record<string, string>;
  for (const [k, v] of Object.entries(data)) out[k] = Buffer.from(v, 'base64').toString('utf8');
  const stringData = (obj['stringData'] ?? {}) as Record<string, string>;
  for (const [k, v] of Object.entries(stringData)) out[k] = v;
  return out;
}

/** The kubelets. */
export class Kubelet {
  readonly logs: PodLogStore;
  private readonly workers = new Map<string, { uid: string; worker: PodWorker }>();
  private readonly queue: WorkQueue;
  private readonly ipCounters = new Map<string, number>();
  readonly lookup: ConfigLookup;

  constructor(
    private readonly store: StorePort,
    private readonly cache: ObjectCache,
    private readonly runtime: ContainerRuntime,
    private readonly settings: KubeletSettings,
    private readonly timers: TimerSet,
    private readonly recorder: EventRecorder,
    onError: (key: string, error: unknown) => void,
  ) {
    this.logs = new PodLogStore(settings.now);
    this.queue = new WorkQueue(timers, settings.now, (key) => this.sync(key), onError);
    this.lookup = {
      configMap: (ns, name) => {
        const cm = this.cache.get('configmaps', `${ns}/${name}`);
        return cm ? { ...((cm['data'] ?? {}) as Record<string, string>) } : undefined;
      },
      secret: (ns, name) => {
        const s = this.cache.get('secrets', `${ns}/${name}`);
        return s ? decodeSecretData(s) : undefined;
      },
    };
  }

  /** Subscribes and picks up pods already bound. */
  start(): void {
    this.cache.onChange((change) => this.onChange(change));
    for (const pod of this.cache.list('pods')) this.queue.add(objectKey(pod));
  }

  /** Destroys every worker (kills processes) and stops the runtime. */
  async stop(): Promise<void> {
    for (const { worker } of this.workers.values()) worker.destroy();
    this.workers.clear();
    await this.runtime.stop();
  }

  private onChange(change: CacheChange): void {
    if (change.resource === 'pods') this.queue.add(objectKey(change.object));
    else if (change.resource === 'configmaps' || change.resource === 'secrets') {
      const ns = change.object.metadata.namespace;
      for (const [key, { worker }] of this.workers) if (splitKey(key).namespace === ns) worker.retryBlocked();
    } else if (change.resource === 'nodes' && change.type === 'ADDED') {
      for (const pod of this.cache.list('pods')) if (asPod(pod).spec.nodeName === change.object.metadata.name) this.queue.add(objectKey(pod));
    }
  }

  private sync(key: string): void {
    const obj = this.cache.get('pods', key);
    const entry = this.workers.get(key);
    if (!obj) {
      if (entry) {
        entry.worker.destroy();
        this.workers.delete(key);
        const { namespace, name } = splitKey(key);
        this.logs.removePod(namespace ?? '', name, entry.uid);
      }
      return;
    }
    const pod = asPod(obj);
    const uid = pod.metadata.uid ?? '';
    if (entry && entry.uid !== uid) {
      entry.worker.destroy();
      this.workers.delete(key);
    }
    const nodeName = pod.spec.nodeName;
    if (!nodeName) {
      if (pod.metadata.deletionTimestamp !== undefined && !isPodTerminal(pod)) this.gcUnscheduled(pod);
      return;
    }
    const existing = this.workers.get(key);
    if (existing) {
      existing.worker.update(pod);
      return;
    }
    if (isPodTerminal(pod)) {
      if (pod.metadata.deletionTimestamp !== undefined && (pod.metadata.deletionGracePeriodSeconds ?? 0) > 0) {
        this.store.delete('pods', pod.metadata.namespace, pod.metadata.name ?? '', { gracePeriodSeconds: 0 });
      }
      return;
    }
    const node = this.cache.get('nodes', nodeName);
    if (!node) return;
    const worker = new PodWorker(
      {
        store: this.store,
        runtime: this.runtime,
        logs: this.logs,
        timers: this.timers,
        now: this.settings.now,
        timing: this.settings.timing,
        failingImages: this.settings.failingImages,
        lookup: this.lookup,
        recorder: this.recorder,
        hostIP: asNode(node).status?.addresses?.find((a) => a.type === 'InternalIP')?.address ?? '172.18.0.2',
        podIP: this.nextPodIp(nodeName, node.spec),
      },
      pod,
    );
    this.workers.set(key, { uid, worker });
    worker.accept();
    if (pod.metadata.deletionTimestamp !== undefined) worker.update(pod);
  }

  private nextPodIp(nodeName: string, spec: unknown): string {
    const cidr = (spec as { podCIDR?: string } | undefined)?.podCIDR ?? '10.244.0.0/24';
    const n = (this.ipCounters.get(nodeName) ?? 1) + 1;
    this.ipCounters.set(nodeName, n);
    const [a = '10', b = '244', c = '0'] = cidr.split('/')[0]?.split('.') ?? [];
    const third = Number(c) + Math.floor(n / 254);
    return `${a}.${b}.${third % 256}.${(n % 254) + 1}`;
  }

  private gcUnscheduled(pod: PodView): void {
    const time = kubeTime(this.settings.now());
    this.store.mutate('pods', pod.metadata.namespace, pod.metadata.name ?? '', (o) => {
      const status = (o['status'] ?? {}) as { phase?: string; conditions?: ConditionView[] };
      status.phase = 'Failed';
      const conditions = (status.conditions ?? []).filter((c) => c.type !== 'DisruptionTarget');
      conditions.push({ type: 'DisruptionTarget', status: 'True', reason: 'DeletionByPodGC', message: 'PodGC: node no longer exists', lastProbeTime: null, lastTransitionTime: time });
      status.conditions = conditions;
      o['status'] = status;
    }, { subresource: 'status' });
  }
}
