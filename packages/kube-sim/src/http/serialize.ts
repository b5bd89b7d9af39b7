import { isDeepStrictEqual } from 'node:util';
import { badRequest, expired } from '../store/api-error.js';
import { apiVersionOf, resourceInfo } from '../store/resources.js';
import type { KubeObject, ResourceName } from '../store/types.js';

const jsonCache = new WeakMap<object, string>();

/** JSON of a stored (frozen, never mutated) object, cached per object. */
export function objectJson(obj: KubeObject): string {
  let json = jsonCache.get(obj);
  if (json === undefined) {
    json = JSON.stringify(obj);
    if (Object.isFrozen(obj)) jsonCache.set(obj, json);
  }
  return json;
}

/** A list item: the object without `kind` and `apiVersion`, as real list responses carry them. */
export function listItemJson(obj: KubeObject): string {
  const { kind: _kind, apiVersion: _apiVersion, ...rest } = obj;
  return JSON.stringify(rest);
}

/** Decoded continue token: the list's resourceVersion and the last key served. */
export interface ContinueToken {
  rv: number;
  start: string;
}

/** Encodes a continue token (opaque base64 JSON, like the real one). */
export function encodeContinue(token: ContinueToken): string {
  return Buffer.from(JSON.stringify({ v: 'meta.k8s.io/v1', rv: token.rv, start: token.start })).toString('base64url');
}

/**
 * Decodes a continue token.
 * @throws ApiError 400 when malformed, 410 Expired when its resourceVersion was compacted.
 */
export function decodeContinue(text: string, compactedRevision: number): ContinueToken {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw badRequest('continue key is not valid: illegal base64 data');
  }
  if (typeof parsed !== 'object' || parsed === null) throw badRequest('continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)');
  const rec = parsed as Record<string, unknown>;
  if (typeof rec.rv !== 'number' || typeof rec.start !== 'string' || !isDeepStrictEqual(rec.v, 'meta.k8s.io/v1')) {
    throw badRequest('continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)');
  }
  if (rec.rv < compactedRevision) {
    throw expired('The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue value from the response to get a consistent snapshot.');
  }
  return { rv: rec.rv, start: rec.start };
}

/** Builds the JSON of a `XList` response. */
export function listJson(resource: ResourceName, items: readonly KubeObject[], meta: { resourceVersion: string; continue?: string; remainingItemCount?: number }): string {
  const info = resourceInfo(resource);
  const metadata: Record<string, unknown> = { resourceVersion: meta.resourceVersion };
  if (meta.continue !== undefined) metadata.continue = meta.continue;
  if (meta.remainingItemCount !== undefined) metadata.remainingItemCount = meta.remainingItemCount;
  const head = JSON.stringify({ kind: info.listKind, apiVersion: apiVersionOf(info), metadata });
  return `${head.slice(0, -1)},"items":[${items.map(listItemJson).join(',')}]}`;
}
