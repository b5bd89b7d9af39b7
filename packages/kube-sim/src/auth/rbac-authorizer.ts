import { isApiError } from '../store/api-error.js';
import type { ClusterStore } from '../store/cluster-store.js';
import type { KubeObject, ResourceName } from '../store/types.js';
import { bootstrapPolicy } from './bootstrap-policy.js';
import { RbacConfigError } from './rbac-config-error.js';
import type { RequestAttributes } from './request-attributes.js';
import type { ClusterRoleBindingObject, PolicyRule, RbacObject, RoleBindingObject, RoleRef, ServiceAccountObject, UserInfo } from './rbac-types.js';
import { validateRbacObject, validateServiceAccount } from './rbac-validation.js';
import { ruleAllows, subjectMatches } from './rule-matching.js';
import { MASTERS_GROUP } from './token-authenticator.js';

/** An authorization decision; `reason` is what the real RBAC authorizer would add to the 403 message. */
export interface AuthorizationDecision {
  /** Whether the request may proceed. */
  readonly allowed: boolean;
  /** Extra text for the 403 message (`''` when none). */
  readonly reason: string;
}

/** Kinds of RBAC objects. */
export type RbacKind = RbacObject['kind'];

const RESOURCE_OF: Record<RbacKind | 'ServiceAccount', ResourceName> = {
  ServiceAccount: 'serviceaccounts',
  Role: 'roles',
  ClusterRole: 'clusterroles',
  RoleBinding: 'rolebindings',
  ClusterRoleBinding: 'clusterrolebindings',
};

function namespaced(kind: RbacKind): boolean {
  return kind === 'Role' || kind === 'RoleBinding';
}

/**
 * Role-based access control as `rbac.authorization.k8s.io/v1` defines it, over the RBAC objects in
 * the store (served at `/apis/rbac.authorization.k8s.io/v1`, so `kubectl apply` works too): Roles
 * and ClusterRoles hold rules (apiGroups, resources with subresources, verbs, resourceNames,
 * nonResourceURLs); RoleBindings grant them inside their namespace, ClusterRoleBindings everywhere.
 * Users in `system:masters` are always allowed.
 */
export class RbacAuthorizer {
  readonly #store: ClusterStore;

  /** @param store the store holding Roles, ClusterRoles and their bindings. */
  constructor(store: ClusterStore) {
    this.#store = store;
  }

  /**
   * Writes the bootstrap roles and bindings every cluster has (`cluster-admin`, `system:discovery`,
   * `system:public-info-viewer`) into the store.
   */
  bootstrap(): void {
    for (const o of bootstrapPolicy()) {
      const labels = { 'kubernetes.io/bootstrapping': 'rbac-defaults' };
      const annotations = { 'rbac.authorization.kubernetes.io/autoupdate': 'true' };
      this.#store.create(RESOURCE_OF[o.kind], undefined, { ...o, metadata: { ...o.metadata, labels, annotations } });
    }
  }

  /**
   * Creates or replaces RBAC objects in the store (matched by kind, namespace and name; a binding
   * whose `roleRef` changed is deleted and created again, as `kubectl auth reconcile` does).
   * ServiceAccounts are created when missing. All are validated, and their namespaces checked,
   * before anything is written.
   * @param objects Role, ClusterRole, RoleBinding, ClusterRoleBinding and ServiceAccount objects.
   * @param field prefix of error paths (default `objects`).
   * @throws RbacConfigError naming the field and rule.
   */
  apply(objects: readonly unknown[], field = 'objects'): void {
    const checked = objects.map((o, i) => {
      const path = `${field}[${i}]`;
      const isServiceAccount = typeof o === 'object' && o !== null && (o as Record<string, unknown>)['kind'] === 'ServiceAccount';
      const obj: RbacObject | ServiceAccountObject = isServiceAccount ? validateServiceAccount(o as Record<string, unknown>, path) : validateRbacObject(o, path);
      return { raw: o as KubeObject, obj, path };
    });
    for (const { obj, path } of checked) {
      const ns = obj.metadata.namespace;
      if (ns !== undefined && this.#store.getShared('namespaces', undefined, ns) === undefined) {
        throw new RbacConfigError(`${path}.metadata.namespace`, `Not found: namespace "${ns}" does not exist`);
      }
    }
    for (const { raw, obj, path } of checked) {
      const resource = RESOURCE_OF[obj.kind];
      const ns = obj.metadata.namespace;
      try {
        const existing = this.#store.getShared(resource, ns, obj.metadata.name);
        if (obj.kind === 'ServiceAccount') {
          if (existing === undefined) this.#store.create(resource, ns, raw);
          continue;
        }
        if (existing !== undefined && JSON.stringify(existing['roleRef']) !== JSON.stringify(raw['roleRef'])) this.#store.delete(resource, ns, obj.metadata.name);
        if (existing === undefined || this.#store.getShared(resource, ns, obj.metadata.name) === undefined) {
          this.#store.create(resource, ns, raw);
        } else {
          this.#store.mutate(resource, ns, obj.metadata.name, (o) => {
            for (const key of ['rules', 'subjects', 'roleRef']) {
              if (raw[key] === undefined) delete o[key];
              else o[key] = structuredClone(raw[key]);
            }
          });
        }
      } catch (error) {
        if (!isApiError(error)) throw error;
        throw new RbacConfigError(path, error.status.message ?? error.message);
      }
    }
  }

  /** Deletes one RBAC object from the store; returns whether it existed. */
  delete(kind: RbacKind, name: string, namespace?: string): boolean {
    return this.#store.delete(RESOURCE_OF[kind], namespaced(kind) ? namespace : undefined, name) !== undefined;
  }

  /** The RBAC objects in the store (bootstrap ones included), as copies. */
  objects(): RbacObject[] {
    return (['clusterroles', 'clusterrolebindings', 'roles', 'rolebindings'] as const).flatMap((r) => this.#store.list(r)) as unknown as RbacObject[];
  }

  #rulesOf(ref: RoleRef, namespace: string): readonly PolicyRule[] | string {
    const found = this.#store.getShared(ref.kind === 'Role' ? 'roles' : 'clusterroles', ref.kind === 'Role' ? namespace : undefined, ref.name);
    if (found === undefined) return `${ref.kind.toLowerCase()}.rbac.authorization.k8s.io "${ref.name}" not found`;
    return (found['rules'] as readonly PolicyRule[] | undefined) ?? [];
  }

  /**
   * Decides a request: ClusterRoleBindings first, then RoleBindings of the request's namespace,
   * allowing on the first matching rule. A denial's reason lists bindings whose role is missing
   * (`RBAC: role.rbac.authorization.k8s.io "x" not found`), as the real authorizer reports them.
   */
  authorize(user: UserInfo, attrs: RequestAttributes): AuthorizationDecision {
    if (user.groups.includes(MASTERS_GROUP)) return { allowed: true, reason: '' };
    const errors: string[] = [];
    const bindings = [
      ...(this.#store.listShared('clusterrolebindings') as unknown as ClusterRoleBindingObject[]),
      ...(attrs.namespace === '' ? [] : (this.#store.listShared('rolebindings', attrs.namespace) as unknown as RoleBindingObject[])),
    ];
    for (const binding of bindings) {
      const ns = binding.metadata.namespace ?? '';
      if (!(binding.subjects ?? []).some((s) => subjectMatches(s, user, ns))) continue;
      const rules = this.#rulesOf(binding.roleRef, ns);
      if (typeof rules === 'string') {
        errors.push(rules);
        continue;
      }
      if (rules.some((r) => ruleAllows(r, attrs))) return { allowed: true, reason: '' };
    }
    if (errors.length === 0) return { allowed: false, reason: '' };
    return { allowed: false, reason: `RBAC: ${errors.length === 1 ? (errors[0] ?? '') : `[${errors.join(', ')}]`}` };
  }
}
