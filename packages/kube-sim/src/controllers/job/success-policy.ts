/**
 * `successPolicy` matching (Indexed Jobs): a rule matches when all its `succeededIndexes` succeeded,
 * when `succeededCount` indexes succeeded, or, with both, when `succeededCount` of those indexes did.
 */
import type { JobSpecView } from '../kube-types.js';
import { parseIndexSet } from './index-set.js';

/** Returns the message `Matched rules at index <n>` of the first matching rule, or undefined. */
export function matchSuccessPolicy(spec: JobSpecView, succeeded: ReadonlySet<number>): string | undefined {
  const rules = spec.successPolicy?.rules ?? [];
  const completions = spec.completions ?? 0;
  for (const [index, rule] of rules.entries()) {
    if (rule.succeededIndexes !== undefined) {
      const wanted = parseIndexSet(rule.succeededIndexes, completions);
      const hits = wanted.filter((i) => succeeded.has(i)).length;
      const needed = rule.succeededCount ?? wanted.length;
      if (hits >= needed && (rule.succeededCount !== undefined || hits === wanted.length)) return `Matched rules at index ${index}`;
    } else if (rule.succeededCount !== undefined && succeeded.size >= rule.succeededCount) {
      return `Matched rules at index ${index}`;
    }
  }
  return undefined;
}
