import { type ErrorCode, isErrorCode } from './error-code.js';

const brand = Symbol.for('@drmaa2/core/Drmaa2Error');

/** Options of {@link Drmaa2Error}: the underlying error, when there is one. */
export interface Drmaa2ErrorOptions {
  /** The error that led to this one (a backend's, say); kept as `cause`. */
  readonly cause?: unknown;
}

/**
 * The one error class of every `@drmaa2` package. `code` says what went wrong in the
 * specification's terms; `message` names the field or object and the rule; `cause` carries the
 * underlying error where there is one.
 *
 * Test with {@link isDrmaa2Error} rather than `instanceof`, which fails across duplicate copies of
 * this package.
 */
export class Drmaa2Error extends Error {
  /** What went wrong, as one of the specification's error codes. */
  readonly code: ErrorCode;

  /**
   * @param code what went wrong, as one of the specification's codes
   * @param message the field or object and the rule it broke; never a secret
   * @param options `cause`: the underlying error, when there is one
   */
  constructor(code: ErrorCode, message: string, options?: Drmaa2ErrorOptions) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'Drmaa2Error';
    this.code = code;
    Object.defineProperty(this, brand, { value: true });
  }
}

/**
 * True when `error` is a {@link Drmaa2Error} from any copy of `@drmaa2/core`, and, when `code` is
 * given, carries that code.
 */
export function isDrmaa2Error(error: unknown, code?: ErrorCode): error is Drmaa2Error {
  if (typeof error !== 'object' || error === null) return false;
  const candidate = error as { [brand]?: unknown; code?: unknown };
  if (candidate[brand] !== true || !isErrorCode(candidate.code)) return false;
  return code === undefined || candidate.code === code;
}
