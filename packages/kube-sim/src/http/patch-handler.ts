import { badRequest, notFound, unsupportedMediaType } from '../store/api-error.js';
import { resourceInfo } from '../store/resources.js';
import { isObject } from '../store/object-util.js';
import type { KubeObject } from '../store/types.js';
import { applyJsonPatch } from '../patch/json-patch.js';
import { applyMergePatch } from '../patch/merge-patch.js';
import { applyStrategicMergePatch } from '../patch/strategic-merge-patch.js';
import { parseJson, readBody } from './read-body.js';
import type { ResourceRequest } from './request-info.js';
import { checkBody, dryRunOf } from './resource-handlers.js';
import { sendJson, type HttpExchange } from './respond.js';
import type { ServerContext } from './server-context.js';

/** The patch content types the server accepts. */
export type PatchType = 'json' | 'merge' | 'strategic' | 'apply';

/** Maps a Content-Type to a patch type; undefined for anything else (415). */
export function patchTypeOf(contentType: string | undefined): PatchType | undefined {
  const base = (contentType ?? '').split(';')[0]?.trim().toLowerCase();
  switch (base) {
    case 'application/json-patch+json':
      return 'json';
    case 'application/merge-patch+json':
      return 'merge';
    case 'application/strategic-merge-patch+json':
      return 'strategic';
    case 'application/apply-patch+yaml':
    case 'application/apply-patch+json':
      return 'apply';
    default:
      return undefined;
  }
}

function parseApplyBody(text: string): KubeObject {
  let body: unknown;
  try {
    body = JSON.parse(text) as unknown;
  } catch {
    throw badRequest('error decoding YAML: the simulator accepts apply bodies in JSON form (valid YAML); got non-JSON YAML');
  }
  if (!isObject(body) || typeof body.apiVersion !== 'string' || typeof body.kind !== 'string' || !isObject(body.metadata) || typeof body.metadata.name !== 'string') {
    throw badRequest('apply body must contain apiVersion, kind and metadata.name');
  }
  return body as KubeObject;
}

/**
 * PATCH: JSON patch, JSON merge patch, strategic merge patch, or server-side apply (needs
 * `fieldManager`; creates the object when missing). 415 for other content types.
 */
export async function handlePatch(ctx: ServerContext, ex: HttpExchange, req: ResourceRequest): Promise<void> {
  const type = patchTypeOf(ex.req.headers['content-type']);
  if (type === undefined) throw unsupportedMediaType(ex.req.headers['content-type'] ?? '');
  const text = await readBody(ex.req);
  const name = req.name ?? '';
  const status = req.subresource === 'status';
  const opts = { dryRun: dryRunOf(req), ...(status ? { subresource: 'status' as const } : {}) };
  if (type === 'apply') {
    const fieldManager = req.query.get('fieldManager');
    if (fieldManager === null || fieldManager === '') throw badRequest('PATCH requests to apply must have fieldManager set');
    const applied = checkBody(req, parseApplyBody(text));
    if (applied.metadata.name !== name) throw badRequest(`the name of the object (${applied.metadata.name ?? ''}) does not match the name on the URL (${name})`);
    const current = ctx.store.get(req.resource, req.namespace, name);
    if (current === undefined) {
      if (status) throw badRequest('cannot apply the status of an object that does not exist');
      sendJson(ex, 201, ctx.store.create(req.resource, req.namespace, applied, { dryRun: opts.dryRun }));
      return;
    }
    const merged = applyStrategicMergePatch(current, applied) as KubeObject;
    merged.metadata.resourceVersion = current.metadata.resourceVersion;
    sendJson(ex, 200, ctx.store.update(req.resource, req.namespace, merged, opts));
    return;
  }
  const patch = parseJson(text);
  const current = ctx.store.get(req.resource, req.namespace, name);
  if (current === undefined) throw notFound(resourceInfo(req.resource), name);
  let patched: unknown;
  if (type === 'json') patched = applyJsonPatch(current, patch);
  else if (!isObject(patch)) throw badRequest('patch body must be a JSON object');
  else patched = type === 'merge' ? applyMergePatch(current, patch) : applyStrategicMergePatch(current, patch);
  const body = checkBody(req, patched);
  body.metadata.name = name;
  sendJson(ex, 200, ctx.store.update(req.resource, req.namespace, body, opts));
}
