import type { Verb } from '../http/request-info.js';

/** A snapshot of the simulator's counters. */
export interface KubeSimStats {
  /** API requests counted since start or the last reset. */
  requests: {
    total: number;
    /** By verb, as Kubernetes names them (get, list, watch, create, update, patch, delete, deletecollection). */
    byVerb: Partial<Record<Verb, number>>;
    /** By resource (`jobs`, `jobs/status`, `pods/log`), then verb. */
    byResource: Record<string, Partial<Record<Verb, number>>>;
    /** Requests to non-resource paths (discovery, /version, /openapi). */
    nonResource: number;
  };
  /** Watch streams open right now. */
  openWatches: number;
  /** Stored objects by kind (`Job`, `Pod`, ...). */
  objects: Record<string, number>;
  /** Response body bytes sent (including watch and log streams). */
  bytesSent: number;
  /** Faults injected (errors, resets, latencies, watch cuts). */
  faultsInjected: number;
  /** Requests denied by RBAC authorization (403 Forbidden). */
  forbidden: number;
}

/** Mutable counters behind {@link KubeSimStats}; owned by one server. */
export class RequestStats {
  #total = 0;
  #byVerb: Partial<Record<Verb, number>> = {};
  #byResource: Record<string, Partial<Record<Verb, number>>> = {};
  #nonResource = 0;
  #bytes = 0;
  #faults = 0;
  #forbidden = 0;
  /** Watch streams open now (not reset by {@link reset}). */
  openWatches = 0;

  /** Counts one resource request. */
  countRequest(verb: Verb, resourceKey: string): void {
    this.#total++;
    this.#byVerb[verb] = (this.#byVerb[verb] ?? 0) + 1;
    const byVerb = (this.#byResource[resourceKey] ??= {});
    byVerb[verb] = (byVerb[verb] ?? 0) + 1;
  }

  /** Counts one non-resource request. */
  countNonResource(): void {
    this.#nonResource++;
  }

  /** Adds sent body bytes. */
  countBytes(n: number): void {
    this.#bytes += n;
  }

  /** Counts one injected fault. */
  countFault(): void {
    this.#faults++;
  }

  /** Counts one request denied by authorization. */
  countForbidden(): void {
    this.#forbidden++;
  }

  /** Zeroes every counter except open watches. */
  reset(): void {
    this.#total = 0;
    this.#byVerb = {};
    this.#byResource = {};
    this.#nonResource = 0;
    this.#bytes = 0;
    this.#faults = 0;
    this.#forbidden = 0;
  }

  /** A copy of the counters, with the given object counts. */
  snapshot(objects: Record<string, number>): KubeSimStats {
    const byResource: Record<string, Partial<Record<Verb, number>>> = {};
    for (const [k, v] of Object.entries(this.#byResource)) byResource[k] = { ...v };
    return {
      requests: { total: this.#total, byVerb: { ...this.#byVerb }, byResource, nonResource: this.#nonResource },
      openWatches: this.openWatches,
      objects,
      bytesSent: this.#bytes,
      faultsInjected: this.#faults,
      forbidden: this.#forbidden,
    };
  }
}
