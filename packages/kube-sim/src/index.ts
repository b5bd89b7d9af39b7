export { startKubeSim } from './start-kube-sim.js';
export type { KubeSim, KubeSimOptions, KubeSimRestartOptions, KubeconfigRequest } from './start-kube-sim.js';
export { RbacAuthorizer } from './auth/rbac-authorizer.js';
export type { AuthorizationDecision, RbacKind } from './auth/rbac-authorizer.js';
export { TokenAuthenticator, ADMIN_USER, MASTERS_GROUP } from './auth/token-authenticator.js';
export { RbacConfigError } from './auth/rbac-config-error.js';
export { RBAC_GROUP } from './auth/rbac-types.js';
export type {
  ClusterRoleBindingObject,
  ClusterRoleObject,
  PolicyRule,
  RbacObject,
  RbacObjectMeta,
  RbacOptions,
  RbacSubject,
  RoleBindingObject,
  RoleObject,
  RoleRef,
  ServiceAccountObject,
  TokenUser,
  UserInfo,
} from './auth/rbac-types.js';
export type { RequestAttributes } from './auth/request-attributes.js';
export { ClusterStore } from './store/cluster-store.js';
export type { ClusterStoreOptions, DeleteResult, WriteOptions } from './store/cluster-store.js';
export { ApiError, isApiError } from './store/api-error.js';
export type { FieldError, StatusBody, StatusCause, StatusDetails } from './store/api-error.js';
export type {
  KubeObject,
  ObjectMeta,
  OwnerReference,
  PropagationPolicy,
  ResourceName,
  StoreDeleteOptions,
  StoreEvent,
  StoreEventType,
  StoreSelectors,
} from './store/types.js';
export { FaultInjector } from './faults/fault-injector.js';
export type { FaultAction, FaultMatcher, FaultOptions, FaultRule, WatchCutRule } from './faults/fault-types.js';
export type { KubeSimStats } from './stats/request-stats.js';
export type { Verb } from './http/request-info.js';
export type { PodLogSource, TimedLogLine } from './logs/pod-log-source.js';
export { kubeconfigDocument } from './kubeconfig.js';
