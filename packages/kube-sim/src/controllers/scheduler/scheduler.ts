/**
 * The scheduler: binds Pending pods without `nodeName` (default scheduler, no scheduling gates) to
 * a node passing every filter, preferring the least requested node; otherwise writes
 * `PodScheduled=False/Unschedulable` with the real message and retries when nodes or bound pods
 * change. Node usage is tracked incrementally from the cache.
 */
import type { TimerSet } from '../clock.js';
import type { EventRecorder } from '../event-recorder.js';
import { asNode, asPod, isPodTerminal, type ConditionView, type NodeView, type PodView } from '../kube-types.js';
import type { CacheChange, ObjectCache } from '../object-cache.js';
import { stableJson } from '../stable-json.js';
import { objectKey, type StorePort, type StoredObject } from '../store-port.js';
import { kubeTime } from '../time-format.js';
import { filterNode, parseAllocatable, type NodeUsage } from './node-filters.js';
import { podRequests, type ResourceList } from './pod-requests.js';
import { unschedulableMessage } from './unschedulable-message.js';

interface Bound {
  node: string;
  requests: ResourceList;
}

function needsScheduling(pod: PodView): boolean {
  return (
    !pod.spec.nodeName &&
    !isPodTerminal(pod) &&
    pod.metadata.deletionTimestamp === undefined &&
    (pod.spec.schedulerName ?? 'default-scheduler') === 'default-scheduler' &&
    (pod.spec.schedulingGates ?? []).length === 0
  );
}

/** The scheduler controller. */
export class Scheduler {
  private readonly bound = new Map<string, Bound>();
  private readonly usage = new Map<string, NodeUsage>();
  private readonly pending = new Set<string>();
  private readonly shapes = new Map<string, { requests: ResourceList; shape: string }>();
  private cancelPass: (() => void) | undefined;

  constructor(
    private readonly store: StorePort,
    private readonly cache: ObjectCache,
    private readonly delayMs: number,
    private readonly now: () => number,
    private readonly timers: TimerSet,
    private readonly recorder: EventRecorder,
    private readonly onError: (key: string, error: unknown) => void,
  ) {}

  /** Subscribes and schedules what is already pending. */
  start(): void {
    this.cache.onChange((change) => this.onChange(change));
    for (const pod of this.cache.list('pods')) this.track(pod);
    this.requestPass();
  }

  private onChange(change: CacheChange): void {
    if (change.resource === 'nodes') this.requestPass();
    if (change.resource !== 'pods') return;
    const key = objectKey(change.object);
    if (change.type === 'DELETED') {
      this.pending.delete(key);
      this.shapes.delete(key);
      if (this.release(key)) this.requestPass();
      return;
    }
    if (this.track(change.object)) this.requestPass();
  }

  /** Updates bookkeeping for one pod; returns whether a pass is useful. */
  private track(obj: StoredObject): boolean {
    const pod = asPod(obj);
    const key = objectKey(obj);
    if (needsScheduling(pod)) {
      const isNew = !this.pending.has(key);
      this.pending.add(key);
      return isNew;
    }
    this.pending.delete(key);
    this.shapes.delete(key);
    const node = pod.spec.nodeName;
    if (node && !isPodTerminal(pod)) {
      if (!this.bound.has(key)) this.account(key, { node, requests: podRequests(pod.spec) }, 1);
      return false;
    }
    return this.release(key);
  }

  private release(key: string): boolean {
    const b = this.bound.get(key);
    if (!b) return false;
    this.account(key, b, -1);
    return true;
  }

  private account(key: string, b: Bound, sign: 1 | -1): void {
    if (sign > 0) this.bound.set(key, b);
    else this.bound.delete(key);
    let u = this.usage.get(b.node);
    if (!u) this.usage.set(b.node, (u = { requested: new Map(), pods: 0 }));
    u.pods += sign;
    for (const [k, v] of b.requests) u.requested.set(k, (u.requested.get(k) ?? 0n) + (sign > 0 ? v : -v));
  }

  private requestPass(): void {
    if (this.cancelPass || this.pending.size === 0) return;
    this.cancelPass = this.timers.schedule(() => {
      this.cancelPass = undefined;
      try {
        this.pass();
      } catch (error) {
        this.onError('scheduler', error);
      }
    }, this.delayMs);
  }

  private pass(): void {
    const nodes = [...this.cache.list('nodes')]
      .map(asNode)
      .sort((a, b) => (a.metadata.name ?? '').localeCompare(b.metadata.name ?? ''))
      .map((node) => ({ node, allocatable: parseAllocatable(node) }));
    const pods = [...this.pending].map((k) => this.cache.get('pods', k)).filter((p): p is StoredObject => p !== undefined);
    pods.sort((a, b) => (a.metadata.creationTimestamp ?? '').localeCompare(b.metadata.creationTimestamp ?? ''));
    const failedShapes = new Map<string, string>();
    for (const obj of pods) {
      const pod = asPod(obj);
      if (!needsScheduling(pod)) continue;
      const { requests, shape } = this.shapeOf(objectKey(obj), pod);
      const known = failedShapes.get(shape);
      if (known !== undefined) {
        this.markUnschedulable(obj, known);
        continue;
      }
      const reasons: string[][] = [];
      let best: { node: NodeView; score: bigint } | undefined;
      for (const { node, allocatable } of nodes) {
        const name = node.metadata.name ?? '';
        const usage = this.usage.get(name) ?? { requested: new Map(), pods: 0 };
        const r = filterNode(pod.spec, requests, node, usage, allocatable);
        reasons.push(r);
        if (r.length > 0) continue;
        const score = this.freeScore(allocatable, usage, requests);
        if (!best || score > best.score) best = { node, score };
      }
      if (best) this.bind(obj, best.node, requests);
      else {
        const message = unschedulableMessage(reasons);
        failedShapes.set(shape, message);
        this.markUnschedulable(obj, message);
      }
    }
  }

  private shapeOf(key: string, pod: PodView): { requests: ResourceList; shape: string } {
    let entry = this.shapes.get(key);
    if (!entry) {
      const requests = podRequests(pod.spec);
      const list = [...requests].map(([k, v]) => [k, String(v)]);
      entry = { requests, shape: stableJson([pod.spec.nodeSelector, pod.spec.affinity, pod.spec.tolerations, list]) };
      this.shapes.set(key, entry);
    }
    return entry;
  }

  /** Least-allocated score: free cpu + memory per mille of allocatable, summed. */
  private freeScore(allocatable: ResourceList, usage: NodeUsage, requests: ResourceList): bigint {
    let score = 0n;
    for (const r of ['cpu', 'memory']) {
      const alloc = allocatable.get(r) ?? 0n;
      if (alloc <= 0n) continue;
      const used = (usage.requested.get(r) ?? 0n) + (requests.get(r) ?? 0n);
      score += ((alloc - used) * 1000n) / alloc;
    }
    return score * 1000n - BigInt(usage.pods);
  }

  private bind(obj: StoredObject, node: NodeView, requests: ResourceList): void {
    const nodeName = node.metadata.name ?? '';
    const key = objectKey(obj);
    this.pending.delete(key);
    this.account(key, { node: nodeName, requests }, 1);
    const time = kubeTime(this.now());
    const result = this.store.mutate('pods', obj.metadata.namespace, obj.metadata.name ?? '', (o) => {
      const spec = o['spec'] as { nodeName?: string };
      spec.nodeName = nodeName;
      const status = (o['status'] ??= {}) as { conditions?: ConditionView[] };
      const conditions = (status.conditions ?? []).filter((c) => c.type !== 'PodScheduled');
      conditions.push({ type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: time });
      status.conditions = conditions;
    });
    if (!result) {
      this.release(key);
      return;
    }
    this.recorder.record(obj, 'Normal', 'Scheduled', `Successfully assigned ${obj.metadata.namespace ?? ''}/${obj.metadata.name ?? ''} to ${nodeName}`);
  }

  private markUnschedulable(obj: StoredObject, message: string): void {
    const pod = asPod(obj);
    const current = pod.status?.conditions?.find((c) => c.type === 'PodScheduled');
    if (current?.status === 'False' && current.reason === 'Unschedulable' && current.message === message) return;
    const time = kubeTime(this.now());
    this.store.mutate('pods', obj.metadata.namespace, obj.metadata.name ?? '', (o) => {
      const status = (o['status'] ??= {}) as { conditions?: ConditionView[] };
      const conditions = (status.conditions ?? []).filter((c) => c.type !== 'PodScheduled');
      conditions.push({ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message, lastProbeTime: null, lastTransitionTime: time });
      status.conditions = conditions;
    });
    this.recorder.record(obj, 'Warning', 'FailedScheduling', message);
  }
}
