import type { NonResourceRequest, ResourceRequest } from '../http/request-info.js';
import { resourceInfo } from '../store/resources.js';

/** What authorization looks at for one request (`authorizer.Attributes`). */
export interface RequestAttributes {
  /** Resource verb (`get`, `list`, `watch`, ...) or, for non-resource paths, the lowercase HTTP method. */
  readonly verb: string;
  /** Whether the path names an API resource (false for discovery, /version, ...). */
  readonly resourceRequest: boolean;
  /** `''` for core, `batch`. */
  readonly apiGroup: string;
  /** Resource (`jobs`, `pods`); `''` for non-resource requests. */
  readonly resource: string;
  /** Subresource (`status`, `log`); `''` when none. */
  readonly subresource: string;
  /** `''` for cluster-scoped and all-namespace requests. */
  readonly namespace: string;
  /** `''` when the request names no object. */
  readonly name: string;
  /** URL path of a non-resource request. */
  readonly path: string;
}

/** The name a list or watch is limited to by `fieldSelector=metadata.name=<x>`, as the real RequestInfo reads it. */
function nameFromFieldSelector(query: URLSearchParams): string {
  const selector = query.get('fieldSelector');
  if (selector === null) return '';
  const terms = selector.split(',').map((t) => t.trim());
  for (const term of terms) {
    const m = /^metadata\.name\s*==?\s*(.+)$/.exec(term);
    if (m !== null && !/[/%]/.test(m[1] ?? '') && m[1] !== '.' && m[1] !== '..') return m[1] ?? '';
  }
  return '';
}

/**
 * Authorization attributes of a resource request. As the real server: a request to
 * `/api/v1/namespaces/<ns>` is in namespace `<ns>`, and a list/watch with
 * `fieldSelector=metadata.name=<x>` names `<x>`.
 */
export function resourceAttributes(req: ResourceRequest): RequestAttributes {
  const info = resourceInfo(req.resource);
  let namespace = req.namespace ?? '';
  if (req.resource === 'namespaces' && req.name !== undefined) namespace = req.name;
  let name = req.name ?? '';
  if (name === '' && (req.verb === 'list' || req.verb === 'watch')) name = nameFromFieldSelector(req.query);
  return { verb: req.verb, resourceRequest: true, apiGroup: info.group, resource: req.resource, subresource: req.subresource ?? '', namespace, name, path: '' };
}

/** Authorization attributes of a non-resource request (discovery, /version, /openapi). */
export function nonResourceAttributes(method: string, req: NonResourceRequest): RequestAttributes {
  return { verb: method.toLowerCase(), resourceRequest: false, apiGroup: '', resource: '', subresource: '', namespace: '', name: '', path: req.path };
}

const WATCH_VALUES = new Set(['true', '1']);

/**
 * Attributes of any `/api/v1/...` or `/apis/<group>/<version>/...` path, served or not, as the
 * real RequestInfoFactory derives them: so a request to an unserved resource is authorized (403)
 * before it is found missing (404), as on a real server. Undefined for discovery paths.
 */
export function pathAttributes(method: string, url: URL): RequestAttributes | undefined {
  const segments = url.pathname.split('/').filter((s) => s !== '').map((s) => decodeURIComponent(s));
  let group: string;
  let parts: string[];
  if (segments[0] === 'api' && segments.length >= 2) {
    group = '';
    parts = segments.slice(2);
  } else if (segments[0] === 'apis' && segments.length >= 3) {
    group = segments[1] ?? '';
    parts = segments.slice(3);
  } else {
    return undefined;
  }
  if (parts.length === 0) return undefined;
  let namespace = '';
  if (parts[0] === 'namespaces' && parts.length > 1) {
    namespace = parts[1] ?? '';
    if (parts.length > 2 && parts[2] !== 'status' && parts[2] !== 'finalize') parts = parts.slice(2);
  }
  const [resource = '', name = '', subresource = ''] = parts;
  const watch = WATCH_VALUES.has(url.searchParams.get('watch') ?? '');
  const verbs: Record<string, string> = { POST: 'create', PUT: 'update', PATCH: 'patch', DELETE: name === '' ? 'deletecollection' : 'delete' };
  const verb = method === 'GET' || method === 'HEAD' ? (name === '' ? (watch ? 'watch' : 'list') : 'get') : (verbs[method] ?? method.toLowerCase());
  return { verb, resourceRequest: true, apiGroup: group, resource, subresource, namespace, name, path: '' };
}
