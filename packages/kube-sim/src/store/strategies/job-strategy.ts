import { isDeepStrictEqual } from 'node:util';
import type { FieldError } from '../api-error.js';
import { child, deepCopy, isObject, type JsonObject } from '../object-util.js';
import { baseStrategy, type ResourceStrategy } from '../strategy.js';
import type { KubeObject } from '../types.js';
import { immutable, invalidValue, nonNegative, notSupported, forbidden, required } from '../../validation/field-errors.js';
import { validateAnnotations, validateLabels } from '../../validation/object-meta.js';
import { dns1123LabelErrors } from '../../validation/names.js';
import { fromStructured, matchesLabels, type StructuredLabelSelector } from '../../selectors/label-selector.js';
import { defaultPodSpec, validatePodSpec } from './pod-spec.js';

const MAX_INT32 = 2147483647;

function specOf(obj: KubeObject): JsonObject {
  const spec = isObject(obj.spec) ? obj.spec : {};
  obj.spec = spec;
  return spec;
}

function applyJobDefaults(spec: JsonObject): void {
  if (spec.completions === undefined && spec.parallelism === undefined) spec.completions = 1;
  spec.parallelism ??= 1;
  spec.backoffLimit ??= spec.backoffLimitPerIndex !== undefined && spec.backoffLimitPerIndex !== null ? MAX_INT32 : 6;
  spec.completionMode ??= 'NonIndexed';
  spec.suspend ??= false;
  spec.manualSelector ??= false;
  spec.podReplacementPolicy ??= spec.podFailurePolicy !== undefined && spec.podFailurePolicy !== null ? 'Failed' : 'TerminatingOrFailed';
  const template = child(spec, 'template');
  defaultPodSpec(child(template, 'spec'), { template: true, kind: 'Job' });
}

/** Batch Jobs: defaulting, generated selector and labels, validation and immutable fields (reference §1). */
export const jobStrategy: ResourceStrategy = baseStrategy({
  prepareForCreate(obj, ctx) {
    const spec = specOf(obj);
    applyJobDefaults(spec);
    if (spec.manualSelector !== true) {
      const tmeta = child(child(spec, 'template'), 'metadata');
      const labels = isObject(tmeta.labels) ? tmeta.labels : {};
      const name = obj.metadata.name ?? '';
      Object.assign(labels, {
        'batch.kubernetes.io/controller-uid': ctx.uid,
        'batch.kubernetes.io/job-name': name,
        'controller-uid': ctx.uid,
        'job-name': name,
      });
      tmeta.labels = labels;
      if (spec.selector === undefined) spec.selector = { matchLabels: { 'batch.kubernetes.io/controller-uid': ctx.uid } };
      if (obj.metadata.labels === undefined || Object.keys(obj.metadata.labels).length === 0) obj.metadata.labels = { ...(labels as Record<string, string>) };
    }
    obj.status = {};
  },
  prepareForUpdate(next) {
    applyJobDefaults(specOf(next));
  },
  validate(obj) {
    return validateJobSpec(obj);
  },
  validateUpdate(next, old) {
    return validateJobUpdate(specOf(next), specOf(deepCopy(old)), old);
  },
});

function validateJobSpec(obj: KubeObject): FieldError[] {
  const spec = specOf(obj);
  const errs: FieldError[] = [];
  for (const f of ['parallelism', 'completions', 'backoffLimit', 'activeDeadlineSeconds', 'ttlSecondsAfterFinished', 'backoffLimitPerIndex', 'maxFailedIndexes']) {
    errs.push(...nonNegative(`spec.${f}`, spec[f]));
  }
  const indexed = spec.completionMode === 'Indexed';
  if (spec.completionMode !== 'NonIndexed' && !indexed) errs.push(notSupported('spec.completionMode', spec.completionMode, ['NonIndexed', 'Indexed']));
  if (indexed) {
    if (spec.completions === undefined || spec.completions === null) errs.push(required('spec.completions', 'when completion mode is Indexed'));
    if (typeof spec.parallelism === 'number' && spec.parallelism > 100000) errs.push(invalidValue('spec.parallelism', spec.parallelism, 'must be less than or equal to 100000 when completion mode is Indexed'));
  }
  const perIndex = spec.backoffLimitPerIndex !== undefined && spec.backoffLimitPerIndex !== null;
  if (perIndex && !indexed) errs.push(forbidden('spec.backoffLimitPerIndex', 'requires indexed completion mode'));
  if (spec.maxFailedIndexes !== undefined && spec.maxFailedIndexes !== null) {
    if (!perIndex) errs.push(required('spec.backoffLimitPerIndex', 'when maxFailedIndexes is specified'));
    if (typeof spec.completions === 'number' && typeof spec.maxFailedIndexes === 'number' && spec.maxFailedIndexes > spec.completions) {
      errs.push(invalidValue('spec.maxFailedIndexes', spec.maxFailedIndexes, 'must be less than or equal to completions'));
    }
  }
  if (spec.successPolicy !== undefined && spec.successPolicy !== null && !indexed) errs.push(invalidValue('spec.successPolicy', spec.successPolicy, 'requires indexed completion mode'));
  if (typeof spec.managedBy === 'string' && spec.managedBy.length > 63) errs.push({ reason: 'FieldValueTooLong', field: 'spec.managedBy', message: 'Too long: may not be more than 63 bytes' });
  const template = isObject(spec.template) ? spec.template : undefined;
  if (template === undefined) return [...errs, required('spec.template')];
  const tmeta = isObject(template.metadata) ? template.metadata : {};
  errs.push(...validateLabels(tmeta.labels, 'spec.template.metadata.labels'));
  errs.push(...validateAnnotations(tmeta.annotations, 'spec.template.metadata.annotations'));
  const tspec = isObject(template.spec) ? template.spec : undefined;
  errs.push(...validatePodSpec(tspec, 'spec.template.spec', { template: true }));
  const rp = tspec?.restartPolicy;
  if (rp !== 'OnFailure' && rp !== 'Never') errs.push(required('spec.template.spec.restartPolicy', 'valid values: "OnFailure", "Never"'));
  if (spec.podFailurePolicy !== undefined && spec.podFailurePolicy !== null && rp !== 'Never') {
    errs.push(invalidValue('spec.template.spec.restartPolicy', rp ?? '', 'only "Never" is supported when podFailurePolicy is specified'));
  }
  if (indexed && typeof spec.completions === 'number' && spec.completions > 0) {
    for (const e of dns1123LabelErrors(`${obj.metadata.name ?? ''}-${spec.completions - 1}`)) errs.push(invalidValue('metadata.name', obj.metadata.name, e));
  }
  const selector = isObject(spec.selector) ? (spec.selector as StructuredLabelSelector) : undefined;
  if (selector === undefined) errs.push(required('spec.selector'));
  else {
    const uidLabel = (selector.matchLabels ?? {})['batch.kubernetes.io/controller-uid'];
    if (spec.manualSelector !== true && (uidLabel === undefined || uidLabel !== obj.metadata.uid)) {
      errs.push(invalidValue('spec.selector', selector, '`selector` not auto-generated'));
    }
    if (!matchesLabels(fromStructured(selector), isObject(tmeta.labels) ? (tmeta.labels as Record<string, string>) : {})) {
      errs.push(invalidValue('spec.template.metadata.labels', tmeta.labels ?? {}, '`selector` does not match template `labels`'));
    }
  }
  return errs;
}

const TEMPLATE_MUTABLE_WHILE_SUSPENDED = ['nodeSelector', 'tolerations', 'affinity', 'schedulingGates'];

function validateJobUpdate(next: JsonObject, old: JsonObject, oldObj: KubeObject): FieldError[] {
  const errs: FieldError[] = [];
  for (const f of ['completionMode', 'selector', 'podFailurePolicy', 'successPolicy', 'backoffLimitPerIndex', 'managedBy', 'manualSelector']) {
    if (!isDeepStrictEqual(next[f], old[f])) errs.push(immutable(`spec.${f}`, next[f] ?? null));
  }
  if (!isDeepStrictEqual(next.completions, old.completions)) {
    const scaleIndexed = next.completionMode === 'Indexed' && next.completions === next.parallelism;
    if (!scaleIndexed) errs.push(immutable('spec.completions', next.completions ?? null));
  }
  if (!isDeepStrictEqual(next.template, old.template)) {
    const status = isObject(oldObj.status) ? oldObj.status : {};
    const mayEdit = old.suspend === true && status.startTime === undefined;
    if (!mayEdit || !isDeepStrictEqual(templateCore(next.template), templateCore(old.template))) {
      errs.push(immutable('spec.template', next.template));
    }
  }
  return errs;
}

function templateCore(template: unknown): unknown {
  if (!isObject(template)) return template;
  const copy = deepCopy(template);
  delete copy.metadata;
  if (isObject(copy.spec)) {
    for (const f of TEMPLATE_MUTABLE_WHILE_SUSPENDED) {
      if (f === 'affinity' && isObject(copy.spec.affinity)) delete copy.spec.affinity.nodeAffinity;
      else delete copy.spec[f];
    }
    if (isObject(copy.spec.affinity) && Object.keys(copy.spec.affinity).length === 0) delete copy.spec.affinity;
  }
  return copy;
}
