/** The API group of RBAC objects and of their `roleRef`/`subjects[].apiGroup`. */
export const RBAC_GROUP = 'rbac.authorization.k8s.io';

/** `rbacv1.PolicyRule`: what a Role or ClusterRole allows. */
export interface PolicyRule {
  /** Verbs (`get`, `list`, `watch`, `create`, `update`, `patch`, `delete`, `deletecollection`, or `*`). */
  verbs: readonly string[];
  /** API groups (`''` for core, `batch`, or `*`). Required for resource rules. */
  apiGroups?: readonly string[];
  /** Resources (`jobs`), subresources (`pods/log`, `jobs/status`, or any resource's with a leading `*` and slash), or `*`. */
  resources?: readonly string[];
  /** Object names the rule is limited to; empty or absent means every name. */
  resourceNames?: readonly string[];
  /** Non-resource paths (`/healthz`, `/apis/*`); ClusterRoles only. */
  nonResourceURLs?: readonly string[];
}

/** `rbacv1.Subject` of a binding. */
export interface RbacSubject {
  /** `User`, `Group` or `ServiceAccount`. */
  kind: 'User' | 'Group' | 'ServiceAccount';
  /** User, group or ServiceAccount name. */
  name: string;
  /** For ServiceAccount subjects: the account's namespace (a RoleBinding defaults to its own). */
  namespace?: string;
  /** `rbac.authorization.k8s.io` for User/Group, `''` for ServiceAccount (not checked). */
  apiGroup?: string;
}

/** `rbacv1.RoleRef` of a binding. */
export interface RoleRef {
  /** Always `rbac.authorization.k8s.io`. */
  apiGroup: string;
  /** `Role` (same namespace as the binding) or `ClusterRole`. */
  kind: 'Role' | 'ClusterRole';
  /** Name of the referenced role. */
  name: string;
}

/** Metadata the authorizer reads from RBAC objects. */
export interface RbacObjectMeta {
  /** Object name (required). */
  name: string;
  /** Required for Role and RoleBinding; ignored for the cluster-scoped kinds. */
  namespace?: string;
  /** Other metadata (labels, annotations, ...) is accepted and ignored. */
  [key: string]: unknown;
}

/** `rbac.authorization.k8s.io/v1` Role (namespaced rules). */
export interface RoleObject {
  /** Always `rbac.authorization.k8s.io/v1`. */
  apiVersion: 'rbac.authorization.k8s.io/v1';
  /** Always `Role`. */
  kind: 'Role';
  /** Name (and namespace for namespaced kinds). */
  metadata: RbacObjectMeta;
  /** The allowed operations (none: nothing). */
  rules?: readonly PolicyRule[];
}

/** `rbac.authorization.k8s.io/v1` ClusterRole (rules usable cluster-wide or through a RoleBinding). */
export interface ClusterRoleObject {
  /** Always `rbac.authorization.k8s.io/v1`. */
  apiVersion: 'rbac.authorization.k8s.io/v1';
  /** Always `ClusterRole`. */
  kind: 'ClusterRole';
  /** Name (and namespace for namespaced kinds). */
  metadata: RbacObjectMeta;
  /** The allowed operations (none: nothing). */
  rules?: readonly PolicyRule[];
}

/** `rbac.authorization.k8s.io/v1` RoleBinding: grants a Role or ClusterRole inside its namespace. */
export interface RoleBindingObject {
  /** Always `rbac.authorization.k8s.io/v1`. */
  apiVersion: 'rbac.authorization.k8s.io/v1';
  /** Always `RoleBinding`. */
  kind: 'RoleBinding';
  /** Name (and namespace for namespaced kinds). */
  metadata: RbacObjectMeta;
  /** Who is granted the role (none: nobody). */
  subjects?: readonly RbacSubject[];
  /** The granted Role or ClusterRole. */
  roleRef: RoleRef;
}

/** `rbac.authorization.k8s.io/v1` ClusterRoleBinding: grants a ClusterRole everywhere. */
export interface ClusterRoleBindingObject {
  /** Always `rbac.authorization.k8s.io/v1`. */
  apiVersion: 'rbac.authorization.k8s.io/v1';
  /** Always `ClusterRoleBinding`. */
  kind: 'ClusterRoleBinding';
  /** Name (and namespace for namespaced kinds). */
  metadata: RbacObjectMeta;
  /** Who is granted the role (none: nobody). */
  subjects?: readonly RbacSubject[];
  /** The granted Role or ClusterRole. */
  roleRef: RoleRef;
}

/** Any RBAC object the simulator's authorizer accepts. */
export type RbacObject = RoleObject | ClusterRoleObject | RoleBindingObject | ClusterRoleBindingObject;

/** A core/v1 ServiceAccount, accepted next to RBAC objects so a whole RBAC manifest can be loaded. */
export interface ServiceAccountObject {
  /** Always `v1`. */
  apiVersion: 'v1';
  /** Always `ServiceAccount`. */
  kind: 'ServiceAccount';
  /** Name and namespace (both required). */
  metadata: RbacObjectMeta;
}

/** An authenticated user: name and groups, as `user.Info` has them. */
export interface UserInfo {
  /** User name (`system:serviceaccount:<ns>:<name>` for ServiceAccounts). */
  readonly name: string;
  /** Groups, `system:authenticated` included. */
  readonly groups: readonly string[];
}

/** An extra bearer token and the user it authenticates as. */
export interface TokenUser {
  /** The bearer token (secret: never logged or put in errors). */
  token: string;
  /** User name; ServiceAccounts are `system:serviceaccount:<namespace>:<name>`. */
  user: string;
  /** Extra groups (`system:authenticated` and, for ServiceAccounts, `system:serviceaccounts[:<ns>]` are added). */
  groups?: readonly string[];
}

/** RBAC settings of {@link startKubeSim}: objects to load and extra tokens. */
export interface RbacOptions {
  /**
   * Role, ClusterRole, RoleBinding and ClusterRoleBinding objects (`rbac.authorization.k8s.io/v1`),
   * and ServiceAccounts: e.g. every document of an RBAC manifest (client-node's `loadAllYaml`).
   */
  objects?: readonly (RbacObject | ServiceAccountObject)[];
  /** Bearer tokens besides the admin token, each mapped to a user. */
  tokens?: readonly TokenUser[];
}
