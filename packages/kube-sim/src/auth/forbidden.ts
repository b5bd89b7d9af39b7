import { ApiError, failureStatus, type StatusDetails } from '../store/api-error.js';
import type { RequestAttributes } from './request-attributes.js';

/** `User "u" cannot get resource "jobs" in API group "batch" in the namespace "ns"`, as the real server words it. */
export function forbiddenMessage(user: string, attrs: RequestAttributes): string {
  if (!attrs.resourceRequest) return `User "${user}" cannot ${attrs.verb} path "${attrs.path}"`;
  const resource = attrs.subresource === '' ? attrs.resource : `${attrs.resource}/${attrs.subresource}`;
  const scope = attrs.namespace === '' ? 'at the cluster scope' : `in the namespace "${attrs.namespace}"`;
  return `User "${user}" cannot ${attrs.verb} resource "${resource}" in API group "${attrs.apiGroup}" ${scope}`;
}

/**
 * 403 Forbidden for a request the authorizer denied: `jobs.batch "x" is forbidden: User ...`
 * (`forbidden: User ... path` for non-resource paths), with `details` {name, group, kind} and an
 * optional authorizer `reason` appended after a colon.
 */
export function forbidden(user: string, attrs: RequestAttributes, reason: string): ApiError {
  const text = reason === '' ? forbiddenMessage(user, attrs) : `${forbiddenMessage(user, attrs)}: ${reason}`;
  const details: StatusDetails = {};
  let message: string;
  if (!attrs.resourceRequest) {
    message = `forbidden: ${text}`;
  } else {
    const qualified = attrs.apiGroup === '' ? attrs.resource : `${attrs.resource}.${attrs.apiGroup}`;
    message = attrs.name === '' ? `${qualified} is forbidden: ${text}` : `${qualified} "${attrs.name}" is forbidden: ${text}`;
    if (attrs.name !== '') details.name = attrs.name;
    if (attrs.apiGroup !== '') details.group = attrs.apiGroup;
    details.kind = attrs.resource;
  }
  return new ApiError(failureStatus(403, 'Forbidden', message, details), { 'X-Content-Type-Options': 'nosniff' });
}
