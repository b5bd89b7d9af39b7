import type { RbacAuthorizer } from '../auth/rbac-authorizer.js';
import type { TokenAuthenticator } from '../auth/token-authenticator.js';
import type { FaultInjector } from '../faults/fault-injector.js';
import type { PodLogSource } from '../logs/pod-log-source.js';
import type { RequestStats } from '../stats/request-stats.js';
import type { ClusterStore } from '../store/cluster-store.js';

/** Watch behaviour settings. */
export interface WatchSettings {
  /** Interval of BOOKMARK events for watches that allow them (default 60000 ms, as the real server's ~1 min). */
  bookmarkIntervalMs: number;
  /** Server-side watch timeout when the client sends no `timeoutSeconds` (default: random 1800–3600 s). */
  defaultTimeoutSeconds: () => number;
}

/** Everything the handlers share for one server. */
export interface ServerContext {
  readonly store: ClusterStore;
  readonly stats: RequestStats;
  readonly faults: FaultInjector;
  /** Bearer tokens and their users (the admin token included). */
  readonly tokens: TokenAuthenticator;
  /** RBAC rules checked for every authenticated request (users in `system:masters` pass). */
  readonly rbac: RbacAuthorizer;
  /** The pod log source; may be replaced once the controllers start. */
  logs: PodLogSource;
  readonly watch: WatchSettings;
  /**
   * Oldest resourceVersion a watch may resume from: a restart rebuilds the watch cache at the
   * current revision, so older ones get 410 Expired (0: no such floor).
   */
  watchCacheFloor: number;
  /** Closers of open streams (watches, followed logs), run by stop(). */
  readonly streams: Set<() => void>;
}
