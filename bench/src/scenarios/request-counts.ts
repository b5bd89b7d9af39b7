import type { KubeSimStats } from '@drmaa2/kube-sim';

/** API requests of one measured interval, from the simulator's counters. */
export interface RequestCounts {
  readonly total: number;
  /** Job creates (submission). */
  readonly jobCreates: number;
  /** Lists, watches and gets on any resource (monitoring). */
  readonly monitoring: number;
  readonly list: number;
  readonly watch: number;
  readonly get: number;
  /** Response body bytes the server sent. */
  readonly bytes: number;
}

/** Reads {@link RequestCounts} from a stats snapshot. */
export function requestCounts(stats: KubeSimStats): RequestCounts {
  const verbs = stats.requests.byVerb;
  const list = verbs.list ?? 0;
  const watch = verbs.watch ?? 0;
  const get = verbs.get ?? 0;
  return {
    total: stats.requests.total + stats.requests.nonResource,
    jobCreates: stats.requests.byResource.jobs?.create ?? 0,
    monitoring: list + watch + get,
    list,
    watch,
    get,
    bytes: stats.bytesSent,
  };
}
