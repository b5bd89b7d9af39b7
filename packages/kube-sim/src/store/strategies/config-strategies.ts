import type { FieldError } from '../api-error.js';
import { badRequest } from '../api-error.js';
import { isObject } from '../object-util.js';
import { baseStrategy, type ResourceStrategy } from '../strategy.js';
import type { KubeObject } from '../types.js';
import { forbidden, invalidValue, duplicate } from '../../validation/field-errors.js';
import { configMapKeyErrors } from '../../validation/names.js';

/** ConfigMap `data` + `binaryData` and Secret `data` limit (1 MiB). */
export const CONFIG_DATA_MAX_BYTES = 1048576;

function tooLongData(field: string): FieldError {
  return { reason: 'FieldValueTooLong', field, message: `Too long: may not be more than ${CONFIG_DATA_MAX_BYTES} bytes` };
}

function entries(value: unknown): [string, unknown][] {
  return isObject(value) ? Object.entries(value) : [];
}

function validateKeys(obj: KubeObject, field: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const [k] of entries(obj[field])) for (const e of configMapKeyErrors(k)) errs.push(invalidValue(`${field}[${k}]`, k, e));
  return errs;
}

function immutableChange(next: KubeObject, old: KubeObject, fields: string[]): FieldError[] {
  if (old.immutable !== true) return [];
  const errs: FieldError[] = [];
  if (next.immutable !== true) errs.push(forbidden('immutable', 'field is immutable when `immutable` is set'));
  for (const f of fields) {
    if (JSON.stringify(next[f] ?? {}) !== JSON.stringify(old[f] ?? {})) errs.push(forbidden(f, 'field is immutable when `immutable` is set'));
  }
  return errs;
}

/** ConfigMaps: key rules, `data`+`binaryData` at most 1 MiB, `immutable`. */
export const configMapStrategy: ResourceStrategy = baseStrategy({
  validate(obj) {
    const errs = [...validateKeys(obj, 'data'), ...validateKeys(obj, 'binaryData')];
    let size = 0;
    const binaryKeys = new Set(entries(obj.binaryData).map(([k]) => k));
    for (const [k, v] of entries(obj.data)) {
      if (binaryKeys.has(k)) errs.push(duplicate(`data[${k}]`, k));
      if (typeof v !== 'string') throw badRequest(`ConfigMap in version "v1" cannot be handled as a ConfigMap: data[${k}] must be a string`);
      size += Buffer.byteLength(k) + Buffer.byteLength(v);
    }
    for (const [k, v] of entries(obj.binaryData)) size += Buffer.byteLength(k) + (typeof v === 'string' ? Buffer.from(v, 'base64').length : 0);
    if (size > CONFIG_DATA_MAX_BYTES) errs.push(tooLongData(''));
    return errs;
  },
  validateUpdate(next, old) {
    return immutableChange(next, old, ['data', 'binaryData']);
  },
});

function foldStringData(obj: KubeObject): void {
  const stringData = obj.stringData;
  if (isObject(stringData)) {
    const data: Record<string, unknown> = isObject(obj.data) ? obj.data : {};
    for (const [k, v] of Object.entries(stringData)) data[k] = Buffer.from(String(v), 'utf8').toString('base64');
    obj.data = data;
  }
  delete obj.stringData;
  obj.type ??= 'Opaque';
  for (const [k, v] of entries(obj.data)) {
    if (typeof v !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(v) || v.length % 4 !== 0) {
      throw badRequest(`Secret in version "v1" cannot be handled as a Secret: illegal base64 data at input byte 0 (data[${k}])`);
    }
  }
}

/** Secrets: `stringData` folded into base64 `data`, type `Opaque` by default, 1 MiB limit, `immutable`. */
export const secretStrategy: ResourceStrategy = baseStrategy({
  prepareForCreate(obj) {
    foldStringData(obj);
  },
  prepareForUpdate(next, old) {
    foldStringData(next);
    if (old.type !== undefined && next.type !== old.type) next.type = next.type ?? old.type;
  },
  validate(obj) {
    const errs = validateKeys(obj, 'data');
    let size = 0;
    for (const [k, v] of entries(obj.data)) size += Buffer.byteLength(k) + Buffer.from(typeof v === 'string' ? v : '', 'base64').length;
    if (size > CONFIG_DATA_MAX_BYTES) errs.push(tooLongData('data'));
    return errs;
  },
  validateUpdate(next, old) {
    const errs = immutableChange(next, old, ['data']);
    if (next.type !== old.type) errs.push(invalidValue('type', next.type, 'field is immutable'));
    return errs;
  },
});
