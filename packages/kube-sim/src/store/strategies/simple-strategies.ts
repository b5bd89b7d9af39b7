import { child, isObject } from '../object-util.js';
import { baseStrategy, type ResourceStrategy } from '../strategy.js';
import { required } from '../../validation/field-errors.js';

/** Namespaces: `kubernetes.io/metadata.name` label, `spec.finalizers: [kubernetes]`, phase Active. */
export const namespaceStrategy: ResourceStrategy = baseStrategy({
  prepareForCreate(obj) {
    obj.metadata.labels = { ...(obj.metadata.labels ?? {}), 'kubernetes.io/metadata.name': obj.metadata.name ?? '' };
    obj.spec = { finalizers: ['kubernetes'] };
    obj.status = { phase: 'Active' };
  },
  prepareForUpdate(next) {
    next.metadata.labels = { ...(next.metadata.labels ?? {}), 'kubernetes.io/metadata.name': next.metadata.name ?? '' };
  },
  validate: () => [],
});

/** Nodes: accepted as given (the simulator creates them), `spec` defaulted to `{}`. */
export const nodeStrategy: ResourceStrategy = baseStrategy({
  prepareForCreate(obj) {
    if (!isObject(obj.spec)) obj.spec = {};
  },
  validate: () => [],
});

/** PersistentVolumeClaims: `accessModes` and `resources.requests.storage` required; phase Pending. */
export const pvcStrategy: ResourceStrategy = baseStrategy({
  prepareForCreate(obj) {
    const spec = isObject(obj.spec) ? obj.spec : {};
    obj.spec = spec;
    spec.volumeMode ??= 'Filesystem';
    obj.status = { phase: 'Pending' };
  },
  validate(obj) {
    const spec = isObject(obj.spec) ? obj.spec : {};
    const errs = [];
    if (!Array.isArray(spec.accessModes) || spec.accessModes.length === 0) errs.push(required('spec.accessModes', 'at least 1 access mode is required'));
    const requests = child(child({ ...spec }, 'resources'), 'requests');
    if (requests.storage === undefined) errs.push(required('spec.resources[storage]'));
    return errs;
  },
});

/** Events: `involvedObject` required; everything else as given. */
export const eventStrategy: ResourceStrategy = baseStrategy({
  validate(obj) {
    return isObject(obj.involvedObject) ? [] : [required('involvedObject')];
  },
});
