import type { Server } from 'node:net';
import { randomBytes, randomInt } from 'node:crypto';
import { nodeObjects, realClock, startControllers, type Clock, type KubeletOptions, type NodeOptions, type TimingOptions } from './controllers/index.js';
import { FaultInjector } from './faults/fault-injector.js';
import type { FaultOptions } from './faults/fault-types.js';
import { apiRequestHandler } from './http/api-server.js';
import { listenDual } from './http/dual-listener.js';
import { selfSignedCertificate } from './http/self-signed-cert.js';
import type { ServerContext } from './http/server-context.js';
import { writeKubeconfig } from './kubeconfig.js';
import { emptyLogSource, type PodLogSource } from './logs/pod-log-source.js';
import { RequestStats, type KubeSimStats } from './stats/request-stats.js';
import { ClusterStore } from './store/cluster-store.js';
import { RESOURCE_NAMES, resourceInfo } from './store/resources.js';

/** Options of {@link startKubeSim}. Every field is optional. */
export interface KubeSimOptions {
  /** Simulated nodes (count, names, cpu, memory, labels, architecture, OS, taints, images). Default 3 nodes. */
  nodes?: NodeOptions;
  /** Namespaces created besides `default` and `kube-system`. */
  namespaces?: readonly string[];
  /** Kubelet mode. Default `{ mode: 'scripted' }`. */
  kubelet?: KubeletOptions;
  /** Timing of pods and controllers. */
  timing?: Partial<TimingOptions>;
  /** Time source shared by the store and the controllers. Default the real clock. */
  clock?: Clock;
  /** Write core/v1 Events from the controllers. Default true. */
  recordEvents?: boolean;
  /** Run the controllers (Job controller, scheduler, kubelet). Default true; false serves the API alone (nodes are still created). */
  controllers?: boolean;
  /** Faults active from the start; more can be added through `sim.faults`. */
  faults?: FaultOptions;
  /** Watch settings: bookmark interval (default 60000 ms), default server timeout (default random 1800–3600 s). */
  watch?: { bookmarkIntervalMs?: number; defaultTimeoutSeconds?: number };
  /** Events kept for watch replay before old ones are compacted. Default 100000. */
  historyLimit?: number;
  /** Serve `pods/log` from this source instead of the kubelet's (tests, custom log producers). */
  podLogs?: PodLogSource;
}

/** A running simulator. */
export interface KubeSim {
  /** The listening server (127.0.0.1, free port; plain HTTP and HTTPS on the same port). */
  readonly server: Server;
  /** `http://127.0.0.1:<port>` (plain HTTP). */
  readonly url: string;
  /** `https://127.0.0.1:<port>`: the same port over TLS with a per-start self-signed certificate. */
  readonly httpsUrl: string;
  /** The bearer token every request must carry (random per start). */
  readonly token: string;
  /**
   * A kubeconfig (JSON) that kubectl and @kubernetes/client-node use unchanged; removed by `stop()`.
   * It points at `httpsUrl` with `insecure-skip-tls-verify: true`, because kubectl never sends a
   * bearer token over plain HTTP.
   */
  readonly kubeconfigPath: string;
  /** The object store behind the API (for direct inspection and seeding). */
  readonly store: ClusterStore;
  /** Fault injection, changeable at run time. */
  readonly faults: FaultInjector;
  /** Counters: requests by verb and resource, open watches, objects by kind, bytes sent. */
  stats(): KubeSimStats;
  /** Zeroes the request, byte and fault counters. */
  resetStats(): void;
  /** Stops everything (watches, sockets, timers, controllers, processes) and removes the kubeconfig. Idempotent. */
  stop(): Promise<void>;
}

function namespaceObject(name: string): { metadata: { name: string } } {
  return { metadata: { name } };
}

/**
 * Starts the simulator: store, namespaces, nodes, controllers (when present) and the API server on
 * 127.0.0.1 (free port, plain HTTP, random bearer token), and writes its kubeconfig.
 */
export async function startKubeSim(options: KubeSimOptions = {}): Promise<KubeSim> {
  const clock = options.clock ?? realClock();
  const store = new ClusterStore({ now: () => clock.now(), ...(options.historyLimit !== undefined ? { historyLimit: options.historyLimit } : {}) });
  for (const ns of new Set(['default', 'kube-system', ...(options.namespaces ?? [])])) store.create('namespaces', undefined, namespaceObject(ns));
  const stats = new RequestStats();
  const faults = new FaultInjector(store, options.faults);
  const defaultTimeout = options.watch?.defaultTimeoutSeconds;
  const ctx: ServerContext = {
    store,
    stats,
    faults,
    logs: emptyLogSource(),
    watch: {
      bookmarkIntervalMs: options.watch?.bookmarkIntervalMs ?? 60_000,
      defaultTimeoutSeconds: () => defaultTimeout ?? 1800 + randomInt(1800),
    },
    streams: new Set(),
  };
  let controllers: { stop(): Promise<void> } | undefined;
  const nodeOptions = options.nodes ?? {};
  for (const node of nodeObjects(nodeOptions, clock.now())) store.create('nodes', undefined, node);
  if (options.controllers !== false) {
    const started = startControllers(store, {
      nodes: nodeOptions,
      clock,
      ...(options.kubelet !== undefined ? { kubelet: options.kubelet } : {}),
      ...(options.timing !== undefined ? { timing: options.timing } : {}),
      ...(options.recordEvents !== undefined ? { recordEvents: options.recordEvents } : {}),
    });
    ctx.logs = started.logs;
    controllers = started;
  }
  if (options.podLogs !== undefined) ctx.logs = options.podLogs;
  const token = randomBytes(24).toString('base64url');
  let address = '127.0.0.1:0';
  const listener = await listenDual('127.0.0.1', selfSignedCertificate(), apiRequestHandler(ctx, token, () => address));
  address = `127.0.0.1:${listener.port}`;
  const url = `http://${address}`;
  const kubeconfig = await writeKubeconfig(`https://${address}`, token);
  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      for (const close of [...ctx.streams]) close();
      await listener.close();
      await controllers?.stop();
      await kubeconfig.remove();
    })();
    return stopping;
  };
  return {
    server: listener.server,
    url,
    httpsUrl: `https://${address}`,
    token,
    kubeconfigPath: kubeconfig.path,
    store,
    faults,
    stats: () => {
      const objects: Record<string, number> = {};
      for (const r of RESOURCE_NAMES) objects[resourceInfo(r).kind] = store.count(r);
      return stats.snapshot(objects);
    },
    resetStats: () => stats.reset(),
    stop,
  };
}
