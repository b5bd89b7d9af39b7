import type { FieldError } from '../api-error.js';
import { isObject, objectsAt, type JsonObject } from '../object-util.js';
import { duplicate, invalidValue, nonNegative, notFoundValue, notSupported, required } from '../../validation/field-errors.js';
import { localDescendingPathErrors, localNonReservedPathErrors } from '../../validation/local-paths.js';
import { dns1123LabelErrors, envVarNameErrors } from '../../validation/names.js';
import { canonicalizeResources, validateResources } from './resource-quantities.js';

/** Whether the spec belongs to a pod template (no admission defaults, restartPolicy left alone). */
export interface PodSpecContext {
  template: boolean;
  /** Kind named in decode errors (`Pod`, `Job`). Default `Pod`. */
  kind?: string;
}

function defaultContainer(c: JsonObject, kind: string): void {
  canonicalizeResources(c, kind);
  const image = typeof c.image === 'string' ? c.image : '';
  if (c.imagePullPolicy === undefined) {
    const tag = /:[^/]*$/.exec(image.split('@')[0] ?? '')?.[0];
    c.imagePullPolicy = image.includes('@') || (tag !== undefined && tag !== ':latest') ? 'IfNotPresent' : 'Always';
  }
  c.terminationMessagePath ??= '/dev/termination-log';
  c.terminationMessagePolicy ??= 'File';
  c.resources ??= {};
  for (const p of objectsAt(c, 'ports')) p.protocol ??= 'TCP';
  for (const e of objectsAt(c, 'env')) {
    const from = isObject(e.valueFrom) ? e.valueFrom : undefined;
    if (from !== undefined && isObject(from.fieldRef)) from.fieldRef.apiVersion ??= 'v1';
  }
}

/** Applies the API server's PodSpec defaulting (and, for pods, admission defaults) in place. */
export function defaultPodSpec(spec: JsonObject, ctx: PodSpecContext): void {
  if (!ctx.template) spec.restartPolicy ??= 'Always';
  spec.dnsPolicy ??= 'ClusterFirst';
  spec.schedulerName ??= 'default-scheduler';
  spec.terminationGracePeriodSeconds ??= 30;
  spec.securityContext ??= {};
  for (const c of [...objectsAt(spec, 'containers'), ...objectsAt(spec, 'initContainers')]) defaultContainer(c, ctx.kind ?? 'Pod');
  if (ctx.template) return;
  spec.serviceAccountName ??= 'default';
  spec.serviceAccount ??= spec.serviceAccountName;
  spec.enableServiceLinks ??= true;
  spec.preemptionPolicy ??= 'PreemptLowerPriority';
  spec.priority ??= 0;
  const tolerations = Array.isArray(spec.tolerations) ? spec.tolerations.filter(isObject) : [];
  for (const key of ['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable']) {
    if (!tolerations.some((t) => t.key === key)) {
      tolerations.push({ key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 });
    }
  }
  spec.tolerations = tolerations;
}

/** `volumeMounts`: the volume exists, `mountPath` is set and unique, `subPath` stays inside the volume. */
function validateVolumeMounts(c: JsonObject, path: string, volumes: ReadonlySet<string>): FieldError[] {
  const errs: FieldError[] = [];
  const mountPoints = new Set<string>();
  objectsAt(c, 'volumeMounts').forEach((m, i) => {
    const p = `${path}.volumeMounts[${i}]`;
    const name = typeof m.name === 'string' ? m.name : '';
    if (name === '') errs.push(required(`${p}.name`));
    else if (!volumes.has(name)) errs.push(notFoundValue(`${p}.name`, name));
    const mountPath = typeof m.mountPath === 'string' ? m.mountPath : '';
    if (mountPath === '') errs.push(required(`${p}.mountPath`));
    else if (mountPath.includes(':')) errs.push(invalidValue(`${p}.mountPath`, mountPath, "must not contain ':'"));
    if (mountPoints.has(mountPath)) errs.push(invalidValue(`${p}.mountPath`, mountPath, 'must be unique'));
    mountPoints.add(mountPath);
    // The real validation names the list, not the item, for subPath errors.
    if (typeof m.subPath === 'string' && m.subPath !== '') errs.push(...localDescendingPathErrors(`${path}.volumeMounts.subPath`, m.subPath));
  });
  return errs;
}

/** `configMap`/`secret` `items`: key and path required, path relative and without `..`. */
function validateKeyToPaths(source: unknown, path: string): FieldError[] {
  if (!isObject(source)) return [];
  const errs: FieldError[] = [];
  objectsAt(source, 'items').forEach((item, i) => {
    const p = `${path}.items[${i}]`;
    if (typeof item.key !== 'string' || item.key === '') errs.push(required(`${p}.key`));
    const target = typeof item.path === 'string' ? item.path : '';
    if (target === '') errs.push(required(`${p}.path`));
    errs.push(...localNonReservedPathErrors(`${p}.path`, target));
  });
  return errs;
}

function validateContainer(c: JsonObject, path: string, names: Set<string>, volumes: ReadonlySet<string>): FieldError[] {
  const errs: FieldError[] = [];
  const name = c.name;
  if (typeof name !== 'string' || name === '') errs.push(required(`${path}.name`));
  else {
    for (const e of dns1123LabelErrors(name)) errs.push(invalidValue(`${path}.name`, name, e));
    if (names.has(name)) errs.push(duplicate(`${path}.name`, name));
    names.add(name);
  }
  if (typeof c.image !== 'string' || c.image === '') errs.push(required(`${path}.image`));
  objectsAt(c, 'env').forEach((e, i) => {
    const p = `${path}.env[${i}].name`;
    if (typeof e.name !== 'string' || e.name === '') errs.push(required(p));
    else for (const m of envVarNameErrors(e.name)) errs.push(invalidValue(p, e.name, m));
  });
  errs.push(...validateResources(c, path));
  errs.push(...validateVolumeMounts(c, path, volumes));
  if (c.command !== undefined && !Array.isArray(c.command)) errs.push(invalidValue(`${path}.command`, c.command, 'must be a list of strings'));
  if (c.args !== undefined && !Array.isArray(c.args)) errs.push(invalidValue(`${path}.args`, c.args, 'must be a list of strings'));
  return errs;
}

/** Validates a PodSpec at `path` (volumes, containers, names, images, env, volume mounts, restartPolicy, integers). */
export function validatePodSpec(spec: unknown, path: string, ctx: PodSpecContext): FieldError[] {
  if (!isObject(spec)) return [required(path)];
  const errs: FieldError[] = [];
  const volumes = new Set<string>();
  objectsAt(spec, 'volumes').forEach((v, i) => {
    const p = `${path}.volumes[${i}]`;
    if (typeof v.name !== 'string' || v.name === '') errs.push(required(`${p}.name`));
    else {
      for (const e of dns1123LabelErrors(v.name)) errs.push(invalidValue(`${p}.name`, v.name, e));
      if (volumes.has(v.name)) errs.push(duplicate(`${p}.name`, v.name));
      volumes.add(v.name);
    }
    errs.push(...validateKeyToPaths(v.configMap, `${p}.configMap`), ...validateKeyToPaths(v.secret, `${p}.secret`));
  });
  const names = new Set<string>();
  const containers = objectsAt(spec, 'containers');
  if (containers.length === 0) errs.push(required(`${path}.containers`));
  objectsAt(spec, 'initContainers').forEach((c, i) => errs.push(...validateContainer(c, `${path}.initContainers[${i}]`, names, volumes)));
  containers.forEach((c, i) => errs.push(...validateContainer(c, `${path}.containers[${i}]`, names, volumes)));
  if (!ctx.template) {
    const rp = spec.restartPolicy;
    if (rp !== 'Always' && rp !== 'OnFailure' && rp !== 'Never') errs.push(notSupported(`${path}.restartPolicy`, rp ?? '', ['Always', 'OnFailure', 'Never']));
  }
  errs.push(...nonNegative(`${path}.terminationGracePeriodSeconds`, spec.terminationGracePeriodSeconds));
  const ads = spec.activeDeadlineSeconds;
  if (ads !== undefined && (typeof ads !== 'number' || !Number.isInteger(ads) || ads <= 0)) {
    errs.push(invalidValue(`${path}.activeDeadlineSeconds`, ads, 'must be between 1 and 2147483647, inclusive'));
  }
  return errs;
}

/** The pod's QoS class from its containers' requests and limits. */
export function qosClass(spec: JsonObject): 'Guaranteed' | 'Burstable' | 'BestEffort' {
  const containers = [...objectsAt(spec, 'containers'), ...objectsAt(spec, 'initContainers')];
  let any = false;
  let guaranteed = containers.length > 0;
  for (const c of containers) {
    const res = isObject(c.resources) ? c.resources : {};
    const req = isObject(res.requests) ? res.requests : {};
    const lim = isObject(res.limits) ? res.limits : {};
    if (Object.keys(req).length > 0 || Object.keys(lim).length > 0) any = true;
    for (const r of ['cpu', 'memory']) {
      if (lim[r] === undefined || (req[r] !== undefined && req[r] !== lim[r])) guaranteed = false;
    }
  }
  if (!any) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}
