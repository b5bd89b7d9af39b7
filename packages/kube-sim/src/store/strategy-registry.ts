import type { ResourceStrategy } from './strategy.js';
import type { ResourceName } from './types.js';
import { configMapStrategy, secretStrategy } from './strategies/config-strategies.js';
import { jobStrategy } from './strategies/job-strategy.js';
import { podStrategy } from './strategies/pod-strategy.js';
import { bindingStrategy, roleStrategy, serviceAccountStrategy } from './strategies/rbac-strategies.js';
import { eventStrategy, namespaceStrategy, nodeStrategy, pvcStrategy } from './strategies/simple-strategies.js';

const STRATEGIES: Record<ResourceName, ResourceStrategy> = {
  namespaces: namespaceStrategy,
  nodes: nodeStrategy,
  pods: podStrategy,
  configmaps: configMapStrategy,
  secrets: secretStrategy,
  persistentvolumeclaims: pvcStrategy,
  events: eventStrategy,
  serviceaccounts: serviceAccountStrategy,
  jobs: jobStrategy,
  roles: roleStrategy,
  clusterroles: roleStrategy,
  rolebindings: bindingStrategy,
  clusterrolebindings: bindingStrategy,
};

/** The defaulting/validation strategy of a resource. */
export function strategyFor(resource: ResourceName): ResourceStrategy {
  return STRATEGIES[resource];
}
