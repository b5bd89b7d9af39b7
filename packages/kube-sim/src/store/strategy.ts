import type { FieldError } from './api-error.js';
import type { KubeObject } from './types.js';

/** What create-time defaulting may need from the store. */
export interface StrategyContext {
  /** The uid the new object gets. */
  readonly uid: string;
  /** Current time, RFC3339 in whole seconds. */
  readonly now: string;
}

/**
 * Per-resource rules, as the real registry's strategies: defaulting, server-set fields and
 * validation. All methods mutate or inspect plain JSON objects in place.
 */
export interface ResourceStrategy {
  /** Defaulting and server-set fields on create (name, uid and timestamps are already set). */
  prepareForCreate(obj: KubeObject, ctx: StrategyContext): void;
  /** Defaulting on update, after spec/status were split per subresource. */
  prepareForUpdate(next: KubeObject, old: KubeObject): void;
  /** Validation of a new or updated object. */
  validate(obj: KubeObject): FieldError[];
  /** Extra update validation (immutable fields). */
  validateUpdate(next: KubeObject, old: KubeObject): FieldError[];
}

/** A strategy with no defaulting and only metadata validation. */
export function baseStrategy(partial: Partial<ResourceStrategy> & Pick<ResourceStrategy, 'validate'>): ResourceStrategy {
  return {
    prepareForCreate: () => undefined,
    prepareForUpdate: () => undefined,
    validateUpdate: () => [],
    ...partial,
  };
}
