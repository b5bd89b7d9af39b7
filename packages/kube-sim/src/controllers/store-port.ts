/**
 * The part of the API half's `ClusterStore` the controllers use (see INTERFACE.md). Declared here
 * structurally so the controllers compile and test against any store with these methods.
 */

import type { ResourceName } from '../store/types.js';

/** Resources the store holds (the store's own list; a type only, so no runtime coupling). */
export type { ResourceName };

/** An owner reference as the API writes it. */
export interface OwnerRef {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}

/** `metadata` of any stored object. */
export interface ObjectMetaView {
  name?: string;
  generateName?: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  deletionGracePeriodSeconds?: number;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  finalizers?: string[];
  ownerReferences?: OwnerRef[];
}

/** Any stored object: metadata plus untyped fields. */
export interface StoredObject {
  apiVersion?: string;
  kind?: string;
  metadata: ObjectMetaView;
  [key: string]: unknown;
}

/** One committed write, as the store reports it to subscribers. */
export interface StoreChange {
  type: 'ADDED' | 'MODIFIED' | 'DELETED';
  resource: ResourceName;
  object: StoredObject;
}

/** Options of {@link StorePort.delete}, as the real DeleteOptions. */
export interface DeleteOpts {
  propagationPolicy?: 'Background' | 'Foreground' | 'Orphan';
  gracePeriodSeconds?: number;
}

/**
 * The store methods the controllers call. `mutate` returns `undefined` when the object is gone;
 * `create`, `mutate` and `delete` throw the store's `ApiError` on rejection.
 */
export interface StorePort {
  get(resource: ResourceName, namespace: string | undefined, name: string): StoredObject | undefined;
  list(resource: ResourceName, namespace?: string): StoredObject[];
  create(resource: ResourceName, namespace: string | undefined, body: StoredObject): StoredObject;
  mutate(
    resource: ResourceName,
    namespace: string | undefined,
    name: string,
    fn: (obj: StoredObject) => void,
    opts?: { subresource?: 'status' },
  ): StoredObject | undefined;
  delete(resource: ResourceName, namespace: string | undefined, name: string, opts?: DeleteOpts): StoredObject | undefined;
  subscribe(listener: (event: StoreChange) => void): () => void;
}

/** `namespace/name` (or `name` for cluster-scoped objects): the key caches and queues use. */
export function objectKey(obj: StoredObject): string {
  const ns = obj.metadata.namespace;
  return ns ? `${ns}/${obj.metadata.name ?? ''}` : (obj.metadata.name ?? '');
}

/** Splits a key made by {@link objectKey}. */
export function splitKey(key: string): { namespace: string | undefined; name: string } {
  const slash = key.indexOf('/');
  return slash < 0 ? { namespace: undefined, name: key } : { namespace: key.slice(0, slash), name: key.slice(slash + 1) };
}
