import { isNamedGroup, isResourceName, resourceInfo, type ApiGroup } from '../store/resources.js';
import type { ResourceName } from '../store/types.js';

/** Verbs as Kubernetes authorization names them. */
export type Verb = 'get' | 'list' | 'watch' | 'create' | 'update' | 'patch' | 'delete' | 'deletecollection';

/** A request to a resource path, parsed. */
export interface ResourceRequest {
  kind: 'resource';
  verb: Verb;
  resource: ResourceName;
  /** `status`, `log`, ... */
  subresource?: string;
  namespace?: string;
  name?: string;
  query: URLSearchParams;
}

/** A request to a non-resource path (`/version`, discovery, ...). */
export interface NonResourceRequest {
  kind: 'nonResource';
  path: string;
  query: URLSearchParams;
}

/** The parsed request, or undefined when the path names no served resource (404). */
export type RequestInfo = ResourceRequest | NonResourceRequest;

function verbFor(method: string, hasName: boolean, query: URLSearchParams): Verb | undefined {
  switch (method) {
    case 'GET':
      if (hasName) return 'get';
      return query.get('watch') === 'true' || query.get('watch') === '1' ? 'watch' : 'list';
    case 'POST':
      return 'create';
    case 'PUT':
      return 'update';
    case 'PATCH':
      return 'patch';
    case 'DELETE':
      return hasName ? 'delete' : 'deletecollection';
    default:
      return undefined;
  }
}

/**
 * Parses `/api/v1/...` and `/apis/<group>/v1/...` paths into a resource request; anything else is a
 * non-resource request. Returns undefined for a resource path the server does not serve, or a
 * method it does not allow (the caller answers 404/405).
 */
export function parseRequest(method: string, url: URL): RequestInfo | undefined | 'methodNotAllowed' {
  const segments = url.pathname.split('/').filter((s) => s !== '').map((s) => decodeURIComponent(s));
  const query = url.searchParams;
  let rest: string[];
  let group: ApiGroup;
  if (segments[0] === 'api' && segments[1] === 'v1' && segments.length > 2) {
    group = '';
    rest = segments.slice(2);
  } else if (segments[0] === 'apis' && isNamedGroup(segments[1] ?? '') && segments[2] === 'v1' && segments.length > 3) {
    group = segments[1] as ApiGroup;
    rest = segments.slice(3);
  } else {
    return { kind: 'nonResource', path: url.pathname, query };
  }
  let namespace: string | undefined;
  if (rest[0] === 'namespaces' && rest.length >= 3 && isResourceName(rest[2] ?? '') && group === groupOf(rest[2] ?? '')) {
    namespace = rest[1];
    rest = rest.slice(2);
  }
  const [resourceName, name, subresource, ...extra] = rest;
  if (resourceName === undefined || !isResourceName(resourceName) || extra.length > 0) return undefined;
  const info = resourceInfo(resourceName);
  if (info.group !== group) return undefined;
  if (namespace !== undefined && !info.namespaced) return undefined;
  const hasName = name !== undefined;
  if (!hasName && method === 'POST' && info.namespaced && namespace === undefined) return 'methodNotAllowed';
  let verb = verbFor(method, hasName, query);
  if (verb === undefined) return 'methodNotAllowed';
  if (hasName && method === 'POST' && subresource === undefined) return 'methodNotAllowed';
  if (hasName && method === 'GET' && (query.get('watch') === 'true' || query.get('watch') === '1')) verb = 'watch';
  if (!hasName && (method === 'PUT' || method === 'PATCH')) return 'methodNotAllowed';
  const out: ResourceRequest = { kind: 'resource', verb, resource: resourceName, query };
  if (subresource !== undefined) out.subresource = subresource;
  if (namespace !== undefined) out.namespace = namespace;
  if (name !== undefined) out.name = name;
  return out;
}

function groupOf(resource: string): ApiGroup {
  return isResourceName(resource) ? resourceInfo(resource).group : '';
}

/** The key request statistics use: `jobs`, `jobs/status`, `pods/log`. */
export function statsResourceKey(req: ResourceRequest): string {
  return req.subresource === undefined ? req.resource : `${req.resource}/${req.subresource}`;
}
