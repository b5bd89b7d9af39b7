import { badRequest, expired, notFound, successStatus } from '../store/api-error.js';
import { isObject } from '../store/object-util.js';
import { apiVersionOf, resourceInfo } from '../store/resources.js';
import type { KubeObject, PropagationPolicy, StoreDeleteOptions } from '../store/types.js';
import { parseJson, readBody, requireJsonBody } from './read-body.js';
import type { ResourceRequest } from './request-info.js';
import { sendJson, sendRawJson, type HttpExchange } from './respond.js';
import { decodeContinue, encodeContinue, listJson, objectJson } from './serialize.js';
import type { ServerContext } from './server-context.js';
import { includeObjectOf, toTable, wantsTable } from './table/table.js';

function selectors(req: ResourceRequest): { labelSelector?: string; fieldSelector?: string } {
  const out: { labelSelector?: string; fieldSelector?: string } = {};
  const l = req.query.get('labelSelector');
  const f = req.query.get('fieldSelector');
  if (l !== null) out.labelSelector = l;
  if (f !== null) out.fieldSelector = f;
  return out;
}

/**
 * `dryRun=All`: validate and answer without storing.
 * @throws ApiError 400 for any other value.
 */
export function dryRunOf(req: ResourceRequest): boolean {
  const values = req.query.getAll('dryRun');
  if (values.length === 0) return false;
  if (values.every((v) => v === 'All')) return true;
  throw badRequest(`Invalid dryRun: Unsupported value: ${JSON.stringify(values.find((v) => v !== 'All'))}: supported values: "All"`);
}

/** Checks a body is an object of the resource's kind and apiVersion (when it names them). */
export function checkBody(req: ResourceRequest, body: unknown): KubeObject {
  if (!isObject(body)) throw badRequest('the body of the request must be a JSON object');
  const info = resourceInfo(req.resource);
  const apiVersion = body.apiVersion;
  if (apiVersion !== undefined && apiVersion !== apiVersionOf(info)) {
    throw badRequest(`the API version in the data (${JSON.stringify(apiVersion)}) does not match the expected API version (${apiVersionOf(info)})`);
  }
  if (body.kind !== undefined && body.kind !== info.kind) {
    throw badRequest(`the kind in the data (${JSON.stringify(body.kind)}) does not match the expected kind (${info.kind})`);
  }
  if (!isObject(body.metadata)) body.metadata = {};
  return body as KubeObject;
}

/** GET one object. */
export function handleGet(ctx: ServerContext, ex: HttpExchange, req: ResourceRequest): void {
  const name = req.name ?? '';
  const info = resourceInfo(req.resource);
  const obj = ctx.store.getShared(req.resource, req.namespace, name);
  if (obj === undefined || (info.namespaced && req.namespace === undefined)) throw notFound(info, name);
  if (wantsTable(ex.req.headers.accept)) {
    sendJson(ex, 200, toTable(req.resource, [obj], { now: ctx.store.now(), include: includeObjectOf(req.query), resourceVersion: obj.metadata.resourceVersion ?? '' }));
    return;
  }
  sendRawJson(ex, 200, objectJson(obj));
}

/**
 * `resourceVersionMatch=Exact` with a `resourceVersion`: the list as of that version.
 * @throws ApiError 400 when malformed, 410 Expired when compacted.
 */
function exactVersion(req: ResourceRequest, compacted: number): number | undefined {
  const match = req.query.get('resourceVersionMatch');
  if (match === null || match === '' || match === 'NotOlderThan') return undefined;
  const rv = Number(req.query.get('resourceVersion') ?? '');
  if (match !== 'Exact' || !Number.isInteger(rv) || rv <= 0) throw badRequest(`invalid resourceVersionMatch/resourceVersion: ${match}`);
  if (rv < compacted) throw expired(`too old resource version: ${rv} (${compacted})`);
  return rv;
}

/** GET a collection: selectors, limit/continue paging, list resourceVersion. */
export function handleList(ctx: ServerContext, ex: HttpExchange, req: ResourceRequest): void {
  const sel = selectors(req);
  const limitText = req.query.get('limit');
  const limit = limitText === null ? 0 : Number(limitText);
  if (!Number.isInteger(limit) || limit < 0) throw badRequest(`invalid limit: ${limitText ?? ''}`);
  const cont = req.query.get('continue');
  const store = ctx.store;
  const token = cont === null || cont === '' ? undefined : decodeContinue(cont, store.compactedRevision);
  const exact = exactVersion(req, store.compactedRevision);
  const at = token?.rv ?? exact;
  let items = store.listShared(req.resource, req.namespace, sel, at);
  const keyOf = (o: KubeObject): string => `${o.metadata.namespace ?? ''}/${o.metadata.name ?? ''}`;
  if (token !== undefined) items = items.filter((o) => keyOf(o) > token.start);
  const rv = at === undefined ? store.resourceVersion : String(at);
  const meta: { resourceVersion: string; continue?: string; remainingItemCount?: number } = { resourceVersion: rv };
  if (limit > 0 && items.length > limit) {
    const last = items[limit - 1];
    if (last !== undefined) meta.continue = encodeContinue({ rv: Number(rv), start: keyOf(last) });
    if (sel.labelSelector === undefined && sel.fieldSelector === undefined) meta.remainingItemCount = items.length - limit;
    items = items.slice(0, limit);
  }
  if (wantsTable(ex.req.headers.accept)) {
    sendJson(ex, 200, toTable(req.resource, items, { now: store.now(), include: includeObjectOf(req.query), ...meta }));
    return;
  }
  sendRawJson(ex, 200, listJson(req.resource, items, meta));
}

/** POST: create, 201 with the stored object. */
export async function handleCreate(ctx: ServerContext, ex: HttpExchange, req: ResourceRequest): Promise<void> {
  requireJsonBody(ex.req.headers);
  const body = checkBody(req, parseJson(await readBody(ex.req)));
  const created = ctx.store.create(req.resource, req.namespace, body, { dryRun: dryRunOf(req) });
  sendJson(ex, 201, created);
}

/** PUT: update with optimistic concurrency (main resource or `/status`). */
export async function handleUpdate(ctx: ServerContext, ex: HttpExchange, req: ResourceRequest): Promise<void> {
  requireJsonBody(ex.req.headers);
  const body = checkBody(req, parseJson(await readBody(ex.req)));
  const name = req.name ?? '';
  if (body.metadata.name !== undefined && body.metadata.name !== name) {
    throw badRequest(`the name of the object (${body.metadata.name}) does not match the name on the URL (${name})`);
  }
  if (body.metadata.namespace !== undefined && req.namespace !== undefined && body.metadata.namespace !== req.namespace) {
    throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
  }
  body.metadata.name = name;
  const opts = { dryRun: dryRunOf(req), ...(req.subresource === 'status' ? { subresource: 'status' as const } : {}) };
  sendJson(ex, 200, ctx.store.update(req.resource, req.namespace, body, opts));
}

const POLICIES: readonly string[] = ['Background', 'Foreground', 'Orphan'];

/** Reads DeleteOptions from the query and the (optional) JSON body. */
export async function deleteOptions(ex: HttpExchange, req: ResourceRequest): Promise<StoreDeleteOptions> {
  const text = await readBody(ex.req);
  const body = text.trim() === '' ? {} : parseJson(text);
  const b = isObject(body) ? body : {};
  const opts: StoreDeleteOptions = {};
  const policy = b.propagationPolicy ?? req.query.get('propagationPolicy') ?? undefined;
  const orphan = b.orphanDependents ?? req.query.get('orphanDependents') ?? undefined;
  if (policy !== undefined && policy !== null) {
    if (typeof policy !== 'string' || !POLICIES.includes(policy)) {
      throw badRequest(`DeleteOptions.meta.k8s.io "" is invalid: propagationPolicy: Unsupported value: ${JSON.stringify(policy)}: supported values: "Foreground", "Background", "Orphan"`);
    }
    opts.propagationPolicy = policy as PropagationPolicy;
  } else if (orphan !== undefined && orphan !== null) {
    opts.propagationPolicy = orphan === true || orphan === 'true' ? 'Orphan' : 'Background';
  }
  const grace = b.gracePeriodSeconds ?? req.query.get('gracePeriodSeconds') ?? undefined;
  if (grace !== undefined && grace !== null) opts.gracePeriodSeconds = Number(grace);
  if (isObject(b.preconditions)) {
    const pre: { uid?: string; resourceVersion?: string } = {};
    if (typeof b.preconditions.uid === 'string') pre.uid = b.preconditions.uid;
    if (typeof b.preconditions.resourceVersion === 'string') pre.resourceVersion = b.preconditions.resourceVersion;
    opts.preconditions = pre;
  }
  return opts;
}

/** DELETE one object: a Success Status when it went at once (pods: the Pod), else the held object. */
export async function handleDelete(ctx: ServerContext, ex: HttpExchange, req: ResourceRequest): Promise<void> {
  const opts = await deleteOptions(ex, req);
  const info = resourceInfo(req.resource);
  if (dryRunOf(req)) {
    const current = ctx.store.get(req.resource, req.namespace, req.name ?? '');
    if (current === undefined) throw notFound(info, req.name ?? '');
    sendJson(ex, 200, current);
    return;
  }
  const result = ctx.store.deleteObject(req.resource, req.namespace, req.name ?? '', opts);
  if (result.removed && req.resource !== 'pods') sendJson(ex, 200, successStatus(info, req.name ?? '', result.object.metadata.uid));
  else sendJson(ex, 200, result.object);
}

/** DELETE a collection: deletes every match, returns them as a list. */
export async function handleDeleteCollection(ctx: ServerContext, ex: HttpExchange, req: ResourceRequest): Promise<void> {
  const opts = await deleteOptions(ex, req);
  const victims = ctx.store.listShared(req.resource, req.namespace, selectors(req));
  if (dryRunOf(req)) {
    sendRawJson(ex, 200, listJson(req.resource, victims, { resourceVersion: ctx.store.resourceVersion }));
    return;
  }
  const out: KubeObject[] = [];
  for (const v of victims) {
    const name = v.metadata.name ?? '';
    if (ctx.store.get(req.resource, v.metadata.namespace, name) === undefined) continue;
    out.push(ctx.store.deleteObject(req.resource, v.metadata.namespace, name, opts).object);
  }
  sendRawJson(ex, 200, listJson(req.resource, out, { resourceVersion: ctx.store.resourceVersion }));
}
