import { invalidField, quote } from './invalid.js';
import {
  dns1123SubdomainProblem,
  isReservedKey,
  labelValueProblem,
  qualifiedNameProblem,
} from './kube-names.js';

/** The field name of an extension in error messages. */
export function extensionField(name: string): string {
  return `extensions.${name}`;
}

/**
 * Parses `key=value,key2=value2` (whitespace around entries ignored, empty entries skipped).
 *
 * @throws Drmaa2Error `INVALID_ARGUMENT` naming the extension for an entry without `=`.
 */
export function parseKeyValueList(name: string, value: string): [string, string][] {
  const pairs: [string, string][] = [];
  for (const raw of value.split(',')) {
    const entry = raw.trim();
    if (entry.length === 0) continue;
    const eq = entry.indexOf('=');
    if (eq === -1) throw invalidField(extensionField(name), `entry ${quote(entry)} must have the form key=value`);
    pairs.push([entry.slice(0, eq).trim(), entry.slice(eq + 1).trim()]);
  }
  return pairs;
}

/**
 * Parses a label map (`key=value,...`): keys are qualified names outside the reserved
 * `kubernetes.io`/`k8s.io` and `drmaa2.io` namespaces, values are label values.
 *
 * @throws Drmaa2Error `INVALID_ARGUMENT` naming the extension and the broken rule.
 */
export function parseLabelMap(name: string, value: string, options: { allowReserved?: boolean } = {}): Record<string, string> {
  const map: Record<string, string> = {};
  for (const [key, entry] of parseKeyValueList(name, value)) {
    checkUserKey(name, key, options.allowReserved === true);
    const problem = labelValueProblem(entry);
    if (problem !== undefined) throw invalidField(extensionField(name), `value of ${quote(key)} ${problem}`);
    map[key] = entry;
  }
  return map;
}

/**
 * Checks a user-given label or annotation key.
 *
 * @throws Drmaa2Error `INVALID_ARGUMENT` for an invalid key, a key the tracker or the Job
 *   controller sets (`drmaa2.io/...`, `app.kubernetes.io/managed-by`, `job-name`, `controller-uid`), or (unless
 *   `allowReserved`) a key in `kubernetes.io/`, `k8s.io/`.
 */
export function checkUserKey(name: string, key: string, allowReserved: boolean): void {
  const problem = qualifiedNameProblem(key);
  if (problem !== undefined) throw invalidField(extensionField(name), `key ${quote(key)}: ${problem}`);
  if (key.startsWith('drmaa2.io/') || ['app.kubernetes.io/managed-by', 'job-name', 'controller-uid'].includes(key)) {
    throw invalidField(extensionField(name), `key ${quote(key)} is owned by the tracker`);
  }
  if (!allowReserved && isReservedKey(key)) {
    throw invalidField(extensionField(name), `key ${quote(key)} lies in a namespace reserved for Kubernetes`);
  }
}

/**
 * Parses a list of object names separated by `,` or `:` (the reference separates with `:`), each a
 * DNS-1123 subdomain; duplicates are dropped.
 *
 * @throws Drmaa2Error `INVALID_ARGUMENT` naming the extension for an invalid or missing name.
 */
export function parseNameList(name: string, value: string): string[] {
  const names = value.split(/[,:]/).map((entry) => entry.trim()).filter((entry) => entry.length > 0);
  if (names.length === 0) throw invalidField(extensionField(name), 'must name at least one object');
  for (const entry of names) {
    const problem = dns1123SubdomainProblem(entry);
    if (problem !== undefined) throw invalidField(extensionField(name), `${quote(entry)} ${problem}`);
  }
  return [...new Set(names)];
}

/**
 * Parses a decimal integer in `[min, max]`.
 *
 * @throws Drmaa2Error `INVALID_ARGUMENT` naming the extension.
 */
export function parseIntegerExtension(name: string, value: string, min: number, max: number): number {
  const trimmed = value.trim();
  if (!/^\d+$/.test(trimmed)) throw invalidField(extensionField(name), `must be a whole number from ${min} to ${max}`);
  const parsed = Number(trimmed);
  if (!Number.isSafeInteger(parsed) || parsed < min || parsed > max) {
    throw invalidField(extensionField(name), `must be a whole number from ${min} to ${max}`);
  }
  return parsed;
}

/**
 * Parses `true`/`false` in any case.
 *
 * @throws Drmaa2Error `INVALID_ARGUMENT` naming the extension.
 */
export function parseBooleanExtension(name: string, value: string): boolean {
  const lower = value.trim().toLowerCase();
  if (lower === 'true') return true;
  if (lower === 'false') return false;
  throw invalidField(extensionField(name), 'must be true or false');
}
