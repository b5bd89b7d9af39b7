/**
 * Kubernetes resource quantities (reference kubernetes-jobs.md §6): parsing of user-given quantities
 * and formatting of the ones the mapping computes, without floating point.
 */

const quantityPattern = /^[+-]?(\d+\.?\d*|\.\d+)(Ki|Mi|Gi|Ti|Pi|Ei|m|k|M|G|T|P|E|[eE][+-]?\d+)?$/;

/** The broken rule when `value` is not a Kubernetes quantity, or `undefined`. */
export function quantityProblem(value: string): string | undefined {
  if (!quantityPattern.test(value)) return 'must be a Kubernetes quantity such as 500m, 2, 1Gi or 512Mi';
  if (value.startsWith('-')) return 'must not be negative';
  return undefined;
}

/** Memory in KiB as a quantity string (`"2048Ki"`). */
export function kibQuantity(kib: number): string {
  return `${Math.ceil(kib)}Ki`;
}

/** A whole number of CPUs as a quantity string. */
export function cpuQuantity(cpus: number): string {
  return String(cpus);
}
