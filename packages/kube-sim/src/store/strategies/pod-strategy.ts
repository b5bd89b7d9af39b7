import { isDeepStrictEqual } from 'node:util';
import { deepCopy, isObject, objectsAt, type JsonObject } from '../object-util.js';
import { baseStrategy, type ResourceStrategy } from '../strategy.js';
import { forbidden } from '../../validation/field-errors.js';
import { defaultPodSpec, qosClass, validatePodSpec } from './pod-spec.js';

const UPDATE_FORBIDDEN = 'pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)';

function mutableFieldsBlanked(spec: unknown): unknown {
  if (!isObject(spec)) return spec;
  const copy = deepCopy(spec);
  for (const c of [...objectsAt(copy, 'containers'), ...objectsAt(copy, 'initContainers')]) delete c.image;
  delete copy.activeDeadlineSeconds;
  delete copy.tolerations;
  delete copy.schedulingGates;
  return copy;
}

/** Pods: PodSpec defaulting, `status: {phase: Pending, qosClass}` on create, spec immutability on update. */
export const podStrategy: ResourceStrategy = baseStrategy({
  prepareForCreate(obj) {
    const spec: JsonObject = isObject(obj.spec) ? obj.spec : {};
    obj.spec = spec;
    defaultPodSpec(spec, { template: false });
    obj.status = { phase: 'Pending', qosClass: qosClass(spec) };
  },
  validate(obj) {
    return validatePodSpec(obj.spec, 'spec', { template: false });
  },
  validateUpdate(next, old) {
    return isDeepStrictEqual(mutableFieldsBlanked(next.spec), mutableFieldsBlanked(old.spec)) ? [] : [forbidden('spec', UPDATE_FORBIDDEN)];
  },
  prepareForUpdate(next) {
    if (isObject(next.spec)) defaultPodSpec(next.spec, { template: false });
  },
});
