import { Job } from 'kubernetes-models/batch/v1';
import { ConfigMap, PersistentVolumeClaim, Secret } from 'kubernetes-models/v1';
import type { JobPlan } from '../../src/mapping/index.js';
import type { KubeObject } from '../../src/kube-types.js';

/** Validates one object against the official schema (kubernetes-models); throws naming the object. */
function validateObject(object: KubeObject | JobPlan['job']): void {
  const data = JSON.parse(JSON.stringify(object)) as Record<string, unknown>;
  try {
    switch (data.kind) {
      case 'Job':
        new Job(data).validate();
        return;
      case 'ConfigMap':
        new ConfigMap(data).validate();
        return;
      case 'Secret':
        new Secret(data).validate();
        return;
      case 'PersistentVolumeClaim':
        new PersistentVolumeClaim(data).validate();
        return;
      default:
        throw new Error(`unexpected kind ${String(data.kind)}`);
    }
  } catch (error) {
    throw new Error(`${String(data.kind)} does not validate: ${error instanceof Error ? error.message : String(error)}\n${JSON.stringify(data)}`, { cause: error });
  }
}

/** Validates the Job and every staged object of a plan against the official schema. */
export function validatePlan(plan: JobPlan): void {
  validateObject(plan.job);
  for (const object of plan.staged) validateObject(object);
}
