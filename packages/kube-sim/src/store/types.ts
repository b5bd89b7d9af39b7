/** The resources the simulator serves, by their REST (plural) name. */
export type ResourceName =
  | 'namespaces'
  | 'nodes'
  | 'pods'
  | 'configmaps'
  | 'secrets'
  | 'persistentvolumeclaims'
  | 'events'
  | 'serviceaccounts'
  | 'jobs'
  | 'roles'
  | 'clusterroles'
  | 'rolebindings'
  | 'clusterrolebindings';

/** `metav1.OwnerReference`. */
export interface OwnerReference {
  /** Owner's apiVersion (`batch/v1`). */
  apiVersion: string;
  /** Owner's kind (`Job`). */
  kind: string;
  /** Owner's name. */
  name: string;
  /** Owner's uid (an owner with another uid counts as gone). */
  uid: string;
  /** Whether the owner is the managing controller. */
  controller?: boolean;
  /** Whether Foreground deletion of the owner waits for this dependent. */
  blockOwnerDeletion?: boolean;
}

/** `metav1.ObjectMeta`, the fields the simulator reads or sets. */
export interface ObjectMeta {
  /** Object name, unique per resource and namespace. */
  name?: string;
  /** Prefix the server completes with 5 random characters when `name` is empty. */
  generateName?: string;
  /** Namespace (absent for cluster-scoped objects). */
  namespace?: string;
  /** Server-set UUID. */
  uid?: string;
  /** Server-set version (the global counter at the last write). */
  resourceVersion?: string;
  /** Server-set; grows when `spec` changes (Jobs, Pods). */
  generation?: number;
  /** Server-set RFC3339 time in whole seconds. */
  creationTimestamp?: string;
  /** Set when deletion started and the object is held (grace period or finalizers). */
  deletionTimestamp?: string;
  /** Grace period of a pending deletion. */
  deletionGracePeriodSeconds?: number;
  /** Labels (selectable). */
  labels?: Record<string, string>;
  /** Annotations (at most 256 KiB in total). */
  annotations?: Record<string, string>;
  /** Finalizers holding the object on deletion. */
  finalizers?: string[];
  /** Owners, for garbage collection. */
  ownerReferences?: OwnerReference[];
  /** Server-side apply bookkeeping (not maintained by the simulator; dropped on create). */
  managedFields?: unknown[];
}

/** Any stored Kubernetes object: plain JSON with `metadata`. */
export interface KubeObject {
  /** `v1`, `batch/v1`, ... */
  apiVersion?: string;
  /** `Job`, `Pod`, ... */
  kind?: string;
  /** Object metadata. */
  metadata: ObjectMeta;
  /** `spec`, `status`, `data`, ... as the resource defines them. */
  [key: string]: unknown;
}

/** The type of a committed change, as watch events name it. */
export type StoreEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

/**
 * One committed write. `object` is the stored state after the write (the last state for DELETED)
 * and must not be mutated by listeners; `previous` is the state before it (absent for ADDED).
 */
export interface StoreEvent {
  /** ADDED, MODIFIED or DELETED. */
  type: StoreEventType;
  /** The resource written. */
  resource: ResourceName;
  /** State after the write (the last state for DELETED); frozen. */
  object: KubeObject;
  /** State before the write (absent for ADDED); frozen. */
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
  /** Label selector (`app=x,tier in (a,b)`). */
  labelSelector?: string;
  /** Field selector (`status.phase=Running`), only the fields real servers support. */
  fieldSelector?: string;
}
