/**
 * Kubernetes' naming rules (reference kubernetes-jobs.md §5), as predicates that return the broken
 * rule, or `undefined` when the value is valid. Callers turn the rule into a `Drmaa2Error`.
 */

const dns1123Label = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const dns1123Subdomain = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const qualifiedName = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const envVarName = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;
const configMapKey = /^[-._a-zA-Z0-9]+$/;

/** A DNS-1123 label: namespaces, container and volume names (at most 63). */
export function dns1123LabelProblem(value: string): string | undefined {
  if (value.length === 0) return 'must not be empty';
  if (value.length > 63) return 'must be at most 63 characters (a DNS-1123 label)';
  if (!dns1123Label.test(value)) return "must be a DNS-1123 label: lower-case letters, digits and '-', starting and ending with a letter or digit";
  return undefined;
}

/** A DNS-1123 subdomain: ConfigMap, Secret, PVC, PriorityClass, ServiceAccount names (at most 253). */
export function dns1123SubdomainProblem(value: string): string | undefined {
  if (value.length === 0) return 'must not be empty';
  if (value.length > 253) return 'must be at most 253 characters (a DNS-1123 subdomain)';
  if (!dns1123Subdomain.test(value)) return "must be a DNS-1123 subdomain: lower-case letters, digits, '-' and '.', each part starting and ending with a letter or digit";
  return undefined;
}

/** A label or annotation key: `[prefix/]name`, prefix a DNS subdomain, name at most 63. */
export function qualifiedNameProblem(value: string): string | undefined {
  const slash = value.indexOf('/');
  const prefix = slash === -1 ? undefined : value.slice(0, slash);
  const name = slash === -1 ? value : value.slice(slash + 1);
  if (prefix !== undefined) {
    const problem = dns1123SubdomainProblem(prefix);
    if (problem !== undefined) return `prefix ${problem}`;
  }
  if (name.length === 0) return 'name part must not be empty';
  if (name.length > 63) return 'name part must be at most 63 characters';
  if (!qualifiedName.test(name)) return "name part must consist of letters, digits, '-', '_' or '.', starting and ending with a letter or digit";
  return undefined;
}

/** A label value: empty, or at most 63 characters of the qualified-name alphabet. */
export function labelValueProblem(value: string): string | undefined {
  if (value.length === 0) return undefined;
  if (value.length > 63) return 'must be at most 63 characters (a label value)';
  if (!qualifiedName.test(value)) return "must consist of letters, digits, '-', '_' or '.', starting and ending with a letter or digit (a label value)";
  return undefined;
}

/** An environment variable name, by the portable rule all supported Kubernetes versions accept. */
export function envVarNameProblem(value: string): string | undefined {
  if (!envVarName.test(value)) return "must be a valid environment variable name ([-._a-zA-Z][-._a-zA-Z0-9]*)";
  return undefined;
}

/** A ConfigMap or Secret data key. */
export function configMapKeyProblem(value: string): string | undefined {
  if (value.length > 253) return 'must be at most 253 characters';
  if (!configMapKey.test(value) || value === '.' || value === '..') return "must consist of letters, digits, '-', '_' or '.' (a ConfigMap/Secret key)";
  return undefined;
}

/** True when `key` lies in a namespace reserved for Kubernetes itself (`kubernetes.io/`, `k8s.io/`). */
export function isReservedKey(key: string): boolean {
  const slash = key.indexOf('/');
  if (slash === -1) return false;
  const prefix = key.slice(0, slash);
  return ['kubernetes.io', 'k8s.io'].some((reserved) => prefix === reserved || prefix.endsWith(`.${reserved}`));
}

/** The byte length of a string in UTF-8, as the API server counts annotation sizes. */
export function utf8Length(value: string): number {
  return Buffer.byteLength(value, 'utf8');
}
