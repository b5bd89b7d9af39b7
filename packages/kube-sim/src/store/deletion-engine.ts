import { conflict, failureStatus, ApiError, notFound } from './api-error.js';
import { deepCopy, isObject, rfc3339Seconds } from './object-util.js';
import { RESOURCE_NAMES, resourceInfo } from './resources.js';
import type { KubeObject, ResourceName, StoreDeleteOptions, StoreEventType } from './types.js';

/** What the deletion engine needs from the store (its private write path). */
export interface DeletionHost {
  now(): number;
  find(resource: ResourceName, namespace: string | undefined, name: string): KubeObject | undefined;
  findByUid(uid: string): { resource: ResourceName; object: KubeObject } | undefined;
  dependentsOf(ownerUid: string): { resource: ResourceName; object: KubeObject }[];
  scan(resource: ResourceName): Iterable<KubeObject>;
  commit(type: StoreEventType, resource: ResourceName, object: KubeObject, previous: KubeObject | undefined): KubeObject;
  /** Trusted update (no validation); finalizes the object when it is released. */
  update(resource: ResourceName, old: KubeObject, next: KubeObject): KubeObject;
}

const PROTECTED_NAMESPACES = new Set(['default', 'kube-system', 'kube-public', 'kube-node-lease']);
const FOREGROUND = 'foregroundDeletion';
const ORPHAN = 'orphan';

/**
 * Deletion with the real API server's and garbage collector's semantics, run synchronously:
 * graceful pod deletion, finalizers, propagation policies, owner-reference GC, namespace termination.
 */
export class DeletionEngine {
  readonly #host: DeletionHost;

  constructor(host: DeletionHost) {
    this.#host = host;
  }

  /** Deletes one object; see `ClusterStore.deleteObject`. */
  delete(resource: ResourceName, namespace: string | undefined, name: string, opts: StoreDeleteOptions): { object: KubeObject; removed: boolean } {
    const info = resourceInfo(resource);
    const obj = this.#host.find(resource, namespace, name);
    if (obj === undefined) throw notFound(info, name);
    const pre = opts.preconditions;
    if (pre?.uid !== undefined && pre.uid !== obj.metadata.uid) {
      throw conflict(info, name, `Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${obj.metadata.uid ?? ''}`);
    }
    if (pre?.resourceVersion !== undefined && pre.resourceVersion !== obj.metadata.resourceVersion) {
      throw conflict(info, name, `Precondition failed: ResourceVersion in precondition: ${pre.resourceVersion}, ResourceVersion in meta: ${obj.metadata.resourceVersion ?? ''}`);
    }
    if (resource === 'namespaces') return this.#deleteNamespace(obj);
    const policy = opts.propagationPolicy ?? (resource === 'jobs' ? 'Orphan' : 'Background');
    const grace = resource === 'pods' ? podGrace(obj, opts.gracePeriodSeconds) : 0;
    if (obj.metadata.deletionTimestamp !== undefined) {
      const current = obj.metadata.deletionGracePeriodSeconds ?? 0;
      if (resource === 'pods' && grace < current) {
        if (grace === 0 && (obj.metadata.finalizers ?? []).length === 0) return { object: this.#remove(resource, obj), removed: true };
        const next = deepCopy(obj);
        next.metadata.deletionTimestamp = rfc3339Seconds(this.#host.now() + grace * 1000);
        next.metadata.deletionGracePeriodSeconds = grace;
        return { object: this.#host.commit('MODIFIED', resource, next, obj), removed: false };
      }
      return { object: obj, removed: false };
    }
    const finalizers = [...(obj.metadata.finalizers ?? [])];
    if (policy === 'Foreground' && !finalizers.includes(FOREGROUND)) finalizers.push(FOREGROUND);
    if (policy === 'Orphan' && !finalizers.includes(ORPHAN)) finalizers.push(ORPHAN);
    if (finalizers.length === 0 && grace === 0) return { object: this.#remove(resource, obj), removed: true };
    const next = deepCopy(obj);
    next.metadata.deletionTimestamp = rfc3339Seconds(this.#host.now() + grace * 1000);
    next.metadata.deletionGracePeriodSeconds = grace;
    next.metadata.finalizers = finalizers;
    const held = this.#host.commit('MODIFIED', resource, next, obj);
    if (finalizers.includes(ORPHAN) && policy === 'Orphan') this.#orphan(resource, held);
    if (finalizers.includes(FOREGROUND) && policy === 'Foreground') this.#foreground(held);
    return { object: held, removed: false };
  }

  /** Removes an object whose deletion is no longer held (no finalizers, grace over); returns its state. */
  finalizeIfReleased(resource: ResourceName, obj: KubeObject): KubeObject {
    const meta = obj.metadata;
    if (meta.deletionTimestamp === undefined || (meta.finalizers ?? []).length > 0) return obj;
    if (resource === 'pods' && (meta.deletionGracePeriodSeconds ?? 0) > 0) return obj;
    if (resource === 'namespaces') return obj;
    return this.#remove(resource, obj);
  }

  #remove(resource: ResourceName, obj: KubeObject): KubeObject {
    const last = this.#host.commit('DELETED', resource, obj, obj);
    const uid = obj.metadata.uid ?? '';
    for (const dep of this.#host.dependentsOf(uid)) {
      const refs = dep.object.metadata.ownerReferences ?? [];
      const live = refs.filter((r) => r.uid !== uid && this.#host.findByUid(r.uid) !== undefined);
      if (live.length > 0) {
        this.#dropOwner(dep.resource, dep.object, uid);
      } else if (dep.object.metadata.deletionTimestamp === undefined) {
        this.#tryDelete(dep.resource, dep.object, 'Background');
      }
    }
    for (const ref of obj.metadata.ownerReferences ?? []) {
      const owner = this.#host.findByUid(ref.uid);
      if (owner !== undefined) this.#checkForeground(owner.resource, owner.object);
    }
    const ns = obj.metadata.namespace;
    if (resourceInfo(resource).namespaced && ns !== undefined) this.#checkNamespace(ns);
    return last;
  }

  #orphan(resource: ResourceName, owner: KubeObject): void {
    const uid = owner.metadata.uid ?? '';
    for (const dep of this.#host.dependentsOf(uid)) this.#dropOwner(dep.resource, dep.object, uid);
    const current = this.#host.findByUid(uid);
    if (current === undefined) return;
    const next = deepCopy(current.object);
    next.metadata.finalizers = (next.metadata.finalizers ?? []).filter((f) => f !== ORPHAN);
    this.#host.update(resource, current.object, next);
  }

  #foreground(owner: KubeObject): void {
    const uid = owner.metadata.uid ?? '';
    for (const dep of this.#host.dependentsOf(uid)) {
      if (dep.object.metadata.deletionTimestamp === undefined) this.#tryDelete(dep.resource, dep.object, 'Background');
    }
    const current = this.#host.findByUid(uid);
    if (current !== undefined) this.#checkForeground(current.resource, current.object);
  }

  #checkForeground(resource: ResourceName, owner: KubeObject): void {
    if (owner.metadata.deletionTimestamp === undefined || !(owner.metadata.finalizers ?? []).includes(FOREGROUND)) return;
    const uid = owner.metadata.uid ?? '';
    const blocking = this.#host.dependentsOf(uid).some((d) =>
      (d.object.metadata.ownerReferences ?? []).some((r) => r.uid === uid && r.blockOwnerDeletion === true));
    if (blocking) return;
    const next = deepCopy(owner);
    next.metadata.finalizers = (next.metadata.finalizers ?? []).filter((f) => f !== FOREGROUND);
    this.#host.update(resource, owner, next);
  }

  #dropOwner(resource: ResourceName, obj: KubeObject, ownerUid: string): void {
    const next = deepCopy(obj);
    const refs = (next.metadata.ownerReferences ?? []).filter((r) => r.uid !== ownerUid);
    if (refs.length === 0) delete next.metadata.ownerReferences;
    else next.metadata.ownerReferences = refs;
    this.#host.update(resource, obj, next);
  }

  #tryDelete(resource: ResourceName, obj: KubeObject, policy: 'Background'): void {
    const current = this.#host.findByUid(obj.metadata.uid ?? '');
    if (current === undefined) return;
    this.delete(resource, obj.metadata.namespace, obj.metadata.name ?? '', { propagationPolicy: policy });
  }

  #deleteNamespace(ns: KubeObject): { object: KubeObject; removed: boolean } {
    const name = ns.metadata.name ?? '';
    if (PROTECTED_NAMESPACES.has(name)) {
      throw new ApiError(failureStatus(403, 'Forbidden', `namespaces "${name}" is forbidden: this namespace may not be deleted`, { name, kind: 'namespaces' }));
    }
    if (ns.metadata.deletionTimestamp !== undefined) return { object: ns, removed: false };
    const next = deepCopy(ns);
    next.metadata.deletionTimestamp = rfc3339Seconds(this.#host.now());
    next.metadata.deletionGracePeriodSeconds = 0;
    next.status = { ...(isObject(next.status) ? next.status : {}), phase: 'Terminating' };
    const held = this.#host.commit('MODIFIED', 'namespaces', next, ns);
    for (const resource of RESOURCE_NAMES) {
      if (!resourceInfo(resource).namespaced) continue;
      const victims = [...this.#host.scan(resource)].filter((o) => o.metadata.namespace === name);
      for (const v of victims) {
        if (v.metadata.deletionTimestamp === undefined) this.#tryDelete(resource, v, 'Background');
      }
    }
    this.#checkNamespace(name);
    return { object: held, removed: false };
  }

  #checkNamespace(name: string): void {
    const ns = this.#host.find('namespaces', undefined, name);
    if (ns?.metadata.deletionTimestamp === undefined) return;
    for (const resource of RESOURCE_NAMES) {
      if (!resourceInfo(resource).namespaced) continue;
      for (const o of this.#host.scan(resource)) if (o.metadata.namespace === name) return;
    }
    this.#host.commit('DELETED', 'namespaces', ns, ns);
  }
}

function podGrace(pod: KubeObject, requested: number | undefined): number {
  const spec = isObject(pod.spec) ? pod.spec : {};
  const status = isObject(pod.status) ? pod.status : {};
  const bound = typeof spec.nodeName === 'string' && spec.nodeName !== '';
  const terminal = status.phase === 'Succeeded' || status.phase === 'Failed';
  if (!bound || terminal) return 0;
  if (requested !== undefined) return Math.max(0, requested);
  const fromSpec = spec.terminationGracePeriodSeconds;
  return typeof fromSpec === 'number' && fromSpec >= 0 ? fromSpec : 30;
}
