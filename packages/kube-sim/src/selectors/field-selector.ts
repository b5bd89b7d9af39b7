import { badRequest } from '../store/api-error.js';
import type { KubeObject, ResourceName } from '../store/types.js';

/** One `field=value` / `field!=value` term. */
export interface FieldRequirement {
  field: string;
  negate: boolean;
  value: string;
}

/** The field paths real servers support in field selectors, per resource. */
const SUPPORTED: Record<ResourceName, readonly string[]> = {
  pods: ['metadata.name', 'metadata.namespace', 'spec.nodeName', 'spec.restartPolicy', 'spec.schedulerName',
    'spec.serviceAccountName', 'spec.hostNetwork', 'status.phase', 'status.podIP', 'status.podIPs', 'status.nominatedNodeName'],
  jobs: ['metadata.name', 'metadata.namespace', 'status.successful'],
  nodes: ['metadata.name', 'spec.unschedulable'],
  namespaces: ['metadata.name', 'status.phase'],
  secrets: ['metadata.name', 'metadata.namespace', 'type'],
  configmaps: ['metadata.name', 'metadata.namespace'],
  persistentvolumeclaims: ['metadata.name', 'metadata.namespace'],
  serviceaccounts: ['metadata.name', 'metadata.namespace'],
  roles: ['metadata.name', 'metadata.namespace'],
  rolebindings: ['metadata.name', 'metadata.namespace'],
  clusterroles: ['metadata.name'],
  clusterrolebindings: ['metadata.name'],
  events: ['metadata.name', 'metadata.namespace', 'involvedObject.kind', 'involvedObject.namespace', 'involvedObject.name',
    'involvedObject.uid', 'involvedObject.apiVersion', 'involvedObject.resourceVersion', 'involvedObject.fieldPath',
    'reason', 'reportingComponent', 'source', 'type'],
};

/**
 * Parses a field selector (`=`, `==`, `!=`, comma = AND) and checks every field is supported.
 * @throws ApiError 400 `field label not supported: <f>` or a parse error.
 */
export function parseFieldSelector(resource: ResourceName, text: string | undefined): FieldRequirement[] {
  const out: FieldRequirement[] = [];
  if (text === undefined || text.trim() === '') return out;
  for (const raw of splitTerms(text)) {
    const term = raw.trim();
    if (term === '') continue;
    const m = /^([^=!]+?)\s*(==|!=|=)\s*(.*)$/.exec(term);
    if (m === null) throw badRequest(`invalid selector: '${text}'; can't understand '${term}'`);
    const field = m[1] ?? '';
    if (!SUPPORTED[resource].includes(field)) throw badRequest(`field label not supported: ${field}`);
    out.push({ field, negate: m[2] === '!=', value: unescape(m[3] ?? '') });
  }
  return out;
}

function splitTerms(text: string): string[] {
  const terms: string[] = [];
  let cur = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i] ?? '';
    if (c === '\\' && i + 1 < text.length) {
      cur += c + (text[i + 1] ?? '');
      i++;
    } else if (c === ',') {
      terms.push(cur);
      cur = '';
    } else cur += c;
  }
  terms.push(cur);
  return terms;
}

function unescape(value: string): string {
  return value.replace(/\\(.)/g, '$1');
}

/** The value of a selectable field, rendered as the server's field set renders it. */
export function fieldValue(resource: ResourceName, obj: KubeObject, field: string): string {
  if (resource === 'jobs' && field === 'status.successful') return String(numberAt(obj, ['status', 'succeeded']));
  if (resource === 'pods' && field === 'spec.hostNetwork') return String(valueAt(obj, ['spec', 'hostNetwork']) === true);
  if (resource === 'nodes' && field === 'spec.unschedulable') return String(valueAt(obj, ['spec', 'unschedulable']) === true);
  if (resource === 'events' && field === 'source') {
    const v = valueAt(obj, ['source', 'component']);
    return typeof v === 'string' ? v : '';
  }
  if (resource === 'pods' && field === 'status.podIPs') {
    const v = valueAt(obj, ['status', 'podIP']);
    return typeof v === 'string' ? v : '';
  }
  const v = valueAt(obj, field.split('.'));
  return v === undefined || v === null ? '' : typeof v === 'string' ? v : JSON.stringify(v);
}

function valueAt(obj: unknown, path: readonly string[]): unknown {
  let cur: unknown = obj;
  for (const p of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[p];
  }
  return cur;
}

function numberAt(obj: unknown, path: readonly string[]): number {
  const v = valueAt(obj, path);
  return typeof v === 'number' ? v : 0;
}

/** Whether an object satisfies every field requirement. */
export function matchesFields(resource: ResourceName, reqs: readonly FieldRequirement[], obj: KubeObject): boolean {
  for (const r of reqs) {
    const equal = fieldValue(resource, obj, r.field) === r.value;
    if (equal === r.negate) return false;
  }
  return true;
}
