import { Drmaa2Error, ErrorCode } from '@drmaa2/core';

/** The parts of a Kubernetes `metav1.Status` error body the tracker reads. */
export interface KubeStatusBody {
  readonly message?: string;
  readonly reason?: string;
  readonly code?: number;
  readonly details?: { readonly retryAfterSeconds?: number; readonly causes?: readonly { readonly field?: string; readonly message?: string }[] };
}

/**
 * An HTTP error answer of the Kubernetes API, or a transport failure (`status` 0).
 * @internal
 */
export class KubeApiError extends Error {
  readonly status: number;
  readonly reason: string | undefined;
  readonly retryAfterSeconds: number | undefined;
  readonly body: KubeStatusBody | undefined;
  /**
   * True when an earlier attempt of the same request failed without a definite answer (a dropped
   * connection, a timeout, a 500 or 504), so the server may have carried it out: a 409 on a create
   * or a 404 on a delete may then be the request's own doing.
   */
  readonly afterLostAnswer: boolean;

  constructor(message: string, status: number, body?: KubeStatusBody, retryAfterSeconds?: number, options?: { cause?: unknown; afterLostAnswer?: boolean }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'KubeApiError';
    this.status = status;
    this.body = body;
    this.reason = body?.reason;
    this.retryAfterSeconds = retryAfterSeconds ?? body?.details?.retryAfterSeconds;
    this.afterLostAnswer = options?.afterLostAnswer ?? false;
  }
}

/** True for a failure after which the server may or may not have carried out the request. */
export function isLostAnswer(error: KubeApiError): boolean {
  return error.status === 0 || error.status === 500 || error.status === 504;
}

/** True for a `KubeApiError` with that HTTP status. */
export function isKubeStatus(error: unknown, status: number): error is KubeApiError {
  return error instanceof KubeApiError && error.status === status;
}

/**
 * Translates a Kubernetes failure into the DRMAA2 error a caller gets: 401/403 `DENIED_BY_DRMS`,
 * 429 and 5xx `TRY_LATER` (after retries ran out), transport failures `DRM_COMMUNICATION`, 400/422
 * `INVALID_ARGUMENT`, anything else `INTERNAL`. The Kubernetes error stays as `cause`.
 * @internal
 */
export function toDrmaa2Error(error: unknown, what: string): Drmaa2Error {
  if (error instanceof Drmaa2Error) return error;
  if (!(error instanceof KubeApiError)) {
    return new Drmaa2Error(ErrorCode.Internal, `${what}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  const detail = `${what}: ${error.message}`;
  if (error.status === 0) return new Drmaa2Error(ErrorCode.DrmCommunication, detail, { cause: error });
  if (error.status === 401 || error.status === 403) return new Drmaa2Error(ErrorCode.DeniedByDrms, detail, { cause: error });
  if (error.status === 429 || error.status >= 500) return new Drmaa2Error(ErrorCode.TryLater, detail, { cause: error });
  if (error.status === 400 || error.status === 422) return new Drmaa2Error(ErrorCode.InvalidArgument, detail, { cause: error });
  return new Drmaa2Error(ErrorCode.Internal, detail, { cause: error });
}
