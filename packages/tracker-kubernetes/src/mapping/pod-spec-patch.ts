import { extensionField } from './extension-values.js';
import { invalidField, quote } from './invalid.js';
import { isRecord } from './json-object.js';

type JsonKind = 'string' | 'integer' | 'boolean' | 'object' | 'array';

/** Pod spec fields a `podSpecPatch` may set, with the JSON type Kubernetes expects. */
const patchableFields: Readonly<Record<string, JsonKind>> = {
  activeDeadlineSeconds: 'integer',
  affinity: 'object',
  automountServiceAccountToken: 'boolean',
  dnsConfig: 'object',
  dnsPolicy: 'string',
  enableServiceLinks: 'boolean',
  hostAliases: 'array',
  hostIPC: 'boolean',
  hostNetwork: 'boolean',
  hostPID: 'boolean',
  hostUsers: 'boolean',
  hostname: 'string',
  initContainers: 'array',
  os: 'object',
  overhead: 'object',
  preemptionPolicy: 'string',
  readinessGates: 'array',
  resourceClaims: 'array',
  runtimeClassName: 'string',
  schedulingGates: 'array',
  securityContext: 'object',
  setHostnameAsFQDN: 'boolean',
  shareProcessNamespace: 'boolean',
  subdomain: 'string',
  terminationGracePeriodSeconds: 'integer',
  topologySpreadConstraints: 'array',
};

/**
 * Pod spec fields the tracker owns, with the template attribute or extension to use instead.
 * Dotted entries are nested fields of a patchable object.
 */
export const ownedPodSpecFields: Readonly<Record<string, string>> = {
  containers: 'remoteCommand, args, jobEnvironment and the other template attributes',
  ephemeralContainers: 'nothing: they cannot be set when a pod is created',
  restartPolicy: 'nothing: the tracker needs Never',
  volumes: 'stageInFiles',
  nodeName: 'candidateMachines',
  nodeSelector: 'machineOS, machineArch or extensions.node-selectors',
  'affinity.nodeAffinity': 'candidateMachines',
  tolerations: 'extensions.tolerations',
  schedulerName: 'extensions.scheduler',
  priority: 'priority',
  priorityClassName: 'priority',
  serviceAccount: 'extensions.service-account-name',
  serviceAccountName: 'extensions.service-account-name',
  imagePullSecrets: 'extensions.imagepullsecrets',
  'securityContext.runAsUser': 'extensions.runasuser',
  'securityContext.runAsGroup': 'extensions.runasgroup',
  'securityContext.fsGroup': 'extensions.fsgroup',
};

/** A parsed `podSpecPatch`: a JSON object of pod spec fields. */
export type PodSpecPatch = Readonly<Record<string, unknown>>;

function kindOf(value: unknown): JsonKind | 'null' | 'number' {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isSafeInteger(value) ? 'integer' : 'number';
  if (typeof value === 'string' || typeof value === 'boolean') return typeof value as 'string' | 'boolean';
  return 'object';
}

/**
 * Parses and checks the `podSpecPatch` extension: a JSON object merged into the generated pod spec
 * with JSON merge-patch rules (objects merge key by key, arrays and scalars replace, `null`
 * removes). Only pod spec fields listed in the package README may appear, each with the JSON type
 * Kubernetes expects; the API server validates their content.
 *
 * @throws Drmaa2Error `INVALID_ARGUMENT` naming `JobTemplate.extensions.podSpecPatch` for invalid
 *   JSON, a non-object, an unknown field, a wrong type, or a field the tracker owns (naming it and
 *   what to use instead).
 */
export function parsePodSpecPatch(value: string): PodSpecPatch {
  const field = extensionField('podSpecPatch');
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch (error) {
    throw invalidField(field, `must be valid JSON (${error instanceof Error ? error.message : 'parse error'})`);
  }
  if (!isRecord(parsed)) throw invalidField(field, 'must be a JSON object of pod spec fields');
  for (const [key, entry] of Object.entries(parsed)) {
    const owner = ownedPodSpecFields[key];
    if (owner !== undefined) throw invalidField(field, `must not set ${key}, which the tracker owns; use ${owner}`);
    const expected = patchableFields[key];
    if (expected === undefined) throw invalidField(field, `${quote(key)} is not a pod spec field a patch may set`);
    const actual = kindOf(entry);
    if (actual !== 'null' && actual !== expected) throw invalidField(field, `${key} must be a JSON ${expected}`);
    if (isRecord(entry)) {
      for (const nested of Object.keys(entry)) {
        const nestedOwner = ownedPodSpecFields[`${key}.${nested}`];
        if (nestedOwner !== undefined) {
          throw invalidField(field, `must not set ${key}.${nested}, which the tracker owns; use ${nestedOwner}`);
        }
      }
    }
  }
  return parsed;
}

/** Applies a JSON merge patch (RFC 7386) to `target` and returns the merged copy. */
export function mergePatch(target: Readonly<Record<string, unknown>>, patch: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const result: Record<string, unknown> = { ...target };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) {
      delete result[key];
    } else if (isRecord(value)) {
      const current = result[key];
      result[key] = mergePatch(isRecord(current) ? current : {}, value);
    } else {
      result[key] = value;
    }
  }
  return result;
}
