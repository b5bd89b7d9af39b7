import type { FieldError } from '../store/api-error.js';
import type { NameRule } from '../store/resources.js';
import type { ObjectMeta } from '../store/types.js';
import { invalidValue, required, tooLong } from './field-errors.js';
import { dns1123LabelErrors, dns1123SubdomainErrors, labelValueErrors, qualifiedNameErrors } from './names.js';

/** Maximum total size of annotation keys + values on one object (256 KiB). */
export const ANNOTATIONS_MAX_BYTES = 262144;

/** Validates labels under `path` (keys: qualified names; values: label values). */
export function validateLabels(labels: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (labels === undefined || labels === null) return errs;
  if (typeof labels !== 'object') return [invalidValue(path, labels, 'must be a map of strings')];
  for (const [k, v] of Object.entries(labels as Record<string, unknown>)) {
    for (const e of qualifiedNameErrors(k)) errs.push(invalidValue(path, k, e));
    if (typeof v !== 'string') errs.push(invalidValue(path, v, 'must be a string'));
    else for (const e of labelValueErrors(v)) errs.push(invalidValue(path, v, e));
  }
  return errs;
}

/** Validates annotation keys and their total size (256 KiB). */
export function validateAnnotations(annotations: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (annotations === undefined || annotations === null) return errs;
  if (typeof annotations !== 'object') return [invalidValue(path, annotations, 'must be a map of strings')];
  let total = 0;
  for (const [k, v] of Object.entries(annotations as Record<string, unknown>)) {
    for (const e of qualifiedNameErrors(k.toLowerCase())) errs.push(invalidValue(path, k, e));
    total += Buffer.byteLength(k) + (typeof v === 'string' ? Buffer.byteLength(v) : 0);
  }
  if (total > ANNOTATIONS_MAX_BYTES) errs.push(tooLong(path, ANNOTATIONS_MAX_BYTES));
  return errs;
}

/** Problems with a name that must be a valid URL path segment (RBAC objects), in the real wording. */
export function pathSegmentNameErrors(name: string): string[] {
  if (name === '.' || name === '..') return [`may not be '${name}'`];
  const errs: string[] = [];
  for (const bad of ['/', '%']) if (name.includes(bad)) errs.push(`may not contain '${bad}'`);
  return errs;
}

function nameErrors(name: string, rule: NameRule): string[] {
  switch (rule) {
    case 'label':
      return dns1123LabelErrors(name);
    case 'subdomain':
      return dns1123SubdomainErrors(name);
    case 'pathSegment':
      return pathSegmentNameErrors(name);
  }
}

/**
 * Validates object metadata: name (by the resource's rule: DNS-1123 label, subdomain, or path
 * segment), labels, annotations, finalizers, owner references.
 */
export function validateObjectMeta(meta: ObjectMeta, nameRule: NameRule, path = 'metadata'): FieldError[] {
  const errs: FieldError[] = [];
  const name = meta.name;
  if (name === undefined || name === '') {
    errs.push(required(`${path}.name`, 'name or generateName is required'));
  } else {
    for (const e of nameErrors(name, nameRule)) errs.push(invalidValue(`${path}.name`, name, e));
  }
  errs.push(...validateLabels(meta.labels, `${path}.labels`));
  errs.push(...validateAnnotations(meta.annotations, `${path}.annotations`));
  (meta.finalizers ?? []).forEach((f, i) => {
    for (const e of qualifiedNameErrors(f)) errs.push(invalidValue(`${path}.finalizers[${i}]`, f, e));
  });
  (meta.ownerReferences ?? []).forEach((ref, i) => {
    const p = `${path}.ownerReferences[${i}]`;
    if (!ref.apiVersion) errs.push(invalidValue(`${p}.apiVersion`, ref.apiVersion ?? '', 'version must not be empty'));
    if (!ref.kind) errs.push(invalidValue(`${p}.kind`, ref.kind ?? '', 'kind must not be empty'));
    if (!ref.name) errs.push(invalidValue(`${p}.name`, ref.name ?? '', 'name must not be empty'));
    if (!ref.uid) errs.push(invalidValue(`${p}.uid`, ref.uid ?? '', 'uid must not be empty'));
  });
  if ((meta.ownerReferences ?? []).filter((r) => r.controller === true).length > 1) {
    errs.push(invalidValue(`${path}.ownerReferences`, meta.ownerReferences, 'Only one reference can have Controller set to true'));
  }
  return errs;
}
