import { dns1123LabelErrors, dns1123SubdomainErrors } from '../validation/names.js';
import { RbacConfigError } from './rbac-config-error.js';
import { RBAC_GROUP, type PolicyRule, type RbacObject, type RbacSubject, type RoleRef, type ServiceAccountObject, type TokenUser } from './rbac-types.js';

const KINDS = new Set(['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding']);
const SUBJECT_KINDS = new Set(['User', 'Group', 'ServiceAccount']);

/** `base.sub`, or `sub` alone when there is no base (objects sent through the API). */
function at(base: string, sub: string): string {
  return base === '' ? sub : `${base}.${sub}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringList(value: unknown, field: string, required: boolean): string[] | undefined {
  if (value === undefined || value === null) {
    if (required) throw new RbacConfigError(field, 'Required value');
    return undefined;
  }
  if (!Array.isArray(value) || !value.every((v): v is string => typeof v === 'string')) throw new RbacConfigError(field, 'must be a list of strings');
  if (required && value.length === 0) throw new RbacConfigError(field, 'Required value: at least one entry');
  return [...value];
}

function nonEmptyString(value: unknown, field: string): string {
  if (typeof value !== 'string' || value === '') throw new RbacConfigError(field, 'Required value: a non-empty string');
  return value;
}

function rule(value: unknown, field: string, namespaced: boolean): PolicyRule {
  if (!isRecord(value)) throw new RbacConfigError(field, 'must be a PolicyRule object');
  const verbs = stringList(value['verbs'], at(field, 'verbs'), true) ?? [];
  const nonResourceURLs = stringList(value['nonResourceURLs'], at(field, 'nonResourceURLs'), false);
  const apiGroups = stringList(value['apiGroups'], at(field, 'apiGroups'), false);
  const resources = stringList(value['resources'], at(field, 'resources'), false);
  const resourceNames = stringList(value['resourceNames'], at(field, 'resourceNames'), false);
  if (nonResourceURLs !== undefined && nonResourceURLs.length > 0) {
    if (namespaced) throw new RbacConfigError(at(field, 'nonResourceURLs'), 'Invalid value: namespaced rules cannot apply to non-resource URLs');
    if ((apiGroups?.length ?? 0) > 0 || (resources?.length ?? 0) > 0) {
      throw new RbacConfigError(at(field, 'nonResourceURLs'), 'Invalid value: rules cannot apply to both regular resources and non-resource URLs');
    }
    return { verbs, nonResourceURLs };
  }
  if (apiGroups === undefined || apiGroups.length === 0) throw new RbacConfigError(at(field, 'apiGroups'), 'Required value: resource rules must supply at least one api group');
  if (resources === undefined || resources.length === 0) throw new RbacConfigError(at(field, 'resources'), 'Required value: resource rules must supply at least one resource');
  return { verbs, apiGroups, resources, ...(resourceNames !== undefined ? { resourceNames } : {}) };
}

function roleRef(value: unknown, field: string, clusterBinding: boolean): RoleRef {
  if (!isRecord(value)) throw new RbacConfigError(field, 'Required value');
  if (value['apiGroup'] !== RBAC_GROUP) throw new RbacConfigError(at(field, 'apiGroup'), `Unsupported value: supported values: "${RBAC_GROUP}"`);
  const kind = value['kind'];
  if (kind !== 'ClusterRole' && (kind !== 'Role' || clusterBinding)) {
    throw new RbacConfigError(at(field, 'kind'), clusterBinding ? 'Unsupported value: supported values: "ClusterRole"' : 'Unsupported value: supported values: "Role", "ClusterRole"');
  }
  return { apiGroup: RBAC_GROUP, kind, name: nonEmptyString(value['name'], at(field, 'name')) };
}

function subject(value: unknown, field: string, clusterBinding: boolean): RbacSubject {
  if (!isRecord(value)) throw new RbacConfigError(field, 'must be a Subject object');
  const kind = value['kind'];
  if (typeof kind !== 'string' || !SUBJECT_KINDS.has(kind)) throw new RbacConfigError(at(field, 'kind'), 'Unsupported value: supported values: "ServiceAccount", "User", "Group"');
  const name = nonEmptyString(value['name'], at(field, 'name'));
  const out: RbacSubject = { kind: kind as RbacSubject['kind'], name };
  const ns = value['namespace'];
  if (ns !== undefined && ns !== '') out.namespace = nonEmptyString(ns, at(field, 'namespace'));
  if (kind === 'ServiceAccount' && clusterBinding && out.namespace === undefined) throw new RbacConfigError(at(field, 'namespace'), 'Required value');
  if (kind === 'ServiceAccount' && dns1123SubdomainErrors(name).length > 0) throw new RbacConfigError(at(field, 'name'), 'Invalid value: a ServiceAccount name must be a DNS-1123 subdomain');
  return out;
}

/**
 * Checks one RBAC object as the API server's validation would (the parts the authorizer reads) and
 * returns a normalized copy. `field` prefixes error paths.
 * @throws RbacConfigError naming the field and rule.
 */
export function validateRbacObject(value: unknown, field: string): RbacObject {
  if (!isRecord(value)) throw new RbacConfigError(field, 'must be an object');
  if (value['apiVersion'] !== `${RBAC_GROUP}/v1`) throw new RbacConfigError(at(field, 'apiVersion'), `Unsupported value: supported values: "${RBAC_GROUP}/v1"`);
  const kind = value['kind'];
  if (typeof kind !== 'string' || !KINDS.has(kind)) throw new RbacConfigError(at(field, 'kind'), 'Unsupported value: supported values: "Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding"');
  const meta = value['metadata'];
  if (!isRecord(meta)) throw new RbacConfigError(at(field, 'metadata'), 'Required value');
  const name = nonEmptyString(meta['name'], at(field, 'metadata.name'));
  const namespaced = kind === 'Role' || kind === 'RoleBinding';
  let namespace: string | undefined;
  if (namespaced) {
    namespace = nonEmptyString(meta['namespace'], at(field, 'metadata.namespace'));
    if (dns1123LabelErrors(namespace).length > 0) throw new RbacConfigError(at(field, 'metadata.namespace'), 'Invalid value: a namespace must be a DNS-1123 label');
  }
  const metadata = { name, ...(namespace !== undefined ? { namespace } : {}) };
  const apiVersion = `${RBAC_GROUP}/v1` as const;
  if (kind === 'Role' || kind === 'ClusterRole') {
    if (value['aggregationRule'] !== undefined) throw new RbacConfigError(at(field, 'aggregationRule'), 'Unsupported: kube-sim does not aggregate ClusterRoles; list the rules');
    const raw = value['rules'] ?? [];
    if (!Array.isArray(raw)) throw new RbacConfigError(at(field, 'rules'), 'must be a list of PolicyRules');
    const rules = raw.map((r, i) => rule(r, `${at(field, 'rules')}[${i}]`, kind === 'Role'));
    return kind === 'Role' ? { apiVersion, kind, metadata, rules } : { apiVersion, kind, metadata, rules };
  }
  const cluster = kind === 'ClusterRoleBinding';
  const ref = roleRef(value['roleRef'], at(field, 'roleRef'), cluster);
  const rawSubjects = value['subjects'] ?? [];
  if (!Array.isArray(rawSubjects)) throw new RbacConfigError(at(field, 'subjects'), 'must be a list of Subjects');
  const subjects = rawSubjects.map((s, i) => subject(s, `${at(field, 'subjects')}[${i}]`, cluster));
  return cluster ? { apiVersion, kind: 'ClusterRoleBinding', metadata, subjects, roleRef: ref } : { apiVersion, kind: 'RoleBinding', metadata, subjects, roleRef: ref };
}

/**
 * Checks a ServiceAccount given next to RBAC objects: `apiVersion: v1`, a DNS-1123 subdomain name
 * and a namespace.
 * @throws RbacConfigError naming the field and rule.
 */
export function validateServiceAccount(value: Record<string, unknown>, field: string): ServiceAccountObject {
  if (value['apiVersion'] !== 'v1') throw new RbacConfigError(at(field, 'apiVersion'), 'Unsupported value: supported values: "v1"');
  const meta = value['metadata'];
  if (!isRecord(meta)) throw new RbacConfigError(at(field, 'metadata'), 'Required value');
  const name = nonEmptyString(meta['name'], at(field, 'metadata.name'));
  if (dns1123SubdomainErrors(name).length > 0) throw new RbacConfigError(at(field, 'metadata.name'), 'Invalid value: a ServiceAccount name must be a DNS-1123 subdomain');
  const namespace = nonEmptyString(meta['namespace'], at(field, 'metadata.namespace'));
  return { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name, namespace } };
}

/**
 * Checks an extra token entry: a non-empty token without whitespace, a non-empty user, string groups.
 * @throws RbacConfigError naming the field (never the token value).
 */
export function validateTokenUser(value: unknown, field: string): TokenUser {
  if (!isRecord(value)) throw new RbacConfigError(field, 'must be an object with token and user');
  const token = value['token'];
  if (typeof token !== 'string' || token === '' || /\s/.test(token)) throw new RbacConfigError(at(field, 'token'), 'Invalid value: a non-empty string without whitespace');
  const user = nonEmptyString(value['user'], at(field, 'user'));
  const groups = stringList(value['groups'], at(field, 'groups'), false);
  return { token, user, ...(groups !== undefined ? { groups } : {}) };
}
