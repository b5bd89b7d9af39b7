/**
 * A container's environment as the kubelet builds it: `envFrom` (ConfigMaps, Secrets, prefixes),
 * then `env` in order with `value` (`$(VAR)` expanded), `fieldRef`, `configMapKeyRef`,
 * `secretKeyRef`, `resourceFieldRef`; missing non-optional sources give the
 * `CreateContainerConfigError` messages the kubelet writes.
 */
import type { ContainerView, PodView } from '../kube-types.js';
import { formatQuantity, tryParseQuantity } from '../quantity.js';

/** Looks up ConfigMaps and Secrets (`data` already base64-decoded for Secrets). */
export interface ConfigLookup {
  configMap(namespace: string, name: string): Record<string, string> | undefined;
  secret(namespace: string, name: string): Record<string, string> | undefined;
}

/** The result: the environment, or the configuration error that blocks the container. */
export type EnvResult = { ok: true; env: Record<string, string> } | { ok: false; message: string };

/** Expands `$(NAME)` from `vars` (unknown names stay as written; `$$` escapes `$`). */
export function expandVars(text: string, vars: Record<string, string>): string {
  return text.replace(/\$\$|\$\(([^)]*)\)/g, (match, name: string | undefined) => {
    if (match === '$$') return '$';
    return name !== undefined && Object.hasOwn(vars, name) ? (vars[name] ?? '') : match;
  });
}

function bracketKey(path: string, prefix: string): string | undefined {
  const m = new RegExp(`^${prefix.replace('.', '\\.')}\\['(.*)'\\]$`).exec(path);
  return m?.[1];
}

/** Resolves a `fieldRef.fieldPath` against the pod (downward API). */
export function fieldRefValue(pod: PodView, path: string): string {
  const meta = pod.metadata;
  const label = bracketKey(path, 'metadata.labels');
  if (label !== undefined) return meta.labels?.[label] ?? '';
  const annotation = bracketKey(path, 'metadata.annotations');
  if (annotation !== undefined) return meta.annotations?.[annotation] ?? '';
  switch (path) {
    case 'metadata.name':
      return meta.name ?? '';
    case 'metadata.namespace':
      return meta.namespace ?? '';
    case 'metadata.uid':
      return meta.uid ?? '';
    case 'spec.nodeName':
      return pod.spec.nodeName ?? '';
    case 'spec.serviceAccountName':
      return pod.spec.serviceAccountName ?? 'default';
    case 'status.hostIP':
      return pod.status?.hostIP ?? '';
    case 'status.podIP':
      return pod.status?.podIP ?? '';
    case 'status.hostIPs':
      return (pod.status?.hostIPs ?? []).map((i) => i.ip).join(',');
    case 'status.podIPs':
      return (pod.status?.podIPs ?? []).map((i) => i.ip).join(',');
    default:
      return '';
  }
}

function resourceValue(container: ContainerView, resource: string): string {
  const [kind, name = ''] = resource.split('.');
  const source = kind === 'limits' ? container.resources?.limits : container.resources?.requests;
  const q = tryParseQuantity(source?.[name]);
  if (q === undefined) return '0';
  if (name === 'cpu') return String((q + 999n) / 1000n);
  return formatQuantity(((q + 999n) / 1000n) * 1000n);
}

/** Builds the environment of `container` in `pod`, starting from `base` (runtime variables). */
export function resolveEnv(pod: PodView, container: ContainerView, lookup: ConfigLookup, base: Record<string, string> = {}): EnvResult {
  const ns = pod.metadata.namespace ?? 'default';
  const env: Record<string, string> = { ...base };
  for (const from of container.envFrom ?? []) {
    const prefix = from.prefix ?? '';
    if (from.configMapRef) {
      const data = lookup.configMap(ns, from.configMapRef.name);
      if (!data) {
        if (from.configMapRef.optional) continue;
        return { ok: false, message: `configmap "${from.configMapRef.name}" not found` };
      }
      for (const [k, v] of Object.entries(data)) env[prefix + k] = v;
    } else if (from.secretRef) {
      const data = lookup.secret(ns, from.secretRef.name);
      if (!data) {
        if (from.secretRef.optional) continue;
        return { ok: false, message: `secret "${from.secretRef.name}" not found` };
      }
      for (const [k, v] of Object.entries(data)) env[prefix + k] = v;
    }
  }
  for (const e of container.env ?? []) {
    const from = e.valueFrom;
    if (!from) {
      env[e.name] = expandVars(e.value ?? '', env);
    } else if (from.fieldRef) {
      env[e.name] = fieldRefValue(pod, from.fieldRef.fieldPath);
    } else if (from.configMapKeyRef) {
      const ref = from.configMapKeyRef;
      const data = lookup.configMap(ns, ref.name);
      if (!data) {
        if (ref.optional) continue;
        return { ok: false, message: `configmap "${ref.name}" not found` };
      }
      const value = data[ref.key];
      if (value === undefined) {
        if (ref.optional) continue;
        return { ok: false, message: `couldn't find key ${ref.key} in ConfigMap ${ns}/${ref.name}` };
      }
      env[e.name] = value;
    } else if (from.secretKeyRef) {
      const ref = from.secretKeyRef;
      const data = lookup.secret(ns, ref.name);
      if (!data) {
        if (ref.optional) continue;
        return { ok: false, message: `secret "${ref.name}" not found` };
      }
      const value = data[ref.key];
      if (value === undefined) {
        if (ref.optional) continue;
        return { ok: false, message: `couldn't find key ${ref.key} in Secret ${ns}/${ref.name}` };
      }
      env[e.name] = value;
    } else if (from.resourceFieldRef) {
      env[e.name] = resourceValue(container, from.resourceFieldRef.resource);
    }
  }
  return { ok: true, env };
}

/** The kubelet's FailedMount message for the first missing non-optional ConfigMap/Secret volume, if any. */
export function missingVolumeSource(pod: PodView, lookup: ConfigLookup): string | undefined {
  const ns = pod.metadata.namespace ?? 'default';
  for (const v of pod.spec.volumes ?? []) {
    if (v.configMap && !v.configMap.optional && !lookup.configMap(ns, v.configMap.name)) {
      return `MountVolume.SetUp failed for volume "${v.name}" : configmap "${v.configMap.name}" not found`;
    }
    if (v.secret && !v.secret.optional && !lookup.secret(ns, v.secret.secretName)) {
      return `MountVolume.SetUp failed for volume "${v.name}" : secret "${v.secret.secretName}" not found`;
    }
  }
  return undefined;
}
