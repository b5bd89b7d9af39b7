import { badRequest } from '../store/api-error.js';
import { isObject, type JsonObject } from '../store/object-util.js';

/** How a list field merges: by a key field, as a set of primitives, or (undefined) replaced whole. */
type ListStrategy = { key: string } | { primitive: true } | undefined;

const BY_NAME = new Set(['containers', 'initContainers', 'ephemeralContainers', 'volumes', 'imagePullSecrets', 'env']);
const BY_KEY: Record<string, string> = {
  volumeMounts: 'mountPath',
  volumeDevices: 'devicePath',
  conditions: 'type',
  addresses: 'type',
  ownerReferences: 'uid',
  hostAliases: 'ip',
  resizePolicy: 'resourceName',
  topologySpreadConstraints: 'topologyKey',
};

/**
 * The patch strategy of a list field, from the Kubernetes struct tags of the types Jobs, Pods and
 * Nodes use (`patchMergeKey`/`patchStrategy`); `path` is the field path without list indices.
 */
export function listStrategy(path: readonly string[]): ListStrategy {
  const field = path[path.length - 1] ?? '';
  if (BY_NAME.has(field)) return { key: 'name' };
  if (field === 'ports' && (path[path.length - 2] === 'containers' || path[path.length - 2] === 'initContainers')) return { key: 'containerPort' };
  const key = BY_KEY[field];
  if (key !== undefined) return { key };
  if (field === 'finalizers' && path.length === 2 && path[0] === 'metadata') return { primitive: true };
  return undefined;
}

function stripDirectives(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripDirectives);
  if (!isObject(value)) return value;
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(value)) if (!k.startsWith('$')) out[k] = stripDirectives(v);
  return out;
}

function mergeList(original: unknown, patch: unknown[], strategy: ListStrategy, path: string[]): unknown[] {
  if (strategy === undefined) return patch.map(stripDirectives);
  const base = Array.isArray(original) ? structuredClone(original) as unknown[] : [];
  if ('primitive' in strategy) {
    for (const v of patch) if (!base.some((b) => b === v)) base.push(v);
    return base;
  }
  if (patch.some((p) => isObject(p) && p.$patch === 'replace')) {
    return patch.filter((p) => !(isObject(p) && p.$patch === 'replace')).map(stripDirectives);
  }
  for (const item of patch) {
    if (!isObject(item) || item[strategy.key] === undefined) {
      throw badRequest(`map: ${JSON.stringify(item)} does not contain declared merge key: ${strategy.key}`);
    }
    const idx = base.findIndex((b) => isObject(b) && b[strategy.key] === item[strategy.key]);
    if (item.$patch === 'delete') {
      if (idx >= 0) base.splice(idx, 1);
    } else if (idx >= 0) {
      base[idx] = applyStrategicMergePatch(base[idx], item, path);
    } else {
      base.push(stripDirectives(item));
    }
  }
  return base;
}

/**
 * Applies a Kubernetes strategic merge patch: maps merge, `null` deletes, lists with a merge key
 * (containers, env, volumes, ports, conditions, ...) merge by key, `metadata.finalizers` merges as
 * a set; directives `$patch` (replace/delete/merge), `$deleteFromPrimitiveList/<field>`,
 * `$setElementOrder/<field>` and `$retainKeys` are honoured. Returns a new value.
 * @throws ApiError 400 for a list item without its merge key.
 */
export function applyStrategicMergePatch(original: unknown, patch: unknown, path: string[] = []): unknown {
  if (!isObject(patch)) return structuredClone(patch);
  if (patch.$patch === 'replace') return stripDirectives(patch);
  const out: JsonObject = isObject(original) ? structuredClone(original) : {};
  for (const [key, value] of Object.entries(patch)) {
    if (key.startsWith('$deleteFromPrimitiveList/')) {
      const field = key.slice('$deleteFromPrimitiveList/'.length);
      const current = out[field];
      if (Array.isArray(current) && Array.isArray(value)) {
        const kept = current.filter((v) => !value.includes(v));
        if (kept.length === 0) delete out[field];
        else out[field] = kept;
      }
    }
  }
  for (const [key, value] of Object.entries(patch)) {
    if (key.startsWith('$')) continue;
    const childPath = [...path, key];
    if (value === null) delete out[key];
    else if (Array.isArray(value)) out[key] = mergeList(out[key], value, listStrategy(childPath), childPath);
    else if (isObject(value)) {
      if (value.$patch === 'delete') delete out[key];
      else out[key] = applyStrategicMergePatch(out[key], value, childPath);
    } else out[key] = value;
  }
  const retain = patch.$retainKeys;
  if (Array.isArray(retain)) for (const k of Object.keys(out)) if (!retain.includes(k)) delete out[k];
  return out;
}
