/**
 * The real cluster of the end-to-end suites. They run only when `DRMAA2_E2E_KUBECONFIG` names a
 * kubeconfig (wrap them in `describe.skipIf(!e2eEnabled)`); every test works in namespaces this run
 * creates (labelled `drmaa2.io/e2e=<run id>`) and deletes again.
 *
 * Environment:
 * - `DRMAA2_E2E_KUBECONFIG`: path of the kubeconfig (its current context is used), required to run;
 * - `DRMAA2_E2E_CONTEXT`: another context of that kubeconfig (optional);
 * - `DRMAA2_E2E_IMAGE`: the image jobs run in (default `busybox:1.36`; it needs `sh`, `sleep`, `true`).
 */
import { randomBytes } from 'node:crypto';
import { BatchV1Api, CoreV1Api, KubeConfig, type V1Job } from '@kubernetes/client-node';
import type { JobTemplate } from '@drmaa2/core';
import { kubernetesTracker, type KubernetesTrackerOptions } from '../../src/index.js';
import type { TrackerPlugin } from '@drmaa2/core';

/** The kubeconfig of the cluster under test; unset means the e2e suites skip. */
export const e2eKubeconfig: string | undefined = process.env.DRMAA2_E2E_KUBECONFIG || undefined;

/** True when the real-cluster suites run. */
export const e2eEnabled = e2eKubeconfig !== undefined;

/** The image every e2e job runs in. */
export const e2eImage: string = process.env.DRMAA2_E2E_IMAGE || 'busybox:1.36';

/** Per-test timeout of the e2e suites (a real cluster may pull images and schedule slowly). */
export const e2eTestTimeoutMs = 180_000;

/** Seconds a wait in an e2e test may take. */
export const e2ePatience = 150;

const e2eLabel = 'drmaa2.io/e2e';

/** Templates of the e2e jobs; the same shapes the kube-sim conformance run uses. */
export const e2eTemplates = {
  sleep: (seconds: number): JobTemplate => ({ remoteCommand: 'sleep', args: [String(seconds)], jobCategory: e2eImage }),
  exit: (code: number): JobTemplate => ({ remoteCommand: 'sh', args: ['-c', `exit ${code}`], jobCategory: e2eImage }),
  succeed: (): JobTemplate => ({ remoteCommand: 'true', jobCategory: e2eImage }),
  cannotStart: (): JobTemplate => ({ remoteCommand: 'no-such-binary', jobCategory: e2eImage }),
};

/** Namespaces of one test run on the real cluster, and clients to inspect what the tracker made. */
export class E2eCluster {
  /** Labels every namespace of this run, so a crashed run's leftovers can be found. */
  readonly runId = randomBytes(3).toString('hex');
  readonly kubeConfig: KubeConfig;
  readonly core: CoreV1Api;
  readonly batch: BatchV1Api;
  readonly #kubeconfigPath: string;
  readonly #context: string | undefined;
  #count = 0;

  /** @throws Error when `DRMAA2_E2E_KUBECONFIG` is unset or the kubeconfig cannot be read. */
  constructor() {
    if (e2eKubeconfig === undefined) throw new Error('E2eCluster: DRMAA2_E2E_KUBECONFIG is not set');
    this.#kubeconfigPath = e2eKubeconfig;
    this.#context = process.env.DRMAA2_E2E_CONTEXT || undefined;
    this.kubeConfig = new KubeConfig();
    this.kubeConfig.loadFromFile(e2eKubeconfig);
    if (this.#context !== undefined) this.kubeConfig.setCurrentContext(this.#context);
    this.core = this.kubeConfig.makeApiClient(CoreV1Api);
    this.batch = this.kubeConfig.makeApiClient(BatchV1Api);
  }

  /** Creates a fresh namespace of this run and resolves to its name. */
  async createNamespace(): Promise<string> {
    this.#count += 1;
    const name = `drmaa2-e2e-${this.runId}-${this.#count}`;
    await this.core.createNamespace({ body: { metadata: { name, labels: { [e2eLabel]: this.runId } } } });
    return name;
  }

  /** A tracker plugin on the cluster whose default namespace (and only queue) is `namespace`. */
  plugin(namespace: string, options: KubernetesTrackerOptions = {}): TrackerPlugin {
    return kubernetesTracker({
      kubeconfigPath: this.#kubeconfigPath,
      ...(this.#context !== undefined ? { context: this.#context } : {}),
      namespace,
      ...options,
    });
  }

  /** Starts deleting a namespace (Kubernetes finishes it in the background). */
  async deleteNamespace(name: string): Promise<void> {
    try {
      await this.core.deleteNamespace({ name, propagationPolicy: 'Background' });
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
  }

  /** Deletes every namespace this run created that is still there. */
  async deleteAll(): Promise<void> {
    const list = await this.core.listNamespace({ labelSelector: `${e2eLabel}=${this.runId}` });
    for (const namespace of list.items) {
      const name = namespace.metadata?.name;
      if (name !== undefined && namespace.status?.phase !== 'Terminating') await this.deleteNamespace(name);
    }
  }

  /** The batch/v1 Jobs in a namespace. */
  async jobs(namespace: string): Promise<V1Job[]> {
    return (await this.batch.listNamespacedJob({ namespace })).items;
  }

  /** The Job of a DRMAA2 job id (`namespace/name` or `namespace/name[index]`), or undefined once it is gone. */
  async job(jobId: string): Promise<V1Job | undefined> {
    const match = /^([^/]+)\/([^[]+)/.exec(jobId);
    if (match === null) throw new Error(`not a job id of the Kubernetes tracker: ${jobId}`);
    const [, namespace = '', name = ''] = match;
    try {
      return await this.batch.readNamespacedJob({ namespace, name });
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  /** The names of the cluster's nodes. */
  async nodeNames(): Promise<string[]> {
    return (await this.core.listNode()).items.flatMap((node) => (node.metadata?.name === undefined ? [] : [node.metadata.name]));
  }
}

function isNotFound(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 404;
}
