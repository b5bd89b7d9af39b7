import { objectKey } from './object-util.js';
import { resourceInfo } from './resources.js';
import type { KubeObject, ResourceName } from './types.js';

/** Where an object lives: its resource and its object. */
export interface IndexedObject {
  resource: ResourceName;
  object: KubeObject;
}

/**
 * The store's tables: objects by resource and `namespace/name`, plus indexes by uid and by owner
 * uid (for garbage collection). Holds stored objects as they are; never copies.
 */
export class ObjectIndex {
  readonly #tables = new Map<ResourceName, Map<string, KubeObject>>();
  readonly #byUid = new Map<string, { resource: ResourceName; key: string }>();
  readonly #dependents = new Map<string, Set<string>>();

  /** The table of one resource (created empty on first use). */
  table(resource: ResourceName): Map<string, KubeObject> {
    let table = this.#tables.get(resource);
    if (table === undefined) {
      table = new Map();
      this.#tables.set(resource, table);
    }
    return table;
  }

  /** One object by name (cluster-scoped resources ignore `namespace`). */
  find(resource: ResourceName, namespace: string | undefined, name: string): KubeObject | undefined {
    const ns = resourceInfo(resource).namespaced ? namespace : undefined;
    return this.table(resource).get(objectKey(ns, name));
  }

  /** One object by uid. */
  findByUid(uid: string): IndexedObject | undefined {
    const where = this.#byUid.get(uid);
    if (where === undefined) return undefined;
    const object = this.table(where.resource).get(where.key);
    return object === undefined ? undefined : { resource: where.resource, object };
  }

  /** Objects whose ownerReferences name `ownerUid`. */
  dependentsOf(ownerUid: string): IndexedObject[] {
    const out: IndexedObject[] = [];
    for (const uid of this.#dependents.get(ownerUid) ?? []) {
      const found = this.findByUid(uid);
      if (found !== undefined) out.push(found);
    }
    return out;
  }

  /** Stores (or replaces) an object; `previous` is its former state, for the owner index. */
  put(resource: ResourceName, object: KubeObject, previous: KubeObject | undefined): void {
    const key = objectKey(object.metadata.namespace, object.metadata.name ?? '');
    const uid = object.metadata.uid ?? '';
    this.table(resource).set(key, object);
    this.#byUid.set(uid, { resource, key });
    this.#indexOwners(uid, previous, object);
  }

  /** Removes an object (its last stored state is `previous`). */
  remove(resource: ResourceName, object: KubeObject, previous: KubeObject | undefined): void {
    const uid = object.metadata.uid ?? '';
    this.table(resource).delete(objectKey(object.metadata.namespace, object.metadata.name ?? ''));
    this.#byUid.delete(uid);
    this.#indexOwners(uid, previous, undefined);
  }

  #indexOwners(uid: string, previous: KubeObject | undefined, current: KubeObject | undefined): void {
    for (const ref of previous?.metadata.ownerReferences ?? []) {
      const set = this.#dependents.get(ref.uid);
      set?.delete(uid);
      if (set?.size === 0) this.#dependents.delete(ref.uid);
    }
    for (const ref of current?.metadata.ownerReferences ?? []) {
      let set = this.#dependents.get(ref.uid);
      if (set === undefined) {
        set = new Set();
        this.#dependents.set(ref.uid, set);
      }
      set.add(uid);
    }
  }
}
