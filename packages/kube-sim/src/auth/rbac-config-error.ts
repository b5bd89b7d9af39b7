/**
 * Thrown by {@link startKubeSim} and the RBAC methods for an RBAC object or token that breaks a rule;
 * `field` names the offending path (`rbac.objects[1].roleRef.kind`) and the message states the rule.
 * Token values never appear in it.
 */
export class RbacConfigError extends Error {
  /** Path of the offending field. */
  readonly field: string;
  /** The broken rule (`Required value`, `Unsupported value: ...`, `Invalid value: ...`). */
  readonly rule: string;

  /**
   * @param field path of the offending field.
   * @param rule the broken rule, in the API server's wording.
   */
  constructor(field: string, rule: string) {
    super(`${field}: ${rule}`);
    this.name = 'RbacConfigError';
    this.field = field;
    this.rule = rule;
  }
}
