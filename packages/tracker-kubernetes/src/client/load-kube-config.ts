import { Drmaa2Error, ErrorCode } from '@drmaa2/core';
import { KubeConfig } from '@kubernetes/client-node';

/** Where the tracker's cluster connection comes from. Every field is optional. */
export interface KubeConnectionOptions {
  /** A ready `KubeConfig`; wins over every other source. It is copied, never changed. */
  readonly kubeConfig?: KubeConfig;
  /** A kubeconfig file; default like kubectl: `KUBECONFIG`, then `~/.kube/config`, then the in-cluster service account. */
  readonly kubeconfigPath?: string;
  /** The context to use; default the kubeconfig's current context. */
  readonly context?: string;
  /** The namespace; default the context's namespace, else `default`. */
  readonly namespace?: string;
}

/** A loaded connection target. */
export interface KubeTarget {
  readonly kubeConfig: KubeConfig;
  readonly context: string;
  readonly namespace: string;
  readonly server: string;
}

function fail(message: string, cause?: unknown): Drmaa2Error {
  return new Drmaa2Error(ErrorCode.DrmCommunication, `kubernetes tracker: ${message}`, cause === undefined ? undefined : { cause });
}

/**
 * Loads the cluster to talk to, as kubectl would, into a `KubeConfig` of its own (contexts are
 * never switched on a shared one).
 * @throws Drmaa2Error `DRM_COMMUNICATION` when no kubeconfig can be found or read, or the context
 *   is unknown; `INVALID_ARGUMENT` for a malformed namespace.
 */
export function loadKubeConfig(options: KubeConnectionOptions = {}): KubeTarget {
  const kc = new KubeConfig();
  try {
    if (options.kubeConfig !== undefined) kc.loadFromString(options.kubeConfig.exportConfig());
    else if (options.kubeconfigPath !== undefined) kc.loadFromFile(options.kubeconfigPath);
    else kc.loadFromDefault();
  } catch (cause) {
    throw fail(`cannot read the kubeconfig (${cause instanceof Error ? cause.message : String(cause)})`, cause);
  }
  if (options.context !== undefined) {
    if (kc.getContextObject(options.context) === null) throw fail(`the kubeconfig has no context ${JSON.stringify(options.context)}`);
    kc.setCurrentContext(options.context);
  }
  const context = kc.getCurrentContext();
  const cluster = kc.getCurrentCluster();
  if (cluster === null) throw fail(`context ${JSON.stringify(context)} names no cluster`);
  if (context === 'loaded-context' && cluster.server === 'http://localhost:8080') {
    throw fail('no kubeconfig found: set KUBECONFIG, create ~/.kube/config, run inside a cluster, or pass kubeconfigPath');
  }
  const namespace = options.namespace ?? kc.getContextObject(context)?.namespace ?? 'default';
  if (!/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/.test(namespace)) {
    throw new Drmaa2Error(ErrorCode.InvalidArgument, `kubernetesTracker options.namespace: ${JSON.stringify(namespace)} is not a valid namespace name (DNS-1123 label)`);
  }
  return { kubeConfig: kc, context, namespace, server: cluster.server };
}
