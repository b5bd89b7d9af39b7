import { qualifiedKind, qualifiedResource, type ResourceInfo } from './resources.js';

/** One `metav1.StatusCause`: a field-level reason inside `details.causes`. */
export interface StatusCause {
  /** `FieldValueRequired`, `FieldValueInvalid`, ... */
  reason?: string;
  /** Human-readable text of the cause. */
  message?: string;
  /** Path of the field (`spec.template.spec.restartPolicy`). */
  field?: string;
}

/** `metav1.StatusDetails`. `kind` is the resource name for NotFound/AlreadyExists/Conflict, the Kind for Invalid. */
export interface StatusDetails {
  /** Name of the object concerned. */
  name?: string;
  /** API group (absent for core). */
  group?: string;
  /** Resource name (or the Kind for Invalid). */
  kind?: string;
  /** UID of the object (Success Status of deletes). */
  uid?: string;
  /** Field-level causes (422 Invalid). */
  causes?: StatusCause[];
  /** Seconds to wait before retrying (429). */
  retryAfterSeconds?: number;
}

/** A `metav1.Status` body, exactly as the real API server writes it. */
export interface StatusBody {
  /** Always `Status`. */
  kind: 'Status';
  /** Always `v1`. */
  apiVersion: 'v1';
  /** Always empty. */
  metadata: Record<string, never>;
  /** Always `Failure` for errors. */
  status: 'Failure';
  /** Human-readable message, worded as the real server. */
  message?: string;
  /** `NotFound`, `AlreadyExists`, `Conflict`, `Invalid`, `Forbidden`, `Expired`, ... */
  reason?: string;
  /** Object and field details. */
  details?: StatusDetails;
  /** HTTP status code. */
  code: number;
}

/**
 * An API failure: the HTTP `code` and the `metav1.Status` body to send. Thrown by the store and the
 * HTTP layer; the server turns it into the response.
 */
export class ApiError extends Error {
  /** HTTP status code (same as `status.code`). */
  readonly code: number;
  /** The Status body. */
  readonly status: StatusBody;
  /** Extra response headers (e.g. `Retry-After`). */
  readonly headers: Readonly<Record<string, string>>;

  /**
   * @param status the Status body to send.
   * @param headers extra response headers.
   */
  constructor(status: StatusBody, headers: Record<string, string> = {}) {
    super(status.message ?? status.reason ?? `HTTP ${status.code}`);
    this.name = 'ApiError';
    this.code = status.code;
    this.status = status;
    this.headers = headers;
  }
}

/** Whether a value is an {@link ApiError} (works across module copies). */
export function isApiError(value: unknown): value is ApiError {
  return value instanceof ApiError || (value instanceof Error && value.name === 'ApiError' && 'status' in value);
}

/** Builds a Failure Status body; `details` is omitted when not given. */
export function failureStatus(code: number, reason: string | undefined, message: string, details?: StatusDetails): StatusBody {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    ...(reason !== undefined && reason !== '' ? { reason } : {}),
    ...(details !== undefined ? { details } : {}),
    code,
  };
}

/** The Success Status deletes return (no `code`, as the real server writes it). */
export interface SuccessStatusBody {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, never>;
  status: 'Success';
  details: StatusDetails;
}

/** Builds the Success Status that deletes return when the object went at once (sent with HTTP 200). */
export function successStatus(info: ResourceInfo, name: string, uid: string | undefined): SuccessStatusBody {
  const details: StatusDetails = { name };
  if (info.group !== '') details.group = info.group;
  details.kind = info.name;
  if (uid !== undefined) details.uid = uid;
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', details };
}

function resourceDetails(info: ResourceInfo, name: string): StatusDetails {
  const details: StatusDetails = { name };
  if (info.group !== '') details.group = info.group;
  details.kind = info.name;
  return details;
}

/** 404 NotFound: `jobs.batch "x" not found`. */
export function notFound(info: ResourceInfo, name: string): ApiError {
  return new ApiError(failureStatus(404, 'NotFound', `${qualifiedResource(info)} "${name}" not found`, resourceDetails(info, name)));
}

/** 409 AlreadyExists: `jobs.batch "x" already exists`. */
export function alreadyExists(info: ResourceInfo, name: string): ApiError {
  return new ApiError(failureStatus(409, 'AlreadyExists', `${qualifiedResource(info)} "${name}" already exists`, resourceDetails(info, name)));
}

/** 409 Conflict for a stale resourceVersion (or a failed precondition, with `detail`). */
export function conflict(info: ResourceInfo, name: string, detail = 'the object has been modified; please apply your changes to the latest version and try again'): ApiError {
  return new ApiError(failureStatus(409, 'Conflict', `Operation cannot be fulfilled on ${qualifiedResource(info)} "${name}": ${detail}`, resourceDetails(info, name)));
}

/** One field error, as `field.Error` renders it. */
export interface FieldError {
  /** `FieldValueRequired`, `FieldValueInvalid`, `FieldValueNotSupported`, ... */
  reason: string;
  /** Path of the field. */
  field: string;
  /** The rendered error body, e.g. `Required value: ...` or `Invalid value: -1: must be ...`. */
  message: string;
}

/** 422 Invalid: `Job.batch "x" is invalid: field: msg` (several joined as `[a, b]`). */
export function invalid(info: ResourceInfo, name: string, errors: readonly FieldError[]): ApiError {
  const parts = errors.map((e) => `${e.field}: ${e.message}`);
  const joined = parts.length === 1 ? (parts[0] ?? '') : `[${parts.join(', ')}]`;
  const details: StatusDetails = { name };
  if (info.group !== '') details.group = info.group;
  details.kind = info.kind;
  details.causes = errors.map((e) => ({ reason: e.reason, message: e.message, field: e.field }));
  return new ApiError(failureStatus(422, 'Invalid', `${qualifiedKind(info)} "${name}" is invalid: ${joined}`, details));
}

/** 400 BadRequest with a message. */
export function badRequest(message: string): ApiError {
  return new ApiError(failureStatus(400, 'BadRequest', message));
}

/** 403 Forbidden for creating in a terminating namespace. */
export function namespaceTerminating(info: ResourceInfo, name: string, namespace: string): ApiError {
  const message = `unable to create new content in namespace ${namespace} because it is being terminated`;
  const details: StatusDetails = resourceDetails(info, name);
  details.causes = [{ reason: 'NamespaceTerminating', message, field: 'metadata.namespace' }];
  return new ApiError(failureStatus(403, 'Forbidden', `${qualifiedResource(info)} "${name}" is forbidden: ${message}`, details));
}

/** 410 Expired (too old resourceVersion or continue token). */
export function expired(message: string): ApiError {
  return new ApiError(failureStatus(410, 'Expired', message));
}

/** 405 MethodNotAllowed. */
export function methodNotAllowed(): ApiError {
  return new ApiError(failureStatus(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource'));
}

/** 404 for a path the server does not serve. */
export function pathNotFound(): ApiError {
  return new ApiError(failureStatus(404, 'NotFound', 'the server could not find the requested resource', {}));
}

/** 415 for a patch or body content type the server does not accept. */
export function unsupportedMediaType(contentType: string): ApiError {
  return new ApiError(failureStatus(415, 'UnsupportedMediaType', `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml, application/strategic-merge-patch+json; got ${contentType}`));
}

/** 401 Unauthorized (no details, as the real server). */
export function unauthorized(): ApiError {
  return new ApiError(failureStatus(401, 'Unauthorized', 'Unauthorized'));
}

/** 429 TooManyRequests with `Retry-After` and `details.retryAfterSeconds`. */
export function tooManyRequests(retryAfterSeconds: number): ApiError {
  return new ApiError(
    failureStatus(429, 'TooManyRequests', 'Too many requests, please try again later.', { retryAfterSeconds }),
    { 'Retry-After': String(retryAfterSeconds) },
  );
}

/** 500 InternalError. */
export function internalError(message: string): ApiError {
  return new ApiError(failureStatus(500, 'InternalError', `Internal error occurred: ${message}`, { causes: [{ message }] }));
}

/** 503 ServiceUnavailable. */
export function serviceUnavailable(message = 'the server is currently unable to handle the request'): ApiError {
  return new ApiError(failureStatus(503, 'ServiceUnavailable', message));
}
