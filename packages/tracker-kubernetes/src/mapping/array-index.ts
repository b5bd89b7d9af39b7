import type { KubeJob } from '../kube-types.js';
import { AnnotationKey } from './keys.js';
import type { ArrayRange } from './options.js';

/** The DRMAA2 index of the member with Kubernetes completion index `completionIndex`: begin + i*step. */
export function drmaa2Index(range: Pick<ArrayRange, 'begin' | 'step'>, completionIndex: number): number {
  return range.begin + completionIndex * range.step;
}

/**
 * The completion index of the member with DRMAA2 index `index`; `undefined` when `index` is not a
 * member of the range.
 */
export function completionIndexFor(range: Pick<ArrayRange, 'begin' | 'end' | 'step'>, index: number): number | undefined {
  if (!Number.isSafeInteger(index) || index < range.begin || index > range.end) return undefined;
  const offset = index - range.begin;
  return offset % range.step === 0 ? offset / range.step : undefined;
}

/**
 * The array range of an array Job from its `drmaa2.io/array` annotation (`begin,end,step`);
 * `undefined` for single jobs and unreadable annotations.
 */
export function arrayRangeOf(job: KubeJob): { begin: number; end: number; step: number } | undefined {
  const text = job.metadata?.annotations?.[AnnotationKey.Array];
  const match = typeof text === 'string' ? /^(\d+),(\d+),(\d+)$/.exec(text) : null;
  if (match === null) return undefined;
  const [begin, end, step] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (begin < 1 || end < begin || step < 1) return undefined;
  return { begin, end, step };
}
