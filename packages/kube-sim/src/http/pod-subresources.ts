import { badRequest, conflict, notFound } from '../store/api-error.js';
import { isObject, objectAt, stringAt } from '../store/object-util.js';
import { resourceInfo } from '../store/resources.js';
import type { StoreDeleteOptions } from '../store/types.js';
import { parseJson, readBody } from './read-body.js';
import type { ResourceRequest } from './request-info.js';
import { sendJson, type HttpExchange } from './respond.js';
import type { ServerContext } from './server-context.js';

const CREATED = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 };

function nowRfc3339(ctx: ServerContext): string {
  return new Date(Math.floor(ctx.store.now() / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/**
 * POST pods/{name}/binding: binds an unbound pod to `target.name` (sets `spec.nodeName` and
 * `PodScheduled=True`); 409 when already bound. Answers 201 with a Success Status.
 */
export async function handleBinding(ctx: ServerContext, ex: HttpExchange, req: ResourceRequest): Promise<void> {
  const body = parseJson(await readBody(ex.req));
  const target = objectAt(body, 'target');
  const node = stringAt(target, 'name');
  if (node === undefined || node === '') throw badRequest('Binding target.name is required');
  const name = req.name ?? '';
  const pods = resourceInfo('pods');
  const pod = ctx.store.getShared('pods', req.namespace, name);
  if (pod === undefined) throw notFound(pods, name);
  const bound = stringAt(pod.spec, 'nodeName');
  if (bound !== undefined && bound !== '') throw conflict(pods, name, `pod ${name} is already assigned to node "${bound}"`);
  const now = nowRfc3339(ctx);
  ctx.store.mutate('pods', req.namespace, name, (p) => {
    if (isObject(p.spec)) p.spec.nodeName = node;
    const status = isObject(p.status) ? p.status : {};
    const conditions = Array.isArray(status.conditions) ? status.conditions.filter((c) => !(isObject(c) && c.type === 'PodScheduled')) : [];
    conditions.push({ type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: now });
    p.status = { ...status, conditions };
  });
  sendJson(ex, 201, CREATED);
}

/**
 * POST pods/{name}/eviction (policy/v1 Eviction): marks the pod with `DisruptionTarget=True`
 * (reason `EvictionByEvictionAPI`), then deletes it gracefully with the Eviction's deleteOptions.
 */
export async function handleEviction(ctx: ServerContext, ex: HttpExchange, req: ResourceRequest): Promise<void> {
  const body = parseJson(await readBody(ex.req));
  if (!isObject(body)) throw badRequest('the body of the request must be a policy/v1 Eviction');
  const name = req.name ?? '';
  const pod = ctx.store.getShared('pods', req.namespace, name);
  if (pod === undefined) throw notFound(resourceInfo('pods'), name);
  const bodyName = stringAt(body.metadata, 'name');
  if (bodyName !== undefined && bodyName !== name) throw badRequest(`name in URL does not match name in Eviction object`);
  const phase = stringAt(pod.status, 'phase');
  if (phase !== 'Succeeded' && phase !== 'Failed') {
    const now = nowRfc3339(ctx);
    ctx.store.mutate('pods', req.namespace, name, (p) => {
      const status = isObject(p.status) ? p.status : {};
      const conditions = Array.isArray(status.conditions) ? status.conditions.filter((c) => !(isObject(c) && c.type === 'DisruptionTarget')) : [];
      conditions.push({ type: 'DisruptionTarget', status: 'True', reason: 'EvictionByEvictionAPI', message: 'Eviction API: evicting', lastProbeTime: null, lastTransitionTime: now });
      p.status = { ...status, conditions };
    }, { subresource: 'status' });
  }
  const opts: StoreDeleteOptions = {};
  const del = objectAt(body, 'deleteOptions');
  if (typeof del?.gracePeriodSeconds === 'number') opts.gracePeriodSeconds = del.gracePeriodSeconds;
  ctx.store.deleteObject('pods', req.namespace, name, opts);
  sendJson(ex, 201, CREATED);
}
