/**
 * An informer-like cache of the store, shared by all controllers: the latest object per key for the
 * resources the controllers read, plus indexes of pods by controlling owner and by node. Listeners
 * run after the cache is updated, synchronously inside the store's write, so they must only record
 * work (enqueue), never write back to the store directly.
 */
import type { ResourceName, StoreChange, StorePort, StoredObject } from './store-port.js';
import { objectKey } from './store-port.js';

const CACHED: readonly ResourceName[] = ['nodes', 'pods', 'jobs', 'configmaps', 'secrets', 'persistentvolumeclaims'];

/** A cache change: the event plus the previous cached object (if any). */
export interface CacheChange extends StoreChange {
  old: StoredObject | undefined;
}

/** The shared cache; {@link start} lists and subscribes, {@link stop} unsubscribes. */
export class ObjectCache {
  private readonly maps = new Map<ResourceName, Map<string, StoredObject>>();
  private readonly byOwner = new Map<string, Map<string, StoredObject>>();
  private readonly listeners: ((change: CacheChange) => void)[] = [];
  private unsubscribe: (() => void) | undefined;

  constructor(private readonly store: StorePort) {
    for (const r of CACHED) this.maps.set(r, new Map());
  }

  /** Fills the cache from `store.list` and subscribes to changes. */
  start(): void {
    this.unsubscribe = this.store.subscribe((event) => this.apply(event));
    for (const resource of CACHED) {
      for (const obj of this.store.list(resource)) this.apply({ type: 'ADDED', resource, object: obj }, false);
    }
  }

  /** Stops listening; the cache keeps its last contents. */
  stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }

  /** Registers a listener called after every change of a cached resource. */
  onChange(listener: (change: CacheChange) => void): void {
    this.listeners.push(listener);
  }

  /** The cached object by `namespace/name` key (name alone for nodes). */
  get(resource: ResourceName, key: string): StoredObject | undefined {
    return this.maps.get(resource)?.get(key);
  }

  /** All cached objects of a resource. */
  list(resource: ResourceName): IterableIterator<StoredObject> {
    return (this.maps.get(resource) ?? new Map<string, StoredObject>()).values();
  }

  /** Number of cached objects of a resource. */
  count(resource: ResourceName): number {
    return this.maps.get(resource)?.size ?? 0;
  }

  /** Pods whose controlling owner reference has this uid. */
  podsOwnedBy(uid: string): StoredObject[] {
    return [...(this.byOwner.get(uid)?.values() ?? [])];
  }

  private apply(event: StoreChange, notify = true): void {
    const map = this.maps.get(event.resource);
    if (!map) return;
    const key = objectKey(event.object);
    const old = map.get(key);
    if (event.type === 'DELETED') map.delete(key);
    else map.set(key, event.object);
    if (event.resource === 'pods') {
      if (old) this.unindex(old, key);
      if (event.type !== 'DELETED') this.index(event.object, key);
    }
    if (!notify) return;
    const change: CacheChange = { ...event, old };
    for (const listener of this.listeners) listener(change);
  }

  private index(pod: StoredObject, key: string): void {
    const uid = controllerUid(pod);
    if (!uid) return;
    let m = this.byOwner.get(uid);
    if (!m) this.byOwner.set(uid, (m = new Map<string, StoredObject>()));
    m.set(key, pod);
  }

  private unindex(pod: StoredObject, key: string): void {
    const uid = controllerUid(pod);
    if (!uid) return;
    const m = this.byOwner.get(uid);
    m?.delete(key);
    if (m?.size === 0) this.byOwner.delete(uid);
  }
}

/** The uid of the controlling owner reference, if any. */
export function controllerUid(obj: StoredObject): string | undefined {
  return obj.metadata.ownerReferences?.find((r) => r.controller === true)?.uid;
}
