import type { Server } from 'node:net';
import { randomBytes, randomInt } from 'node:crypto';
import { RbacAuthorizer } from './auth/rbac-authorizer.js';
import { RbacConfigError } from './auth/rbac-config-error.js';
import type { RbacOptions } from './auth/rbac-types.js';
import { TokenAuthenticator } from './auth/token-authenticator.js';
import { nodeObjects, realClock, startControllers, type Clock, type KubeletOptions, type NodeOptions, type TimingOptions } from './controllers/index.js';
import { FaultInjector } from './faults/fault-injector.js';
import type { FaultOptions } from './faults/fault-types.js';
import { apiRequestHandler } from './http/api-server.js';
import { listenDual } from './http/dual-listener.js';
import { selfSignedCertificate } from './http/self-signed-cert.js';
import type { ServerContext } from './http/server-context.js';
import { writeKubeconfig, type KubeconfigFile } from './kubeconfig.js';
import { emptyLogSource, type PodLogSource } from './logs/pod-log-source.js';
import { RequestStats, type KubeSimStats } from './stats/request-stats.js';
import { ClusterStore } from './store/cluster-store.js';
import { RESOURCE_NAMES, resourceInfo } from './store/resources.js';
import { dns1123LabelErrors } from './validation/names.js';

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
  /**
   * RBAC: Role/ClusterRole/RoleBinding/ClusterRoleBinding objects and extra bearer tokens mapped to
   * users. Requests with those tokens are authorized against the bound rules (403 Forbidden
   * otherwise); the admin token of `kubeconfigPath` stays all-powerful.
   */
  rbac?: RbacOptions;
}

/** Options of {@link KubeSim.restart}. */
export interface KubeSimRestartOptions {
  /** Milliseconds the port stays closed (connections refused) before listening again. Default 0. */
  downtimeMs?: number;
  /**
   * Whether watches may resume from a resourceVersion older than the restart (any version still in
   * history). Default false: as a real API server whose watch cache is rebuilt at the current
   * revision on start, such watches get one ERROR 410 Expired event and must re-list.
   */
  keepWatchHistory?: boolean;
}

/** Options of {@link KubeSim.writeKubeconfig}. */
export interface KubeconfigRequest {
  /** A bearer token this simulator knows (the admin token or one from `rbac.tokens`/`tokens.addToken`). */
  token: string;
  /** The context's namespace. Default `default`. */
  namespace?: string;
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
  /** Bearer tokens and their users; add tokens at run time (`addToken`, `serviceAccountToken`). */
  readonly tokens: TokenAuthenticator;
  /** The RBAC authorizer; `apply`/`delete` Roles and bindings at run time. */
  readonly rbac: RbacAuthorizer;
  /**
   * Writes a kubeconfig for another token (same server and TLS settings as `kubeconfigPath`) into
   * its own temporary directory and returns its path; removed by `stop()`.
   * @throws RbacConfigError for an unknown token or an invalid namespace (the token is never shown).
   */
  writeKubeconfig(request: KubeconfigRequest): Promise<string>;
  /**
   * Restarts the API server as a real one restarting would look to clients: every open connection,
   * watch and followed log is cut, then the server listens again on the same port with the same
   * token and certificate. The store (objects and the resourceVersion counter) is kept and the
   * controllers keep running. See {@link KubeSimRestartOptions} for watch resumption.
   * @throws Error when the simulator was stopped.
   */
  restart(options?: KubeSimRestartOptions): Promise<void>;
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
  const token = randomBytes(24).toString('base64url');
  const tokens = new TokenAuthenticator(token, options.rbac?.tokens);
  const rbac = new RbacAuthorizer(store);
  rbac.bootstrap();
  rbac.apply(options.rbac?.objects ?? [], 'rbac.objects');
  const stats = new RequestStats();
  const faults = new FaultInjector(store, options.faults);
  const defaultTimeout = options.watch?.defaultTimeoutSeconds;
  const ctx: ServerContext = {
    store,
    stats,
    faults,
    tokens,
    rbac,
    watchCacheFloor: 0,
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
  let address = '127.0.0.1:0';
  const listener = await listenDual('127.0.0.1', selfSignedCertificate(), apiRequestHandler(ctx, () => address));
  address = `127.0.0.1:${listener.port}`;
  const url = `http://${address}`;
  const kubeconfig = await writeKubeconfig(`https://${address}`, token);
  const extraKubeconfigs: KubeconfigFile[] = [];
  let stopping: Promise<void> | undefined;
  let restarting: Promise<void> = Promise.resolve();
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      await restarting.catch(() => undefined);
      for (const close of [...ctx.streams]) close();
      await listener.close();
      await controllers?.stop();
      await kubeconfig.remove();
      for (const file of extraKubeconfigs.splice(0)) await file.remove();
    })();
    return stopping;
  };
  const restart = (restartOptions: KubeSimRestartOptions = {}): Promise<void> => {
    if (stopping !== undefined) return Promise.reject(new Error('kube-sim: restart() after stop()'));
    const downtimeMs = restartOptions.downtimeMs ?? 0;
    if (!Number.isFinite(downtimeMs) || downtimeMs < 0) return Promise.reject(new RangeError(`kube-sim: restart downtimeMs must be a number >= 0, got ${String(downtimeMs)}`));
    restarting = restarting.then(async () => {
      const closing = listener.restart(downtimeMs);
      for (const close of [...ctx.streams]) close();
      if (restartOptions.keepWatchHistory !== true) ctx.watchCacheFloor = Number(store.resourceVersion);
      await closing;
    });
    return restarting;
  };
  const writeExtraKubeconfig = async (request: KubeconfigRequest): Promise<string> => {
    if (tokens.authenticate(`Bearer ${request.token}`) === undefined) throw new RbacConfigError('token', 'Invalid value: not a bearer token of this simulator');
    const namespace = request.namespace ?? 'default';
    if (dns1123LabelErrors(namespace).length > 0) throw new RbacConfigError('namespace', 'Invalid value: a namespace must be a DNS-1123 label');
    if (stopping !== undefined) throw new Error('kube-sim: writeKubeconfig() after stop()');
    const file = await writeKubeconfig(`https://${address}`, request.token, namespace);
    extraKubeconfigs.push(file);
    return file.path;
  };
  return {
    server: listener.server,
    url,
    httpsUrl: `https://${address}`,
    token,
    kubeconfigPath: kubeconfig.path,
    store,
    faults,
    tokens,
    rbac,
    writeKubeconfig: writeExtraKubeconfig,
    restart,
    stats: () => {
      const objects: Record<string, number> = {};
      for (const r of RESOURCE_NAMES) objects[resourceInfo(r).kind] = store.count(r);
      return stats.snapshot(objects);
    },
    resetStats: () => stats.reset(),
    stop,
  };
}
