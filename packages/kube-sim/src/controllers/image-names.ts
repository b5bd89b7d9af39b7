/**
 * Container image references as a container runtime reports them: `busybox` is
 * `docker.io/library/busybox:latest`, with a stable fake `sha256` digest.
 */
import { createHash } from 'node:crypto';

/** Normalises an image reference (`busybox` → `docker.io/library/busybox:latest`). */
export function normalizeImage(image: string): string {
  let ref = image.trim();
  const at = ref.indexOf('@');
  const digest = at >= 0 ? ref.slice(at) : '';
  if (at >= 0) ref = ref.slice(0, at);
  const firstSlash = ref.indexOf('/');
  const first = firstSlash >= 0 ? ref.slice(0, firstSlash) : '';
  const hasRegistry = firstSlash >= 0 && (first.includes('.') || first.includes(':') || first === 'localhost');
  if (!hasRegistry) ref = firstSlash >= 0 ? `docker.io/${ref}` : `docker.io/library/${ref}`;
  const lastSegment = ref.slice(ref.lastIndexOf('/') + 1);
  if (!digest && !lastSegment.includes(':')) ref = `${ref}:latest`;
  return ref + digest;
}

/** A stable fake digest for an image. */
export function imageDigest(image: string): string {
  return `sha256:${createHash('sha256').update(normalizeImage(image)).digest('hex')}`;
}

/** `status.containerStatuses[].imageID`: `<repo>@sha256:…`. */
export function imageId(image: string): string {
  const normalized = normalizeImage(image);
  const at = normalized.indexOf('@');
  if (at >= 0) return normalized;
  const colon = normalized.lastIndexOf(':');
  const slash = normalized.lastIndexOf('/');
  const repo = colon > slash ? normalized.slice(0, colon) : normalized;
  return `${repo}@${imageDigest(image)}`;
}
