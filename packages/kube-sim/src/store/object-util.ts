import type { KubeObject } from './types.js';

/** A plain JSON object (not an array, not null). */
export type JsonObject = Record<string, unknown>;

/** Whether a value is a plain JSON object. */
export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The object at `obj[key]`, created (as `{}`) when absent. */
export function child(obj: JsonObject, key: string): JsonObject {
  const v = obj[key];
  if (isObject(v)) return v;
  const created: JsonObject = {};
  obj[key] = created;
  return created;
}

/** The object at `obj[key]`, or undefined. */
export function objectAt(obj: unknown, key: string): JsonObject | undefined {
  if (!isObject(obj)) return undefined;
  const v = obj[key];
  return isObject(v) ? v : undefined;
}

/** The array of objects at `obj[key]` (non-objects skipped), or []. */
export function objectsAt(obj: unknown, key: string): JsonObject[] {
  if (!isObject(obj)) return [];
  const v = obj[key];
  return Array.isArray(v) ? v.filter(isObject) : [];
}

/** The string at `obj[key]`, or undefined. */
export function stringAt(obj: unknown, key: string): string | undefined {
  if (!isObject(obj)) return undefined;
  const v = obj[key];
  return typeof v === 'string' ? v : undefined;
}

/** Deep copy of JSON data. */
export function deepCopy<T>(value: T): T {
  return structuredClone(value);
}

/** RFC3339 UTC in whole seconds, e.g. `2026-04-26T18:35:42Z`. */
export function rfc3339Seconds(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** `namespace/name` key (cluster-scoped objects: `/name`). */
export function objectKey(namespace: string | undefined, name: string): string {
  return `${namespace ?? ''}/${name}`;
}

/** The object's `spec` (or undefined). */
export function specOf(obj: KubeObject): JsonObject | undefined {
  return objectAt(obj, 'spec');
}
