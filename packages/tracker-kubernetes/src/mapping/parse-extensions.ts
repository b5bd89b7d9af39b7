import type { KubeToleration } from '../kube-types.js';
import { type AcceleratorPlan, parseDistribution, planAccelerator } from './accelerator.js';
import {
  checkUserKey,
  extensionField,
  parseBooleanExtension,
  parseIntegerExtension,
  parseKeyValueList,
  parseLabelMap,
  parseNameList,
} from './extension-values.js';
import { kubernetesExtensionNames } from './extensions.js';
import { invalidField, quote } from './invalid.js';
import { dns1123LabelProblem, dns1123SubdomainProblem } from './kube-names.js';
import { type PodSpecPatch, parsePodSpecPatch } from './pod-spec-patch.js';
import { parseTolerations } from './tolerations.js';

/** The extensions of a template, parsed and checked. Unset extensions are `undefined`. */
export interface ParsedExtensions {
  readonly namespace?: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
  readonly schedulerName?: string;
  readonly privileged?: boolean;
  readonly imagePullPolicy?: 'Always' | 'Never' | 'IfNotPresent';
  readonly imagePullSecrets: readonly string[];
  readonly serviceAccountName?: string;
  readonly nodeSelector: Readonly<Record<string, string>>;
  readonly tolerations: readonly KubeToleration[];
  readonly envFromSecrets: readonly string[];
  readonly envFromConfigMaps: readonly string[];
  readonly ttlSecondsAfterFinished?: number;
  readonly runAsUser?: number;
  readonly runAsGroup?: number;
  readonly fsGroup?: number;
  readonly accelerator?: AcceleratorPlan;
  readonly podSpecPatch?: PodSpecPatch;
  /** How array members learn their DRMAA2 index: `shell` (default) or `none`. */
  readonly taskId: 'shell' | 'none';
}

const INT32_MAX = 2147483647;

function parseTaskId(value: string): 'shell' | 'none' {
  const mode = value.trim().toLowerCase();
  if (mode !== 'shell' && mode !== 'none') throw invalidField(extensionField('task-id'), `${quote(value)} must be "shell" or "none"`);
  return mode;
}
const pullPolicies = { always: 'Always', never: 'Never', ifnotpresent: 'IfNotPresent' } as const;

function checkName(name: string, value: string, problemOf: (v: string) => string | undefined): string {
  const trimmed = value.trim();
  const problem = problemOf(trimmed);
  if (problem !== undefined) throw invalidField(extensionField(name), `${quote(trimmed)} ${problem}`);
  return trimmed;
}

function parseAnnotations(value: string): Record<string, string> {
  const name = 'annotations';
  let pairs: [string, string][];
  if (value.trim().startsWith('{')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(value);
    } catch {
      throw invalidField(extensionField(name), 'must be key=value pairs or a valid JSON object of strings');
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      throw invalidField(extensionField(name), 'must be a JSON object of strings');
    }
    pairs = Object.entries(parsed).map(([key, entry]) => {
      if (typeof entry !== 'string') throw invalidField(extensionField(name), `value of ${quote(key)} must be a string`);
      return [key, entry];
    });
  } else {
    pairs = parseKeyValueList(name, value);
  }
  const map: Record<string, string> = {};
  for (const [key, entry] of pairs) {
    checkUserKey(name, key, true);
    map[key] = entry;
  }
  return map;
}

function parsePullPolicy(value: string): 'Always' | 'Never' | 'IfNotPresent' {
  const lower = value.trim().toLowerCase();
  if (lower === 'always' || lower === 'never' || lower === 'ifnotpresent') return pullPolicies[lower];
  throw invalidField(extensionField('pullpolicy'), 'must be always, never or ifnotpresent');
}

/**
 * Parses and checks every extension of a template. Defaults: no extra labels, annotations, node
 * selectors or tolerations; everything else unset.
 *
 * @throws Drmaa2Error `INVALID_ARGUMENT` naming `JobTemplate.extensions.<name>` for an unknown
 *   extension or a value breaking its format (see {@link kubernetesExtensions}).
 */
export function parseExtensions(extensions: Readonly<Record<string, string>> | undefined): ParsedExtensions {
  const ext = extensions ?? {};
  for (const [key, value] of Object.entries(ext)) {
    if (!kubernetesExtensionNames.has(key)) throw invalidField(extensionField(key), 'is not an extension of the Kubernetes tracker');
    if (typeof value !== 'string') throw invalidField(extensionField(key), 'must be a string');
  }
  const get = (name: string): string | undefined => {
    const value = ext[name];
    return value === undefined || value.trim().length === 0 ? undefined : value;
  };
  const optional = <T>(name: string, parse: (value: string) => T): T | undefined => {
    const value = get(name);
    return value === undefined ? undefined : parse(value);
  };
  const names = (...keys: string[]): string[] => [...new Set(keys.flatMap((key) => optional(key, (v) => parseNameList(key, v)) ?? []))];
  const distribution = optional('distribution', parseDistribution);
  return {
    namespace: optional('namespace', (v) => checkName('namespace', v, dns1123LabelProblem)),
    labels: optional('labels', (v) => parseLabelMap('labels', v)) ?? {},
    annotations: optional('annotations', parseAnnotations) ?? {},
    schedulerName: optional('scheduler', (v) => checkName('scheduler', v, dns1123SubdomainProblem)),
    privileged: optional('privileged', (v) => parseBooleanExtension('privileged', v)),
    imagePullPolicy: optional('pullpolicy', parsePullPolicy),
    imagePullSecrets: names('imagepullsecrets'),
    serviceAccountName: optional('service-account-name', (v) => checkName('service-account-name', v, dns1123SubdomainProblem)),
    nodeSelector: optional('node-selectors', (v) => parseLabelMap('node-selectors', v, { allowReserved: true })) ?? {},
    tolerations: optional('tolerations', parseTolerations) ?? [],
    envFromSecrets: names('env-from-secret', 'env-from-secrets'),
    envFromConfigMaps: names('env-from-configmap', 'env-from-configmaps'),
    ttlSecondsAfterFinished: optional('ttlsecondsafterfinished', (v) => parseIntegerExtension('ttlsecondsafterfinished', v, 0, INT32_MAX)),
    runAsUser: optional('runasuser', (v) => parseIntegerExtension('runasuser', v, 0, INT32_MAX)),
    runAsGroup: optional('runasgroup', (v) => parseIntegerExtension('runasgroup', v, 0, INT32_MAX)),
    fsGroup: optional('fsgroup', (v) => parseIntegerExtension('fsgroup', v, 0, INT32_MAX)),
    accelerator: optional('accelerator', (v) => planAccelerator(v, distribution)),
    podSpecPatch: optional('podSpecPatch', parsePodSpecPatch),
    taskId: optional('task-id', parseTaskId) ?? 'shell',
  };
}
