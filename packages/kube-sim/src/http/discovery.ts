import { apiVersionOf, NAMED_GROUPS, RESOURCE_NAMES, resourceInfo, type ApiGroup, type ResourceInfo } from '../store/resources.js';

/** The Kubernetes version the simulator reports (kubectl 1.32 sees no skew). */
export const SIMULATED_VERSION = { major: '1', minor: '32', gitVersion: 'v1.32.0-kube-sim' } as const;

/** `/version`. */
export function versionInfo(): Record<string, string> {
  return {
    major: SIMULATED_VERSION.major,
    minor: SIMULATED_VERSION.minor,
    gitVersion: SIMULATED_VERSION.gitVersion,
    gitCommit: '0000000000000000000000000000000000000000',
    gitTreeState: 'clean',
    buildDate: '2026-01-01T00:00:00Z',
    goVersion: 'go1.23.0',
    compiler: 'gc',
    platform: 'linux/amd64',
  };
}

/** `/api`: the core group's versions. */
export function coreApiVersions(serverAddress: string): Record<string, unknown> {
  return { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }] };
}

function groupEntry(name: string): Record<string, unknown> {
  const gv = { groupVersion: `${name}/v1`, version: 'v1' };
  return { name, versions: [gv], preferredVersion: gv };
}

/** `/apis`: the served named groups (batch, rbac.authorization.k8s.io). */
export function apiGroupList(): Record<string, unknown> {
  return { kind: 'APIGroupList', apiVersion: 'v1', groups: NAMED_GROUPS.map(groupEntry) };
}

/** `/apis/<group>` (e.g. `/apis/batch`). */
export function apiGroup(name: Exclude<ApiGroup, ''>): Record<string, unknown> {
  return { kind: 'APIGroup', apiVersion: 'v1', ...groupEntry(name) };
}

const ALL_VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

function resourceEntries(info: ResourceInfo): Record<string, unknown>[] {
  const main: Record<string, unknown> = {
    name: info.name,
    singularName: info.singular,
    namespaced: info.namespaced,
    kind: info.kind,
    verbs: ALL_VERBS,
  };
  if (info.shortNames.length > 0) main.shortNames = [...info.shortNames];
  if (info.name === 'pods' || info.name === 'jobs') main.categories = ['all'];
  const out = [main];
  if (info.statusSubresource) out.push({ name: `${info.name}/status`, singularName: '', namespaced: info.namespaced, kind: info.kind, verbs: ['get', 'patch', 'update'] });
  if (info.name === 'pods') {
    out.push({ name: 'pods/binding', singularName: '', namespaced: true, kind: 'Binding', verbs: ['create'] });
    out.push({ name: 'pods/eviction', singularName: '', namespaced: true, group: 'policy', version: 'v1', kind: 'Eviction', verbs: ['create'] });
    out.push({ name: 'pods/log', singularName: '', namespaced: true, kind: 'Pod', verbs: ['get'] });
  }
  return out;
}

/** `/api/v1` or `/apis/<group>/v1`: the APIResourceList of one group version. */
export function apiResourceList(group: ApiGroup): Record<string, unknown> {
  const infos = RESOURCE_NAMES.map(resourceInfo).filter((i) => i.group === group);
  const groupVersion = infos[0] === undefined ? 'v1' : apiVersionOf(infos[0]);
  return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion, resources: infos.flatMap(resourceEntries) };
}
