import { randomInt, randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { parseFieldSelector, matchesFields } from '../selectors/field-selector.js';
import { matchesLabels, parseLabelSelector } from '../selectors/label-selector.js';
import { validateObjectMeta } from '../validation/object-meta.js';
import { alreadyExists, badRequest, conflict, invalid, namespaceTerminating, notFound } from './api-error.js';
import { EventHistory, type HistoryEntry } from './event-history.js';
import { deepCopy, objectKey, rfc3339Seconds } from './object-util.js';
import { EventDispatcher } from './event-dispatcher.js';
import { ObjectIndex } from './object-index.js';
import { apiVersionOf, resourceInfo, type ResourceInfo } from './resources.js';
import { DeletionEngine } from './deletion-engine.js';
import { strategyFor } from './strategy-registry.js';
import type { KubeObject, ResourceName, StoreDeleteOptions, StoreEvent, StoreEventType, StoreSelectors } from './types.js';

/** Options of {@link ClusterStore}. */
export interface ClusterStoreOptions {
  /** Clock in epoch milliseconds (default `Date.now`); share it with the controllers. */
  now?: () => number;
  /** Events kept for watches before the oldest are compacted (default 100000). */
  historyLimit?: number;
  /** Called when a subscriber throws (default: `console.error`). */
  onListenerError?: (error: unknown) => void;
}

/** Result of {@link ClusterStore.deleteObject}: the object and whether it is gone already. */
export interface DeleteResult {
  /** The last state (removed) or the state now carrying `deletionTimestamp` (held). */
  object: KubeObject;
  /** Whether the object is gone (false: held with `deletionTimestamp`). */
  removed: boolean;
}

/** Options of update-like writes. */
export interface WriteOptions {
  /** `status`: only `status` is taken from the new object (spec and metadata are kept). */
  subresource?: 'status';
  /** Run defaulting and validation, return the result, but store nothing (`dryRun=All`). */
  dryRun?: boolean;
}

const GENERATED_NAME_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';
const MAX_GENERATED_PREFIX = 58;

/**
 * The simulator's one source of truth: a synchronous in-memory object store with the real API
 * server's semantics (defaulting, validation, one global resourceVersion, optimistic concurrency,
 * graceful deletion, finalizers, owner-reference garbage collection) and an event history that
 * watches replay from. Every method throws {@link ApiError} on failure.
 */
export class ClusterStore {
  readonly #now: () => number;
  readonly #index = new ObjectIndex();
  readonly #history: EventHistory;
  readonly #events: EventDispatcher;
  readonly #deletion: DeletionEngine;
  #rv = 0;

  /** @param options clock, history limit and listener-error handler. */
  constructor(options: ClusterStoreOptions = {}) {
    this.#now = options.now ?? Date.now;
    this.#history = new EventHistory(options.historyLimit);
    this.#events = new EventDispatcher(options.onListenerError ?? ((e) => console.error('kube-sim: store listener failed', e)));
    this.#deletion = new DeletionEngine({
      now: () => this.#now(),
      find: (r, ns, n) => this.#find(r, ns, n),
      findByUid: (uid) => this.#index.findByUid(uid),
      dependentsOf: (uid) => this.#index.dependentsOf(uid),
      scan: (r) => this.#index.table(r).values(),
      commit: (type, r, obj, prev) => this.#commit(type, r, obj, prev),
      update: (r, old, next) => this.#applyUpdate(resourceInfo(r), old, next, undefined, true),
    });
  }

  /** The current (last committed) global resourceVersion. */
  get resourceVersion(): string {
    return String(this.#rv);
  }

  /** The revision up to which watch history was compacted (watching from older ones gives 410). */
  get compactedRevision(): number {
    return this.#history.compactedRevision;
  }

  /** Current time as the store sees it (epoch ms). */
  now(): number {
    return this.#now();
  }

  /** A deep copy of one object, or undefined. Cluster-scoped resources ignore `namespace`. */
  get(resource: ResourceName, namespace: string | undefined, name: string): KubeObject | undefined {
    const found = this.#find(resource, namespace, name);
    return found === undefined ? undefined : deepCopy(found);
  }

  /** The stored (deep-frozen) object itself, without copying, or undefined. */
  getShared(resource: ResourceName, namespace: string | undefined, name: string): KubeObject | undefined {
    return this.#find(resource, namespace, name);
  }

  /**
   * Deep copies of the matching objects, sorted by namespace/name as etcd returns them.
   * @throws ApiError 400 for a malformed selector or an unsupported field.
   */
  list(resource: ResourceName, namespace?: string, selectors: StoreSelectors = {}): KubeObject[] {
    return this.listShared(resource, namespace, selectors).map((o) => deepCopy(o));
  }

  /**
   * Like {@link list} but returns the stored (deep-frozen) objects themselves, without copying.
   * With `atResourceVersion`, the objects as they were at that version (an MVCC read, as etcd
   * serves continue pages), rebuilt by undoing later events.
   * @throws ApiError 400 for a bad selector, 410 Expired when that version was compacted.
   */
  listShared(resource: ResourceName, namespace?: string, selectors: StoreSelectors = {}, atResourceVersion?: number): KubeObject[] {
    const labels = parseLabelSelector(selectors.labelSelector);
    const fields = parseFieldSelector(resource, selectors.fieldSelector);
    const ns = resourceInfo(resource).namespaced ? namespace : undefined;
    const out: [string, KubeObject][] = [];
    for (const [key, obj] of this.#snapshot(resource, atResourceVersion)) {
      if (ns !== undefined && obj.metadata.namespace !== ns) continue;
      if (labels.length > 0 && !matchesLabels(labels, obj.metadata.labels)) continue;
      if (fields.length > 0 && !matchesFields(resource, fields, obj)) continue;
      out.push([key, obj]);
    }
    out.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    return out.map(([, o]) => o);
  }

  #snapshot(resource: ResourceName, rv: number | undefined): ReadonlyMap<string, KubeObject> {
    const table = this.#index.table(resource);
    if (rv === undefined || rv >= this.#rv) return table;
    const later = this.#history.since(rv).filter((e) => e.event.resource === resource);
    if (later.length === 0) return table;
    const snapshot = new Map(table);
    for (let i = later.length - 1; i >= 0; i--) {
      const { event } = later[i] ?? { event: undefined };
      if (event === undefined) continue;
      const key = objectKey(event.object.metadata.namespace, event.object.metadata.name ?? '');
      if (event.type === 'ADDED' || event.previous === undefined) snapshot.delete(key);
      else snapshot.set(key, event.previous);
    }
    return snapshot;
  }

  /** Number of stored objects of a resource. */
  count(resource: ResourceName): number {
    return this.#index.table(resource).size;
  }

  /**
   * Creates an object as `POST` does: generateName, uid, timestamps, defaulting, validation.
   * Returns the stored object itself, deep-frozen (copy it to edit); with `dryRun`, an unstored one.
   * @throws ApiError 400 (namespace mismatch), 403 (namespace terminating), 404 (namespace missing),
   *   409 AlreadyExists, 422 Invalid.
   */
  create(resource: ResourceName, namespace: string | undefined, body: KubeObject, opts: { dryRun?: boolean } = {}): KubeObject {
    const info = resourceInfo(resource);
    const obj = deepCopy(body);
    obj.metadata = obj.metadata ?? {};
    const meta = obj.metadata;
    obj.apiVersion = apiVersionOf(info);
    obj.kind = info.kind;
    if (info.namespaced) {
      const ns = namespace ?? meta.namespace ?? 'default';
      if (meta.namespace !== undefined && meta.namespace !== '' && meta.namespace !== ns) {
        throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
      }
      meta.namespace = ns;
      const nsObj = this.#find('namespaces', undefined, ns);
      if (nsObj === undefined) throw notFound(resourceInfo('namespaces'), ns);
      if (nsObj.metadata.deletionTimestamp !== undefined) throw namespaceTerminating(info, meta.name ?? meta.generateName ?? '', ns);
    } else delete meta.namespace;
    if (meta.resourceVersion !== undefined && meta.resourceVersion !== '') {
      throw badRequest('resourceVersion should not be set on objects to be created');
    }
    const generated = (meta.name === undefined || meta.name === '') && typeof meta.generateName === 'string' && meta.generateName !== '';
    if (generated) meta.name = this.#generateName(resource, meta.namespace, meta.generateName ?? '');
    const now = rfc3339Seconds(this.#now());
    meta.uid = randomUUID();
    meta.creationTimestamp = now;
    delete meta.deletionTimestamp;
    delete meta.deletionGracePeriodSeconds;
    delete meta.managedFields;
    if (info.hasGeneration) meta.generation = 1;
    else delete meta.generation;
    const strategy = strategyFor(resource);
    strategy.prepareForCreate(obj, { uid: meta.uid, now });
    const errors = [...validateObjectMeta(meta, info.nameRule), ...strategy.validate(obj)];
    if (errors.length > 0) throw invalid(info, meta.name ?? '', errors);
    if (this.#find(resource, meta.namespace, meta.name ?? '') !== undefined) throw alreadyExists(info, meta.name ?? '');
    if (opts.dryRun === true) return obj;
    return this.#commit('ADDED', resource, obj, undefined);
  }

  /**
   * Replaces an object as `PUT` does. A `metadata.resourceVersion` in the body must be current.
   * Main-resource writes keep the stored `status`; `subresource: 'status'` keeps everything but it.
   * @throws ApiError 404, 409 Conflict (stale resourceVersion or uid), 422 Invalid.
   */
  update(resource: ResourceName, namespace: string | undefined, body: KubeObject, opts: WriteOptions = {}): KubeObject {
    const info = resourceInfo(resource);
    const name = body.metadata?.name ?? '';
    if (name === '') throw badRequest('name is required for an update');
    const old = this.#find(resource, namespace, name);
    if (old === undefined) throw notFound(info, name);
    const rv = body.metadata.resourceVersion;
    if (rv !== undefined && rv !== '' && rv !== old.metadata.resourceVersion) throw conflict(info, name);
    const uid = body.metadata.uid;
    if (uid !== undefined && uid !== '' && uid !== old.metadata.uid) {
      throw conflict(info, name, `Precondition failed: UID in precondition: ${uid}, UID in object meta: ${old.metadata.uid ?? ''}`);
    }
    return deepCopy(this.#applyUpdate(info, old, deepCopy(body), opts.subresource, false, opts.dryRun === true));
  }

  /**
   * Read-modify-write for controllers: `fn` edits a copy; the result is committed without
   * resourceVersion checks or update validation (controllers are trusted, e.g. to bind
   * `spec.nodeName`). With `subresource: 'status'` only `status` is taken. No write happens when
   * `fn` changes nothing. Returns the stored result itself, deep-frozen (copy it to edit), or
   * undefined when the object does not exist.
   */
  mutate(resource: ResourceName, namespace: string | undefined, name: string, fn: (obj: KubeObject) => void, opts: WriteOptions = {}): KubeObject | undefined {
    const old = this.#find(resource, namespace, name);
    if (old === undefined) return undefined;
    const next = deepCopy(old);
    fn(next);
    return this.#applyUpdate(resourceInfo(resource), old, next, opts.subresource, true);
  }

  /**
   * Deletes as `DELETE` does (see {@link deleteObject}); returns undefined when the object does not exist.
   */
  delete(resource: ResourceName, namespace: string | undefined, name: string, opts: StoreDeleteOptions = {}): KubeObject | undefined {
    if (this.#find(resource, namespace, name) === undefined) return undefined;
    return this.deleteObject(resource, namespace, name, opts).object;
  }

  /**
   * Deletes with the real semantics: graceful pod deletion (`deletionTimestamp` + grace; unbound or
   * terminal pods go at once), finalizers hold objects, `propagationPolicy` (Jobs default to
   * Orphan) and owner-reference garbage collection of dependents, namespace termination.
   * @throws ApiError 404, 409 (failed precondition), 403 (protected namespace).
   */
  deleteObject(resource: ResourceName, namespace: string | undefined, name: string, opts: StoreDeleteOptions = {}): DeleteResult {
    const result = this.#deletion.delete(resource, namespace, name, opts);
    return { object: deepCopy(result.object), removed: result.removed };
  }

  /** Registers a listener called synchronously, in resourceVersion order, after each commit. Returns the unsubscribe function. */
  subscribe(listener: (event: StoreEvent) => void): () => void {
    return this.#events.subscribe(listener);
  }

  /**
   * Committed events after `resourceVersion`, oldest first (objects are shared; do not mutate).
   * @throws ApiError 410 Expired when that version was compacted.
   */
  eventsSince(resourceVersion: number): HistoryEntry[] {
    return this.#history.since(resourceVersion);
  }

  /** Compacts watch history up to `resourceVersion` (default: the current one), as etcd compaction. */
  compact(resourceVersion: number = this.#rv): void {
    this.#history.compact(Math.min(resourceVersion, this.#rv));
  }

  #find(resource: ResourceName, namespace: string | undefined, name: string): KubeObject | undefined {
    return this.#index.find(resource, namespace, name);
  }

  #generateName(resource: ResourceName, namespace: string | undefined, prefix: string): string {
    const base = prefix.slice(0, MAX_GENERATED_PREFIX);
    for (;;) {
      let suffix = '';
      for (let i = 0; i < 5; i++) suffix += GENERATED_NAME_ALPHABET[randomInt(GENERATED_NAME_ALPHABET.length)] ?? 'b';
      const candidate = base + suffix;
      if (this.#find(resource, namespace, candidate) === undefined) return candidate;
    }
  }

  #applyUpdate(info: ResourceInfo, old: KubeObject, input: KubeObject, subresource: 'status' | undefined, trusted: boolean, dryRun = false): KubeObject {
    let next: KubeObject;
    if (subresource === 'status') {
      next = deepCopy(old);
      if (input.status === undefined) delete next.status;
      else next.status = input.status;
    } else {
      next = input;
      next.metadata = next.metadata ?? {};
      const meta = next.metadata;
      const om = old.metadata;
      for (const k of ['name', 'namespace', 'uid', 'creationTimestamp', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'generation'] as const) {
        if (om[k] === undefined) delete meta[k];
        else (meta as Record<string, unknown>)[k] = om[k];
      }
      if (info.hasStatus && !trusted) {
        if (old.status === undefined) delete next.status;
        else next.status = deepCopy(old.status);
      }
    }
    next.apiVersion = apiVersionOf(info);
    next.kind = info.kind;
    next.metadata.resourceVersion = old.metadata.resourceVersion;
    const strategy = strategyFor(info.name);
    strategy.prepareForUpdate(next, old);
    if (!trusted) {
      const errors = [...validateObjectMeta(next.metadata, info.nameRule), ...strategy.validate(next), ...strategy.validateUpdate(next, old)];
      if (errors.length > 0) throw invalid(info, old.metadata.name ?? '', errors);
    }
    if (info.hasGeneration && !isDeepStrictEqual(next.spec, old.spec)) next.metadata.generation = (old.metadata.generation ?? 0) + 1;
    if (isDeepStrictEqual(next, old)) return old;
    if (dryRun) return next;
    this.#commit('MODIFIED', info.name, next, old);
    return this.#deletion.finalizeIfReleased(info.name, next);
  }

  #commit(type: StoreEventType, resource: ResourceName, object: KubeObject, previous: KubeObject | undefined): KubeObject {
    this.#rv += 1;
    const rv = String(this.#rv);
    const stored: KubeObject = type === 'DELETED' ? { ...object, metadata: { ...object.metadata, resourceVersion: rv } } : object;
    stored.metadata.resourceVersion = rv;
    deepFreeze(stored);
    if (type === 'DELETED') this.#index.remove(resource, stored, previous);
    else this.#index.put(resource, stored, previous);
    const event: StoreEvent = previous === undefined ? { type, resource, object: stored } : { type, resource, object: stored, previous };
    this.#history.append({ rv: this.#rv, event });
    this.#events.emit(event);
    return stored;
  }
}

function deepFreeze(value: unknown): void {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return;
  Object.freeze(value);
  for (const v of Object.values(value)) deepFreeze(v);
}
