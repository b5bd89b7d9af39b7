import { parseFieldSelector } from '../selectors/field-selector.js';
import { parseLabelSelector } from '../selectors/label-selector.js';
import { ApiError, badRequest, failureStatus, isApiError } from '../store/api-error.js';
import { apiVersionOf, resourceInfo } from '../store/resources.js';
import type { KubeObject, StoreEvent } from '../store/types.js';
import { inScope, visibleEvent, type WatchScope } from '../watch/event-filter.js';
import { WatchStream } from '../watch/watch-stream.js';
import type { ResourceRequest } from './request-info.js';
import type { HttpExchange } from './respond.js';
import type { ServerContext } from './server-context.js';
import { includeObjectOf, toTable, wantsTable } from './table/table.js';

function scopeOf(req: ResourceRequest): WatchScope {
  const fields = parseFieldSelector(req.resource, req.query.get('fieldSelector') ?? undefined);
  if (req.name !== undefined) fields.push({ field: 'metadata.name', negate: false, value: req.name });
  const scope: WatchScope = { resource: req.resource, labels: parseLabelSelector(req.query.get('labelSelector') ?? undefined), fields };
  if (req.namespace !== undefined) scope.namespace = req.namespace;
  return scope;
}

function invalidListOptions(message: string): ApiError {
  return new ApiError(failureStatus(422, 'Invalid', `ListOptions.meta.k8s.io "" is invalid: ${message}`, {
    group: 'meta.k8s.io', kind: 'ListOptions', causes: [{ reason: 'FieldValueForbidden', message, field: 'sendInitialEvents' }],
  }));
}

/**
 * GET `?watch=1`: NDJSON stream. RV unset/"0" (or `sendInitialEvents=true`) replays current objects
 * as ADDED; a given RV streams events strictly after it, or one ERROR 410 Expired when compacted.
 * Honours `allowWatchBookmarks`, `timeoutSeconds`, selectors and watch-cut faults.
 */
export function handleWatch(ctx: ServerContext, ex: HttpExchange, req: ResourceRequest): void {
  const scope = scopeOf(req);
  const q = req.query;
  const rvText = q.get('resourceVersion') ?? '';
  const sendInitial = q.get('sendInitialEvents');
  const allowBookmarks = q.get('allowWatchBookmarks') === 'true' || q.get('allowWatchBookmarks') === '1';
  if (sendInitial === 'true' && (q.get('resourceVersionMatch') !== 'NotOlderThan' || !allowBookmarks)) {
    throw invalidListOptions('sendInitialEvents: Forbidden: sendInitialEvents is forbidden for watch unless resourceVersionMatch is set to NotOlderThan and allowWatchBookmarks is true');
  }
  const timeoutText = q.get('timeoutSeconds');
  const timeoutSeconds = timeoutText === null ? ctx.watch.defaultTimeoutSeconds() : Number(timeoutText);
  if (!Number.isFinite(timeoutSeconds) || timeoutSeconds < 0) throw badRequest(`invalid timeoutSeconds: ${timeoutText ?? ''}`);
  const replay = sendInitial === 'true' || (sendInitial !== 'false' && (rvText === '' || rvText === '0'));
  const store = ctx.store;
  let backlog: { type: string; object: KubeObject }[] = [];
  let expired: ApiError | undefined;
  if (replay) {
    backlog = store.listShared(req.resource, scope.namespace).filter((o) => inScope(scope, o)).map((object) => ({ type: 'ADDED', object }));
  } else if (rvText !== '' && rvText !== '0') {
    const rv = Number(rvText);
    if (!Number.isInteger(rv) || rv < 0) throw badRequest(`invalid resource version: ${rvText}`);
    if (rv < ctx.watchCacheFloor) {
      expired = new ApiError(failureStatus(410, 'Expired', `too old resource version: ${rv} (${ctx.watchCacheFloor})`));
    } else {
      try {
        for (const entry of store.eventsSince(rv)) {
          const type = visibleEvent(scope, entry.event);
          if (type !== undefined) backlog.push({ type, object: entry.event.object });
        }
      } catch (error) {
        if (!isApiError(error)) throw error;
        expired = error;
      }
    }
  }
  const info = resourceInfo(req.resource);
  let unsubscribe: () => void = () => undefined;
  const closer = (): void => stream.end(false);
  ctx.stats.openWatches++;
  const stream = new WatchStream({
    res: ex.res,
    kind: info.kind,
    apiVersion: apiVersionOf(info),
    currentVersion: () => store.resourceVersion,
    allowBookmarks,
    bookmarkIntervalMs: ctx.watch.bookmarkIntervalMs,
    timeoutMs: timeoutSeconds * 1000,
    cuts: ctx.faults.watchCutsFor(req),
    countBytes: (n) => ctx.stats.countBytes(n),
    ...(wantsTable(ex.req.headers.accept)
      ? { encode: (obj: KubeObject) => JSON.stringify(toTable(req.resource, [obj], { now: store.now(), include: includeObjectOf(q) })) }
      : {}),
    onFault: () => ctx.stats.countFault(),
    onClose: () => {
      unsubscribe();
      ctx.streams.delete(closer);
      ctx.stats.openWatches--;
    },
  });
  ctx.streams.add(closer);
  if (expired !== undefined) {
    stream.error(expired.status);
    return;
  }
  unsubscribe = store.subscribe((event: StoreEvent) => {
    const type = visibleEvent(scope, event);
    if (type !== undefined) stream.send(type, event.object);
  });
  for (const e of backlog) stream.send(e.type, e.object);
  if (sendInitial === 'true') stream.bookmark({ 'k8s.io/initial-events-end': 'true' });
  if (stream.closed) unsubscribe();
}
