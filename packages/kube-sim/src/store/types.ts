/** The resources the simulator serves, by their REST (plural) name. */
export type ResourceName =
  | 'namespaces'
  | 'nodes'
  | 'pods'
  | 'configmaps'
  | 'secrets'
  | 'persistentvolumeclaims'
  | 'events'
  | 'jobs';

/** `metav1.OwnerReference`. */
export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}

/** `metav1.ObjectMeta`, the fields the simulator reads or sets. */
export interface ObjectMeta {
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
  ownerReferences?: OwnerReference[];
  /** Server-side apply bookkeeping (not maintained by the simulator; dropped on create). */
  managedFields?: unknown[];
}

/** Any stored Kubernetes object: plain JSON with `metadata`. */
export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata: ObjectMeta;
  [key: string]: unknown;
}

/** The type of a committed change, as watch events name it. */
export type StoreEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

/**
 * One committed write. `object` is the stored state after the write (the last state for DELETED)
 * and must not be mutated by listeners; `previous` is the state before it (absent for ADDED).
 */
export interface StoreEvent {
  type: StoreEventType;
  resource: ResourceName;
  object: KubeObject;
  previous?: KubeObject;
}

/** How dependents are treated when their owner is deleted. */
export type PropagationPolicy = 'Background' | 'Foreground' | 'Orphan';

/** Options of {@link ClusterStore.delete}, as `metav1.DeleteOptions` carries them. */
export interface StoreDeleteOptions {
  /** Default: `Orphan` for Jobs (as the real server), `Background` otherwise. */
  propagationPolicy?: PropagationPolicy;
  /** Pods: default `spec.terminationGracePeriodSeconds` (30); 0 removes at once. Ignored elsewhere. */
  gracePeriodSeconds?: number;
  /** Delete only if the object still has this uid / resourceVersion (409 Conflict otherwise). */
  preconditions?: { uid?: string; resourceVersion?: string };
}

/** Label and field selectors in their query-string syntax. */
export interface StoreSelectors {
  labelSelector?: string;
  fieldSelector?: string;
}
