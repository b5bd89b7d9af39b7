import { Drmaa2Error, ErrorCode } from '@drmaa2/core';

/**
 * An `INVALID_ARGUMENT` error for a template field: `JobTemplate.<field>: <rule>`.
 * Never put a secret value into `rule`.
 */
export function invalidField(field: string, rule: string): Drmaa2Error {
  return new Drmaa2Error(ErrorCode.InvalidArgument, `JobTemplate.${field}: ${rule}`);
}

/** An `UNSUPPORTED_ATTRIBUTE` error for a template field this backend cannot honour at all. */
export function unsupportedField(field: string, rule: string): Drmaa2Error {
  return new Drmaa2Error(ErrorCode.UnsupportedAttribute, `JobTemplate.${field}: ${rule}`);
}

/** Quotes a value for an error message, shortened so messages stay readable. */
export function quote(value: string): string {
  const shown = value.length > 80 ? `${value.slice(0, 77)}...` : value;
  return JSON.stringify(shown);
}
