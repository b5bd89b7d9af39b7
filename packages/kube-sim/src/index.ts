export { startKubeSim } from './start-kube-sim.js';
export type { KubeSim, KubeSimOptions } from './start-kube-sim.js';
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
