/** Well-known Job label, annotation and finalizer names. */
export const JOB_TRACKING_FINALIZER = 'batch.kubernetes.io/job-tracking';
/** Annotation and (since 1.28) label holding a pod's completion index. */
export const COMPLETION_INDEX_KEY = 'batch.kubernetes.io/job-completion-index';
/** Per-index failure count annotation (backoffLimitPerIndex). */
export const INDEX_FAILURE_COUNT_KEY = 'batch.kubernetes.io/job-index-failure-count';
/** Per-index ignored-failure count annotation (backoffLimitPerIndex). */
export const INDEX_IGNORED_FAILURE_COUNT_KEY = 'batch.kubernetes.io/job-index-ignored-failure-count';
/** The built-in controller's `spec.managedBy` value. */
export const JOB_CONTROLLER_NAME = 'kubernetes.io/job-controller';
/** Longest generateName prefix before the 5 random characters. */
export const MAX_GENERATED_PREFIX = 58;

/** The completion index of a pod (annotation, else label), or undefined. */
export function completionIndexOf(meta: { annotations?: Record<string, string>; labels?: Record<string, string> }): number | undefined {
  const text = meta.annotations?.[COMPLETION_INDEX_KEY] ?? meta.labels?.[COMPLETION_INDEX_KEY];
  if (text === undefined || !/^\d+$/.test(text)) return undefined;
  return Number(text);
}
