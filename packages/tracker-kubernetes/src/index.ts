export { kubernetesTracker, kubernetesTracker as default } from './kubernetes-tracker-plugin.js';
export type { KubeConnectionOptions } from './client/load-kube-config.js';
export type { KubeHttpOptions } from './client/kube-http.js';
export type { KubernetesTrackerOptions } from './tracker/kubernetes-tracker-options.js';
export { MAX_KEPT_LOG_BYTES } from './tracker/job-logs.js';
export type { JobLogOptions } from './tracker/job-logs.js';
export { kubernetesExtensions } from './mapping/index.js';
export { formatJobId, parseJobId } from './tracker/job-id.js';
export type { ParsedJobId } from './tracker/job-id.js';
