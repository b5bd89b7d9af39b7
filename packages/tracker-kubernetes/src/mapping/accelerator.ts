import type { KubeToleration } from '../kube-types.js';
import { extensionField } from './extension-values.js';
import { invalidField, quote } from './invalid.js';
import { labelValueProblem } from './kube-names.js';

/** The Kubernetes distributions the `accelerator` extension knows how to target. */
export const distributions = ['gke', 'aks', 'eks', 'generic'] as const;

/** One of {@link distributions}. */
export type Distribution = (typeof distributions)[number];

/** What an accelerator request adds to the pod. */
export interface AcceleratorPlan {
  /** Extended resource limits of the job container. */
  readonly limits: Readonly<Record<string, string>>;
  readonly nodeSelector: Readonly<Record<string, string>>;
  readonly tolerations: readonly KubeToleration[];
}

/** The extended resource an accelerator count is requested as. */
export const GPU_RESOURCE = 'nvidia.com/gpu';

/**
 * Parses the `distribution` extension (`gke`, `aks`, `eks` or `generic`, any case).
 *
 * @throws Drmaa2Error `INVALID_ARGUMENT` naming `JobTemplate.extensions.distribution`.
 */
export function parseDistribution(value: string): Distribution {
  const lower = value.trim().toLowerCase();
  const found = distributions.find((entry) => entry === lower);
  if (found === undefined) throw invalidField(extensionField('distribution'), `must be one of ${distributions.join(', ')}`);
  return found;
}

/**
 * Plans the `accelerator` extension, `COUNT[*TYPE]` as in the reference: COUNT (1 to 1024) GPUs as
 * limit `nvidia.com/gpu`; TYPE selects the GPU model by a node selector that depends on the
 * distribution: GKE `cloud.google.com/gke-accelerator`, otherwise `nvidia.com/gpu.product` (the
 * label of NVIDIA's GPU feature discovery). On AKS the pod also tolerates `sku=gpu:NoSchedule`.
 *
 * @throws Drmaa2Error `INVALID_ARGUMENT` naming `JobTemplate.extensions.accelerator`.
 */
export function planAccelerator(value: string, distribution: Distribution = 'generic'): AcceleratorPlan {
  const field = extensionField('accelerator');
  const star = value.indexOf('*');
  const countText = (star === -1 ? value : value.slice(0, star)).trim();
  const type = star === -1 ? undefined : value.slice(star + 1).trim();
  if (!/^\d{1,4}$/.test(countText) || Number(countText) < 1 || Number(countText) > 1024) {
    throw invalidField(field, `count ${quote(countText)} must be a whole number from 1 to 1024 (format COUNT[*TYPE])`);
  }
  const nodeSelector: Record<string, string> = {};
  if (type !== undefined) {
    const problem = labelValueProblem(type);
    if (type.length === 0 || problem !== undefined) throw invalidField(field, `type ${quote(type)} ${problem ?? 'must not be empty'}`);
    nodeSelector[distribution === 'gke' ? 'cloud.google.com/gke-accelerator' : 'nvidia.com/gpu.product'] = type;
  }
  const tolerations: KubeToleration[] =
    distribution === 'aks' ? [{ key: 'sku', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' }] : [];
  return { limits: { [GPU_RESOURCE]: String(Number(countText)) }, nodeSelector, tolerations };
}
