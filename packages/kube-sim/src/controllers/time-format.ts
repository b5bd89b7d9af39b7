/**
 * Formats epoch milliseconds the way Kubernetes writes `metav1.Time`: RFC 3339, UTC, whole seconds
 * (`2026-04-26T18:35:42Z`).
 */
export function kubeTime(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** Parses a `metav1.Time` string to epoch milliseconds; `undefined` for a missing or invalid value. */
export function parseKubeTime(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}
