import { COMPLETION_INDEX_KEY, JOB_CONTAINER_NAME } from '../mapping/keys.js';
import type { CachedJob, CachedPod } from './job-index.js';
import { isRecord } from '../mapping/json-object.js';

type Json = Record<string, unknown>;

/** The most strings a {@link StringPool} holds before it starts afresh. */
const poolCapacity = 4096;
/** Longer strings are kept as they come (they are seldom shared). */
const poolMaxLength = 256;

/**
 * Shares equal strings between cached objects: JSON parsing makes a new string for every value,
 * while most values of Jobs and Pods repeat (timestamps of the same second, reasons, condition
 * messages, node and Job names). Bounded: when full it starts afresh, which only costs sharing.
 */
export class StringPool {
  readonly #strings = new Map<string, string>();

  /** The pool's copy of `value`. */
  intern(value: string): string {
    if (value.length > poolMaxLength) return value;
    const known = this.#strings.get(value);
    if (known !== undefined) return known;
    if (this.#strings.size >= poolCapacity) this.#strings.clear();
    this.#strings.set(value, value);
    return value;
  }

  /** Replaces, in place, every string in `value` (objects and arrays, recursively) by the pool's copy. */
  internAll<V>(value: V): V {
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i += 1) value[i] = this.#one(value[i]);
    } else if (typeof value === 'object' && value !== null) {
      const object = value as Json;
      for (const key of Object.keys(object)) object[key] = this.#one(object[key]);
    }
    return value;
  }

  #one(value: unknown): unknown {
    return typeof value === 'string' ? this.intern(value) : this.internAll(value);
  }
}

function pick(source: unknown, keys: readonly string[]): Json | undefined {
  if (typeof source !== 'object' || source === null) return undefined;
  const out: Json = {};
  for (const key of keys) {
    const value = (source as Json)[key];
    if (value !== undefined) out[key] = value;
  }
  return out;
}

const metadataKeys = ['name', 'namespace', 'uid', 'resourceVersion', 'creationTimestamp', 'deletionTimestamp', 'labels', 'annotations'] as const;

function metadata(object: Json, keys: readonly string[] = metadataKeys): CachedJob['metadata'] {
  const meta = pick(object.metadata, keys) ?? {};
  if (typeof meta.name !== 'string') meta.name = '';
  return meta as CachedJob['metadata'];
}

/** The pod template as the tracker reads it: the first container's name and CPU request (its slots). */
function slimTemplate(spec: Json | undefined): Json | undefined {
  const podSpec = (spec?.template as { spec?: { containers?: unknown } } | undefined)?.spec;
  if (!Array.isArray(podSpec?.containers)) return undefined;
  const first: unknown = (podSpec.containers as unknown[])[0];
  if (!isRecord(first)) return { spec: { containers: first === undefined ? [] : [first] } };
  const container = pick(first, ['name']) ?? {};
  const requests = isRecord(first.resources) ? first.resources.requests : undefined;
  if (isRecord(requests) && requests.cpu !== undefined) container.resources = { requests: { cpu: requests.cpu } };
  return { spec: { containers: [container] } };
}

const jobStatusKeys = ['active', 'ready', 'terminating', 'succeeded', 'failed', 'startTime', 'completionTime', 'completedIndexes', 'failedIndexes'] as const;
const conditionKeys = ['type', 'status', 'reason', 'message', 'lastTransitionTime'] as const;

/** A Job's status as the state mapping reads it: counters, times, index lists, and the conditions without their probe times. */
function slimJobStatus(status: unknown): unknown {
  if (!isRecord(status)) return status;
  const out = pick(status, jobStatusKeys) ?? {};
  const conditions = status.conditions;
  if (conditions !== undefined) out.conditions = Array.isArray(conditions) ? (conditions as unknown[]).map((condition) => (isRecord(condition) ? pick(condition, conditionKeys) : condition)) : conditions;
  return out;
}

/**
 * Keeps what the tracker reads of a Job: metadata, the spec fields it maps (containers: names and
 * resources), and the status the state mapping reads. With a `pool`, repeated strings (other than
 * annotations, names and versions) are shared.
 */
export function slimJob(object: Json, pool?: StringPool): CachedJob {
  const spec = pick(object.spec, ['parallelism', 'completions', 'completionMode', 'backoffLimit', 'backoffLimitPerIndex', 'activeDeadlineSeconds', 'suspend', 'ttlSecondsAfterFinished']);
  const template = slimTemplate(object.spec as Json | undefined);
  if (spec !== undefined && template !== undefined) spec.template = template;
  const meta = metadata(object);
  const status = object.status === undefined ? undefined : slimJobStatus(object.status);
  if (pool !== undefined) internShared(meta, pool, [meta.labels, spec, status]);
  return { metadata: meta, ...(spec === undefined ? {} : { spec }), ...(status === undefined ? {} : { status }) } as CachedJob;
}

/** Shares the metadata's namespace and times, and every string of `parts` (names are unique, so not pooled). */
function internShared(meta: Json, pool: StringPool, parts: readonly unknown[]): void {
  for (const key of ['namespace', 'creationTimestamp', 'deletionTimestamp']) {
    const value = meta[key];
    if (typeof value === 'string') meta[key] = pool.intern(value);
  }
  for (const part of parts) pool.internAll(part);
}

const podMetadataKeys = ['name', 'namespace', 'resourceVersion', 'creationTimestamp', 'deletionTimestamp', 'labels', 'annotations'] as const;
/** The pod labels the tracker reads: which Job (and which member of an Indexed Job) the pod runs. */
const podLabelKeys = ['batch.kubernetes.io/job-name', 'job-name', COMPLETION_INDEX_KEY] as const;
/** The pod annotations the tracker reads: the member and its earlier failures. */
const podAnnotationKeys = [COMPLETION_INDEX_KEY, 'batch.kubernetes.io/job-index-failure-count'] as const;

function slimContainerState(state: unknown): Json | undefined {
  if (!isRecord(state)) return undefined;
  const out: Json = {};
  const waiting = pick(state.waiting, ['reason', 'message']);
  if (waiting !== undefined) out.waiting = waiting;
  const running = pick(state.running, ['startedAt']);
  if (running !== undefined) out.running = running;
  const terminated = pick(state.terminated, ['exitCode', 'signal', 'reason', 'message', 'startedAt', 'finishedAt']);
  if (terminated !== undefined) out.terminated = terminated;
  return out;
}

/** The job container's status (named `job`, else the first), with only its states. */
function slimContainerStatuses(statuses: unknown): Json[] | undefined {
  if (!Array.isArray(statuses)) return undefined;
  const objects = statuses.filter(isRecord);
  const status = objects.find((entry) => entry.name === JOB_CONTAINER_NAME) ?? objects[0];
  if (status === undefined) return [];
  const out: Json = {};
  if (status.name !== undefined) out.name = status.name;
  const state = slimContainerState(status.state);
  if (state !== undefined) out.state = state;
  const lastState = slimContainerState(status.lastState);
  if (lastState !== undefined) out.lastState = lastState;
  return [out];
}

/** A Pod's status as the state mapping reads it: phase, reason, the PodScheduled condition, the job container's states, the first waiting init container. */
function slimPodStatus(status: unknown): unknown {
  if (!isRecord(status)) return status;
  const out = pick(status, ['phase', 'reason', 'message']) ?? {};
  if (Array.isArray(status.conditions)) {
    // Only an unscheduled pod's condition is read (why it waits).
    const scheduled = (status.conditions as unknown[]).find((condition) => isRecord(condition) && condition.type === 'PodScheduled');
    if (isRecord(scheduled) && scheduled.status === 'False') out.conditions = [pick(scheduled, ['type', 'status', 'reason', 'message'])];
  }
  const containers = slimContainerStatuses(status.containerStatuses);
  if (containers !== undefined) out.containerStatuses = containers;
  if (Array.isArray(status.initContainerStatuses)) {
    const waiting = (status.initContainerStatuses as unknown[]).find((entry) => isRecord(entry) && isRecord(entry.state) && isRecord(entry.state.waiting) && entry.state.waiting.reason !== undefined) as Json | undefined;
    out.initContainerStatuses = waiting === undefined ? [] : [{ state: slimContainerState(waiting.state) }];
  }
  return out;
}

/**
 * Keeps what the tracker reads of a Pod: its name, versions, times, the labels and annotations
 * naming its Job and member, the node it runs on, and the parts of its status the state mapping
 * reads (not the image names, container ids, other conditions or other containers). With a
 * `pool`, repeated strings are shared.
 */
export function slimPod(object: Json, pool?: StringPool): CachedPod {
  const meta = metadata(object, podMetadataKeys) as Json;
  const labels = pick(meta.labels, podLabelKeys);
  if (labels === undefined || Object.keys(labels).length === 0) delete meta.labels;
  else meta.labels = labels;
  const annotations = pick(meta.annotations, podAnnotationKeys);
  if (annotations === undefined || Object.keys(annotations).length === 0) delete meta.annotations;
  else meta.annotations = annotations;
  const spec = pick(object.spec, ['nodeName']);
  const status = object.status === undefined ? undefined : slimPodStatus(object.status);
  if (pool !== undefined) internShared(meta, pool, [spec, status, meta.annotations]);
  return { metadata: meta, ...(spec === undefined ? {} : { spec }), ...(status === undefined ? {} : { status }) } as CachedPod;
}
