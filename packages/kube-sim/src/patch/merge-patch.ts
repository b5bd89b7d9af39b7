import { isObject } from '../store/object-util.js';

/**
 * Applies an RFC 7386 JSON merge patch: objects merge recursively, `null` deletes a key, anything
 * else (arrays included) replaces. Returns a new value; inputs are not modified.
 */
export function applyMergePatch(target: unknown, patch: unknown): unknown {
  if (!isObject(patch)) return structuredClone(patch);
  const out: Record<string, unknown> = isObject(target) ? structuredClone(target) : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete out[key];
    else out[key] = applyMergePatch(out[key], value);
  }
  return out;
}
