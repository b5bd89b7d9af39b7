import type { CachedJob, CachedPod } from './job-index.js';

type Json = Record<string, unknown>;

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

function metadata(object: Json): CachedJob['metadata'] {
  const meta = pick(object.metadata, metadataKeys) ?? {};
  if (typeof meta.name !== 'string') meta.name = '';
  return meta as CachedJob['metadata'];
}

function slimTemplate(spec: Json | undefined): Json | undefined {
  const podSpec = (spec?.template as { spec?: { containers?: unknown } } | undefined)?.spec;
  if (!Array.isArray(podSpec?.containers)) return undefined;
  return { spec: { containers: (podSpec.containers as unknown[]).map((container) => pick(container, ['name', 'resources'])) } };
}

/** Keeps what the tracker reads of a Job: metadata, the spec fields it maps (containers: names and resources), and the status. */
export function slimJob(object: Json): CachedJob {
  const spec = pick(object.spec, ['parallelism', 'completions', 'completionMode', 'backoffLimit', 'backoffLimitPerIndex', 'activeDeadlineSeconds', 'suspend', 'ttlSecondsAfterFinished']);
  const template = slimTemplate(object.spec as Json | undefined);
  if (spec !== undefined && template !== undefined) spec.template = template;
  return { metadata: metadata(object), ...(spec === undefined ? {} : { spec }), ...(object.status === undefined ? {} : { status: object.status }) } as CachedJob;
}

/** Keeps what the tracker reads of a Pod: metadata, the node it runs on, and the status. */
export function slimPod(object: Json): CachedPod {
  const spec = pick(object.spec, ['nodeName']);
  return { metadata: metadata(object), ...(spec === undefined ? {} : { spec }), ...(object.status === undefined ? {} : { status: object.status }) } as CachedPod;
}
