import type { JobTemplate } from '@drmaa2/core';
import type { KubePodSpec } from '../kube-types.js';
import { invalidField, quote } from './invalid.js';
import { labelValueProblem } from './kube-names.js';

/** DRMAA2 operating systems Kubernetes has a `kubernetes.io/os` value for. */
export const osNames: Readonly<Record<string, string>> = { LINUX: 'linux', WIN: 'windows', WINNT: 'windows' };

/** DRMAA2 CPU architectures Kubernetes has a `kubernetes.io/arch` value for. */
export const archNames: Readonly<Record<string, string>> = { X64: 'amd64', ARM64: 'arm64', PPC64LE: 'ppc64le', ARM: 'arm' };

/** The node label candidate machines are matched against. */
export const HOSTNAME_LABEL = 'kubernetes.io/hostname';

/**
 * Node selectors for `machineOS` and `machineArch`.
 *
 * @throws Drmaa2Error `INVALID_ARGUMENT` naming the attribute when Kubernetes has no name for it.
 */
export function platformSelectors(template: JobTemplate): Record<string, string> {
  const selectors: Record<string, string> = {};
  if (template.machineOS !== undefined) {
    const os = osNames[template.machineOS];
    if (os === undefined) throw invalidField('machineOS', `${template.machineOS} has no Kubernetes node OS; use one of ${Object.keys(osNames).join(', ')}`);
    selectors['kubernetes.io/os'] = os;
  }
  if (template.machineArch !== undefined) {
    const arch = archNames[template.machineArch];
    if (arch === undefined) throw invalidField('machineArch', `${template.machineArch} has no Kubernetes node architecture; use one of ${Object.keys(archNames).join(', ')}`);
    selectors['kubernetes.io/arch'] = arch;
  }
  return selectors;
}

/**
 * Merges node selectors from several sources; the first source of a key wins only when all agree.
 *
 * @throws Drmaa2Error `INVALID_ARGUMENT` naming the later source when two sources disagree on a key.
 */
export function mergeSelectors(sources: readonly { readonly field: string; readonly selectors: Readonly<Record<string, string>> }[]): Record<string, string> {
  const merged: Record<string, string> = {};
  const from: Record<string, string> = {};
  for (const { field, selectors } of sources) {
    for (const [key, value] of Object.entries(selectors)) {
      const existing = merged[key];
      if (existing !== undefined && existing !== value) {
        throw invalidField(field, `node selector ${key}=${value} contradicts ${key}=${existing} from ${from[key] ?? 'another attribute'}`);
      }
      merged[key] = value;
      from[key] = field;
    }
  }
  return merged;
}

/**
 * The required node affinity for `candidateMachines` (hostname In the list); `undefined` for an
 * unset or empty list.
 *
 * @throws Drmaa2Error `INVALID_ARGUMENT` naming `candidateMachines[i]` for a name that cannot be a
 *   `kubernetes.io/hostname` label value.
 */
export function candidateAffinity(template: JobTemplate): KubePodSpec['affinity'] | undefined {
  const machines = template.candidateMachines;
  if (machines === undefined || machines.length === 0) return undefined;
  machines.forEach((machine, i) => {
    const problem = labelValueProblem(machine);
    if (problem !== undefined) throw invalidField(`candidateMachines[${i}]`, `${quote(machine)} ${problem}`);
  });
  return {
    nodeAffinity: {
      requiredDuringSchedulingIgnoredDuringExecution: {
        nodeSelectorTerms: [{ matchExpressions: [{ key: HOSTNAME_LABEL, operator: 'In', values: [...new Set(machines)] }] }],
      },
    },
  };
}
