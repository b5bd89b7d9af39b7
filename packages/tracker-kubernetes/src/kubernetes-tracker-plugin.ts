import type { CallOptions, TrackerPlugin } from '@drmaa2/core';
import { loadKubeConfig } from './client/load-kube-config.js';
import { KubernetesTracker } from './tracker/kubernetes-tracker.js';
import type { KubernetesTrackerOptions } from './tracker/kubernetes-tracker-options.js';

/**
 * The DRMAA2 tracker for Kubernetes batch Jobs. With no options it behaves like kubectl:
 * `KUBECONFIG`, then `~/.kube/config`, then the in-cluster service account; the current context and
 * its namespace (else `default`). Each `connect()` reads the kubeconfig afresh and opens one list +
 * watch of Jobs and of the tracker's Pods per watched namespace.
 *
 * @throws Drmaa2Error from `connect()`: `DRM_COMMUNICATION` when no kubeconfig is found or the API
 *   server cannot be reached; `DENIED_BY_DRMS` when the credentials may not list Jobs or Pods.
 */
export function kubernetesTracker(options: KubernetesTrackerOptions = {}): TrackerPlugin {
  return {
    name: 'kubernetes',
    async connect(call?: CallOptions) {
      call?.signal?.throwIfAborted();
      return KubernetesTracker.connect(loadKubeConfig(options), options);
    },
  };
}
