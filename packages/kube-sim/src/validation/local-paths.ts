/**
 * Path rules of the Pod API for paths inside a volume (`volumeMounts[].subPath`,
 * `configMap|secret.items[].path`), as the real validation applies them: relative, and never
 * stepping out with `..`. The process kubelet relies on them (and checks again) so nothing is
 * written outside a pod's scratch folder.
 */
import type { FieldError } from '../store/api-error.js';
import { invalidValue } from './field-errors.js';

/** A relative path without `..` elements (`validateLocalDescendingPath`). */
export function localDescendingPathErrors(field: string, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (path.startsWith('/')) errs.push(invalidValue(field, path, 'must be a relative path'));
  if (path.split('/').includes('..')) errs.push(invalidValue(field, path, "must not contain '..'"));
  return errs;
}

/** As {@link localDescendingPathErrors}, and not starting with `..` (`validateLocalNonReservedPath`). */
export function localNonReservedPathErrors(field: string, path: string): FieldError[] {
  const errs = localDescendingPathErrors(field, path);
  // The real check reports this only when the `..` element check found nothing.
  if (errs.length === 0 && path.startsWith('..')) errs.push(invalidValue(field, path, "must not start with '..'"));
  return errs;
}
