import { isDeepStrictEqual } from 'node:util';
import { ApiError, badRequest, failureStatus } from '../store/api-error.js';
import { isObject } from '../store/object-util.js';

function unprocessable(message: string): ApiError {
  return new ApiError(failureStatus(422, 'Invalid', `the server rejected our request due to an error in our request: ${message}`));
}

function parsePointer(path: unknown): string[] {
  if (typeof path !== 'string') throw badRequest('json patch path must be a string');
  if (path === '') return [];
  if (!path.startsWith('/')) throw unprocessable(`invalid JSON pointer: ${path}`);
  return path.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function container(doc: unknown, tokens: string[]): { parent: unknown; key: string } {
  let cur: unknown = doc;
  for (const t of tokens.slice(0, -1)) {
    if (Array.isArray(cur)) cur = (cur as unknown[])[Number(t)];
    else if (isObject(cur)) cur = cur[t];
    else throw unprocessable(`doc is missing path: /${tokens.join('/')}`);
    if (cur === undefined) throw unprocessable(`doc is missing path: /${tokens.join('/')}`);
  }
  return { parent: cur, key: tokens[tokens.length - 1] ?? '' };
}

function getAt(doc: unknown, tokens: string[]): unknown {
  if (tokens.length === 0) return doc;
  const { parent, key } = container(doc, tokens);
  const v: unknown = Array.isArray(parent) ? (parent as unknown[])[Number(key)] : isObject(parent) ? parent[key] : undefined;
  if (v === undefined) throw unprocessable(`doc is missing path: /${tokens.join('/')}`);
  return v;
}

function arrayIndex(arr: unknown[], key: string, forAdd: boolean): number {
  if (forAdd && key === '-') return arr.length;
  const i = Number(key);
  if (!/^\d+$/.test(key) || i > arr.length || (!forAdd && i >= arr.length)) throw unprocessable(`invalid index referenced: ${key}`);
  return i;
}

function add(doc: unknown, tokens: string[], value: unknown): unknown {
  if (tokens.length === 0) return value;
  const { parent, key } = container(doc, tokens);
  if (Array.isArray(parent)) parent.splice(arrayIndex(parent, key, true), 0, value);
  else if (isObject(parent)) parent[key] = value;
  else throw unprocessable(`doc is missing path: /${tokens.join('/')}`);
  return doc;
}

function remove(doc: unknown, tokens: string[]): unknown {
  const { parent, key } = container(doc, tokens);
  if (Array.isArray(parent)) parent.splice(arrayIndex(parent, key, false), 1);
  else if (isObject(parent) && key in parent) delete parent[key];
  else throw unprocessable(`unable to remove nonexistent key: ${key}: missing value`);
  return doc;
}

/**
 * Applies an RFC 6902 JSON patch (add, remove, replace, move, copy, test) to a copy of `target`.
 * @throws ApiError 400 for a malformed patch, 422 when an operation cannot apply (or a test fails).
 */
export function applyJsonPatch(target: unknown, patch: unknown): unknown {
  if (!Array.isArray(patch)) throw badRequest('json: cannot unmarshal object into Go value of type jsonpatch.Patch');
  let doc = structuredClone(target);
  for (const op of patch) {
    if (!isObject(op)) throw badRequest('json patch operation must be an object');
    const tokens = parsePointer(op.path);
    switch (op.op) {
      case 'add':
        doc = add(doc, tokens, structuredClone(op.value));
        break;
      case 'remove':
        doc = remove(doc, tokens);
        break;
      case 'replace':
        getAt(doc, tokens);
        doc = add(remove(doc, tokens), tokens, structuredClone(op.value));
        break;
      case 'move': {
        const from = parsePointer(op.from);
        const value = getAt(doc, from);
        doc = add(remove(doc, from), tokens, value);
        break;
      }
      case 'copy':
        doc = add(doc, tokens, structuredClone(getAt(doc, parsePointer(op.from))));
        break;
      case 'test':
        if (!isDeepStrictEqual(getAt(doc, tokens), op.value)) throw unprocessable(`testing value /${tokens.join('/')} failed: test failed`);
        break;
      default:
        throw badRequest(`Unexpected kind: ${String(op.op)}`);
    }
  }
  return doc;
}
