import { RbacConfigError } from '../../auth/rbac-config-error.js';
import { validateRbacObject } from '../../auth/rbac-validation.js';
import { invalidValue } from '../../validation/field-errors.js';
import type { FieldError } from '../api-error.js';
import { baseStrategy, type ResourceStrategy } from '../strategy.js';
import type { KubeObject } from '../types.js';

function reasonOf(rule: string): string {
  if (rule.startsWith('Required value')) return 'FieldValueRequired';
  if (rule.startsWith('Unsupported value')) return 'FieldValueNotSupported';
  if (rule.startsWith('Duplicate value')) return 'FieldValueDuplicate';
  return 'FieldValueInvalid';
}

/** The RBAC validation of an object sent through the API, as field errors (422 Invalid). */
function rbacErrors(obj: KubeObject): FieldError[] {
  try {
    validateRbacObject(obj, '');
    return [];
  } catch (error) {
    if (!(error instanceof RbacConfigError)) throw error;
    return [{ reason: reasonOf(error.rule), field: error.field, message: error.rule }];
  }
}

/** Roles and ClusterRoles: rules validated as the authorizer reads them. */
export const roleStrategy: ResourceStrategy = baseStrategy({ validate: rbacErrors });

/** RoleBindings and ClusterRoleBindings: subjects and roleRef validated; `roleRef` cannot change. */
export const bindingStrategy: ResourceStrategy = baseStrategy({
  validate: rbacErrors,
  validateUpdate(next, old) {
    return JSON.stringify(next['roleRef']) === JSON.stringify(old['roleRef']) ? [] : [invalidValue('roleRef', next['roleRef'], 'cannot change roleRef')];
  },
});

/** ServiceAccounts: accepted as given (no token Secrets are generated, as since Kubernetes 1.24). */
export const serviceAccountStrategy: ResourceStrategy = baseStrategy({ validate: () => [] });
