import type { ResourceName } from './types.js';

/** The API groups served: `''` (core), `batch`, `rbac.authorization.k8s.io`. */
export type ApiGroup = '' | 'batch' | 'rbac.authorization.k8s.io';

/** The named (non-core) groups, in discovery order. */
export const NAMED_GROUPS: readonly Exclude<ApiGroup, ''>[] = ['batch', 'rbac.authorization.k8s.io'];

/** Whether a string is a served named group. */
export function isNamedGroup(value: string): value is Exclude<ApiGroup, ''> {
  return (NAMED_GROUPS as readonly string[]).includes(value);
}

/** How object names are validated: DNS-1123 label, DNS-1123 subdomain, or any path segment (RBAC objects). */
export type NameRule = 'label' | 'subdomain' | 'pathSegment';

/** Static facts about one served resource (what discovery reports and errors name). */
export interface ResourceInfo {
  readonly name: ResourceName;
  readonly singular: string;
  readonly kind: string;
  readonly listKind: string;
  /** API group: `''` for the core group. */
  readonly group: ApiGroup;
  readonly version: 'v1';
  readonly namespaced: boolean;
  readonly shortNames: readonly string[];
  /** Whether `metadata.generation` is kept (bumped on spec change). */
  readonly hasGeneration: boolean;
  /** Whether the object has a `status` that main-resource writes ignore. */
  readonly hasStatus: boolean;
  /** Whether the `/status` subresource is served. */
  readonly statusSubresource: boolean;
  /** The rule object names follow. */
  readonly nameRule: NameRule;
}

const RBAC = 'rbac.authorization.k8s.io';

const RESOURCES: Record<ResourceName, ResourceInfo> = {
  namespaces: info('namespaces', 'namespace', 'Namespace', '', false, ['ns'], false, true, true, 'label'),
  nodes: info('nodes', 'node', 'Node', '', false, ['no'], false, true, true),
  pods: info('pods', 'pod', 'Pod', '', true, ['po'], true, true, true),
  configmaps: info('configmaps', 'configmap', 'ConfigMap', '', true, ['cm'], false, false, false),
  secrets: info('secrets', 'secret', 'Secret', '', true, [], false, false, false),
  persistentvolumeclaims: info('persistentvolumeclaims', 'persistentvolumeclaim', 'PersistentVolumeClaim', '', true, ['pvc'], false, true, true),
  events: info('events', 'event', 'Event', '', true, ['ev'], false, false, false),
  serviceaccounts: info('serviceaccounts', 'serviceaccount', 'ServiceAccount', '', true, ['sa'], false, false, false),
  jobs: info('jobs', 'job', 'Job', 'batch', true, [], true, true, true),
  roles: info('roles', 'role', 'Role', RBAC, true, [], false, false, false, 'pathSegment'),
  clusterroles: info('clusterroles', 'clusterrole', 'ClusterRole', RBAC, false, [], false, false, false, 'pathSegment'),
  rolebindings: info('rolebindings', 'rolebinding', 'RoleBinding', RBAC, true, [], false, false, false, 'pathSegment'),
  clusterrolebindings: info('clusterrolebindings', 'clusterrolebinding', 'ClusterRoleBinding', RBAC, false, [], false, false, false, 'pathSegment'),
};

function info(
  name: ResourceName, singular: string, kind: string, group: ApiGroup, namespaced: boolean,
  shortNames: string[], hasGeneration: boolean, hasStatus: boolean, statusSubresource: boolean, nameRule: NameRule = 'subdomain',
): ResourceInfo {
  return { name, singular, kind, listKind: `${kind}List`, group, version: 'v1', namespaced, shortNames, hasGeneration, hasStatus, statusSubresource, nameRule };
}

/** Every served resource, core group first. */
export const RESOURCE_NAMES: readonly ResourceName[] = Object.keys(RESOURCES) as ResourceName[];

/** Facts about a resource. */
export function resourceInfo(resource: ResourceName): ResourceInfo {
  return RESOURCES[resource];
}

/** Whether a string names a served resource. */
export function isResourceName(value: string): value is ResourceName {
  return Object.prototype.hasOwnProperty.call(RESOURCES, value);
}

/** `apiVersion` of a resource: `v1` or `batch/v1`. */
export function apiVersionOf(info: ResourceInfo): string {
  return info.group === '' ? info.version : `${info.group}/${info.version}`;
}

/** The group-qualified resource used in messages: `pods`, `jobs.batch`. */
export function qualifiedResource(info: ResourceInfo): string {
  return info.group === '' ? info.name : `${info.name}.${info.group}`;
}

/** The group-qualified kind used in Invalid messages: `Pod`, `Job.batch`. */
export function qualifiedKind(info: ResourceInfo): string {
  return info.group === '' ? info.kind : `${info.kind}.${info.group}`;
}
