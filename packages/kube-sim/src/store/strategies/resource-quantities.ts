import { parseQuantity, formatQuantity } from '../../controllers/quantity.js';
import { badRequest, type FieldError } from '../api-error.js';
import { isObject, type JsonObject } from '../object-util.js';
import { invalidValue } from '../../validation/field-errors.js';

const QUANTITY_REGEX_MESSAGE = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

function canonical(value: unknown, kind: string): string {
  if (typeof value !== 'string' && typeof value !== 'number') throw badRequest(`${kind} in version "v1" cannot be handled as a ${kind}: ${QUANTITY_REGEX_MESSAGE}`);
  let milli: bigint;
  try {
    milli = parseQuantity(value);
  } catch {
    throw badRequest(`${kind} in version "v1" cannot be handled as a ${kind}: ${QUANTITY_REGEX_MESSAGE}`);
  }
  return formatQuantity(milli, typeof value === 'string' && /[KMGTPE]i$/.test(value));
}

/**
 * Rewrites a container's `resources.requests`/`limits` in the API server's canonical quantity form
 * (`1.5` → `1500m`, `1.5Gi` → `1536Mi`, `1000m` → `1`, `0.1m` → `1m`), as decoding does.
 * @throws ApiError 400 for text that is not a quantity (the real decoder's message).
 */
export function canonicalizeResources(container: JsonObject, kind: string): void {
  const resources = container.resources;
  if (!isObject(resources)) return;
  for (const list of ['requests', 'limits']) {
    const values = resources[list];
    if (!isObject(values)) continue;
    for (const [name, value] of Object.entries(values)) values[name] = canonical(value, kind);
  }
}

/** Requests and limits must be non-negative, and a request no larger than its limit. */
export function validateResources(container: JsonObject, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const resources = isObject(container.resources) ? container.resources : {};
  const requests = isObject(resources.requests) ? resources.requests : {};
  const limits = isObject(resources.limits) ? resources.limits : {};
  for (const [list, values] of [['requests', requests], ['limits', limits]] as const) {
    for (const [name, value] of Object.entries(values)) {
      if (typeof value === 'string' && value.startsWith('-')) errs.push(invalidValue(`${path}.resources.${list}[${name}]`, value, 'must be greater than or equal to 0'));
    }
  }
  for (const [name, request] of Object.entries(requests)) {
    const limit = limits[name];
    if (typeof request !== 'string' || typeof limit !== 'string') continue;
    try {
      if (parseQuantity(request) > parseQuantity(limit)) {
        errs.push(invalidValue(`${path}.resources.requests`, request, `must be less than or equal to ${name} limit of ${limit}`));
      }
    } catch {
      // unparsable values were rejected while decoding
    }
  }
  return errs;
}
