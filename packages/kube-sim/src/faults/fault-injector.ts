import type { ResourceRequest } from '../http/request-info.js';
import { statsResourceKey } from '../http/request-info.js';
import type { ClusterStore } from '../store/cluster-store.js';
import type { FaultAction, FaultMatcher, FaultOptions, FaultRule, WatchCutRule } from './fault-types.js';
import { seededRandom } from './seeded-random.js';

interface ActiveRule {
  readonly id: number;
  readonly rule: FaultRule;
  seen: number;
  fired: number;
}

interface ActiveCut {
  readonly id: number;
  readonly rule: WatchCutRule;
}

function listOf<T>(value: T | readonly T[] | undefined): readonly T[] | undefined {
  if (value === undefined) return undefined;
  return Array.isArray(value) ? (value as readonly T[]) : [value as T];
}

function matchesStatic(m: FaultMatcher | undefined, req: ResourceRequest): boolean {
  if (m === undefined) return true;
  const verbs = listOf(m.verb);
  if (verbs !== undefined && !verbs.includes(req.verb)) return false;
  const resources = listOf(m.resource);
  if (resources !== undefined && !resources.includes(statsResourceKey(req)) && !resources.includes(req.resource)) return false;
  if (m.namespace !== undefined && req.namespace !== m.namespace) return false;
  if (m.name !== undefined) {
    if (req.name === undefined) return false;
    if (typeof m.name === 'string' ? m.name !== req.name : !m.name.test(req.name)) return false;
  }
  return true;
}

/**
 * Fault injection for the API server: request faults (error codes, resets, latency) chosen by
 * matchers with a seeded generator, watch-stream cuts, and history compaction. Rules can be
 * added and cleared while the server runs.
 */
export class FaultInjector {
  #rules: ActiveRule[] = [];
  #cuts: ActiveCut[] = [];
  #nextId = 1;
  #random: () => number;
  readonly #store: ClusterStore;

  /**
   * @param store the store `compact()` acts on.
   * @param options faults active from the start.
   */
  constructor(store: ClusterStore, options: FaultOptions = {}) {
    this.#store = store;
    this.#random = seededRandom(options.seed ?? 1);
    for (const r of options.rules ?? []) this.add(r);
    for (const c of options.watchCuts ?? []) this.addWatchCut(c);
  }

  /** Adds a request fault; returns its id for {@link remove}. */
  add(rule: FaultRule): number {
    const id = this.#nextId++;
    this.#rules.push({ id, rule, seen: 0, fired: 0 });
    return id;
  }

  /** Adds a watch cut rule; returns its id for {@link remove}. */
  addWatchCut(rule: WatchCutRule): number {
    const id = this.#nextId++;
    this.#cuts.push({ id, rule });
    return id;
  }

  /** Removes one rule or cut by id. */
  remove(id: number): void {
    this.#rules = this.#rules.filter((r) => r.id !== id);
    this.#cuts = this.#cuts.filter((c) => c.id !== id);
  }

  /** Removes every rule and cut. */
  clear(): void {
    this.#rules = [];
    this.#cuts = [];
  }

  /** Restarts the probability generator with a seed. */
  reseed(seed: number): void {
    this.#random = seededRandom(seed);
  }

  /**
   * Compacts the store's watch history up to `resourceVersion` (default: now), so watches and
   * continue tokens from older versions get 410 Expired.
   */
  compact(resourceVersion?: number): void {
    this.#store.compact(resourceVersion);
  }

  /** The action for a request (first firing rule wins), or undefined. */
  decide(req: ResourceRequest): FaultAction | undefined {
    for (const active of this.#rules) {
      const m = active.rule.match;
      if (!matchesStatic(m, req)) continue;
      if (m?.times !== undefined && active.fired >= m.times) continue;
      active.seen++;
      const nth = listOf(m?.nth);
      if (nth !== undefined && !nth.includes(active.seen)) continue;
      if (m?.every !== undefined && active.seen % m.every !== 0) continue;
      if (m?.probability !== undefined && this.#random() >= m.probability) continue;
      active.fired++;
      return active.rule.action;
    }
    return undefined;
  }

  /** The watch cut rules that apply to a watch request. */
  watchCutsFor(req: ResourceRequest): WatchCutRule[] {
    return this.#cuts.filter((c) => matchesStatic(c.rule.match, req)).map((c) => c.rule);
  }
}
