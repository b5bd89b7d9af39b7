import type { IncomingMessage, ServerResponse } from 'node:http';
import { forbidden } from '../auth/forbidden.js';
import { nonResourceAttributes, pathAttributes, resourceAttributes, type RequestAttributes } from '../auth/request-attributes.js';
import type { UserInfo } from '../auth/rbac-types.js';
import type { FaultAction } from '../faults/fault-types.js';
import { ApiError, internalError, isApiError, methodNotAllowed, pathNotFound, serviceUnavailable, tooManyRequests, failureStatus, unauthorized } from '../store/api-error.js';
import { isNamedGroup, resourceInfo, type ApiGroup } from '../store/resources.js';
import { apiGroup, apiGroupList, apiResourceList, coreApiVersions, versionInfo } from './discovery.js';
import { handlePodLog } from './log-handler.js';
import { openApiV3Document, openApiV3Root } from './openapi.js';
import { handlePatch } from './patch-handler.js';
import { handleBinding, handleEviction } from './pod-subresources.js';
import { parseRequest, statsResourceKey, type ResourceRequest } from './request-info.js';
import { handleCreate, handleDelete, handleDeleteCollection, handleGet, handleList, handleUpdate } from './resource-handlers.js';
import { sendError, sendJson, type HttpExchange } from './respond.js';
import type { ServerContext } from './server-context.js';
import { handleWatch } from './watch-handler.js';

const PUBLIC_PATHS = new Set(['/version', '/healthz', '/livez', '/readyz']);

function faultError(action: Extract<FaultAction, { type: 'status' }>): ApiError {
  switch (action.code) {
    case 429:
      return tooManyRequests(action.retryAfterSeconds ?? 1);
    case 500:
      return internalError(action.message ?? 'injected fault');
    case 503:
      return serviceUnavailable(action.message);
    case 504:
      return new ApiError(failureStatus(504, 'Timeout', action.message ?? 'Timeout: request did not complete within the allotted timeout', {}));
  }
}

function serveNonResource(ex: HttpExchange, path: string, serverAddress: string): void {
  const p = path.replace(/\/+$/, '') || '/';
  switch (p) {
    case '/version':
      return sendJson(ex, 200, versionInfo());
    case '/healthz':
    case '/livez':
    case '/readyz':
      ex.res.writeHead(200, { 'Content-Type': 'text/plain' });
      ex.res.end('ok');
      return;
    case '/api':
      return sendJson(ex, 200, coreApiVersions(serverAddress));
    case '/api/v1':
      return sendJson(ex, 200, apiResourceList(''));
    case '/apis':
      return sendJson(ex, 200, apiGroupList());
    case '/openapi/v3':
      return sendJson(ex, 200, openApiV3Root());
  }
  const group = /^\/apis\/([^/]+)(\/v1)?$/.exec(p);
  if (group !== null && isNamedGroup(group[1] ?? '')) {
    const name = group[1] as Exclude<ApiGroup, ''>;
    return sendJson(ex, 200, group[2] === undefined ? apiGroup(name) : apiResourceList(name));
  }
  const doc = p.startsWith('/openapi/v3/') ? openApiV3Document(p.slice('/openapi/v3/'.length)) : undefined;
  if (doc !== undefined) return sendJson(ex, 200, doc);
  throw pathNotFound();
}

async function serveResource(ctx: ServerContext, ex: HttpExchange, req: ResourceRequest): Promise<void> {
  const sub = req.subresource;
  if (sub !== undefined) {
    const info = resourceInfo(req.resource);
    if (sub === 'log' && req.resource === 'pods' && req.verb === 'get') return handlePodLog(ctx, ex, req);
    if (sub === 'binding' && req.resource === 'pods' && req.verb === 'create') return handleBinding(ctx, ex, req);
    if (sub === 'eviction' && req.resource === 'pods' && req.verb === 'create') return handleEviction(ctx, ex, req);
    if (sub !== 'status' || !info.statusSubresource) throw pathNotFound();
    if (req.verb !== 'get' && req.verb !== 'update' && req.verb !== 'patch') throw methodNotAllowed();
  }
  switch (req.verb) {
    case 'get':
      return handleGet(ctx, ex, req);
    case 'list':
      return handleList(ctx, ex, req);
    case 'watch':
      return handleWatch(ctx, ex, req);
    case 'create':
      return handleCreate(ctx, ex, req);
    case 'update':
      return handleUpdate(ctx, ex, req);
    case 'patch':
      return handlePatch(ctx, ex, req);
    case 'delete':
      return handleDelete(ctx, ex, req);
    case 'deletecollection':
      return handleDeleteCollection(ctx, ex, req);
  }
}

function delay(ms: number, ctx: ServerContext): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      ctx.streams.delete(cancel);
      resolve();
    }, ms);
    const cancel = (): void => {
      clearTimeout(timer);
      resolve();
    };
    ctx.streams.add(cancel);
  });
}

/** RBAC check of an authenticated request; counts and throws a 403 Forbidden Status when denied. */
function authorize(ctx: ServerContext, user: UserInfo | undefined, attrs: () => RequestAttributes): void {
  if (user === undefined) return;
  const a = attrs();
  const decision = ctx.rbac.authorize(user, a);
  if (decision.allowed) return;
  ctx.stats.countForbidden();
  throw forbidden(user.name, a, decision.reason);
}

async function dispatch(ctx: ServerContext, ex: HttpExchange, serverAddress: string): Promise<void> {
  const { req } = ex;
  const url = new URL(req.url ?? '/', 'http://localhost');
  const method = req.method ?? 'GET';
  const parsed = parseRequest(method, url);
  const isPublic = parsed !== undefined && parsed !== 'methodNotAllowed' && parsed.kind === 'nonResource' && PUBLIC_PATHS.has(parsed.path);
  const user = isPublic ? undefined : ctx.tokens.authenticate(req.headers.authorization);
  if (!isPublic && user === undefined) throw unauthorized();
  if (parsed === undefined || parsed === 'methodNotAllowed') {
    ctx.stats.countNonResource();
    const attrs = pathAttributes(method, url);
    if (attrs !== undefined) authorize(ctx, user, () => attrs);
    throw parsed === undefined ? pathNotFound() : methodNotAllowed();
  }
  if (parsed.kind === 'nonResource') {
    ctx.stats.countNonResource();
    // A resource-shaped path of an unserved group (`/apis/kueue.x-k8s.io/v1beta1/workloads`) is a
    // resource request to the authorizer, as on a real server: 403 before 404.
    const asResource = pathAttributes(method, url);
    authorize(ctx, user, () => asResource ?? nonResourceAttributes(method, parsed));
    serveNonResource(ex, parsed.path, serverAddress);
    return;
  }
  ctx.stats.countRequest(parsed.verb, statsResourceKey(parsed));
  const action = ctx.faults.decide(parsed);
  if (action !== undefined) {
    ctx.stats.countFault();
    if (action.type === 'status') throw faultError(action);
    if (action.type === 'latency') {
      await delay(action.ms, ctx);
      // Cut by stop() or restart() while waiting: the request dies with its connection, unserved.
      if (req.socket.destroyed) return;
    }
    if (action.type === 'reset' && action.when === 'before') {
      req.socket.destroy();
      return;
    }
    if (action.type === 'reset') ex.resetInsteadOfReply = true;
  }
  authorize(ctx, user, () => resourceAttributes(parsed));
  await serveResource(ctx, ex, parsed);
}

/**
 * The request handler of the simulator: bearer-token authentication (401 Status otherwise), fault
 * injection (before authorization, as priority-and-fairness runs before it on a real server), RBAC
 * authorization (403 Forbidden Status), discovery, resource verbs, watch, pod logs and statistics.
 */
export function apiRequestHandler(ctx: ServerContext, serverAddress: () => string): (req: IncomingMessage, res: ServerResponse) => void {
  return (req: IncomingMessage, res: ServerResponse): void => {
    const ex: HttpExchange = { req, res, countBytes: (n) => ctx.stats.countBytes(n), resetInsteadOfReply: false };
    dispatch(ctx, ex, serverAddress()).catch((error: unknown) => {
      if (res.headersSent || res.destroyed) {
        if (!res.writableEnded) res.end();
        return;
      }
      if (isApiError(error)) sendError(ex, error);
      else sendError(ex, internalError(error instanceof Error ? error.message : String(error)));
    });
  };
}
