import { AnnotationKey } from '../mapping/keys.js';
import { formatJobId } from './job-id.js';
import type { KubeJob } from '../kube-types.js';

/** The annotation listing the bulk indices of an array that were reaped one by one. */
export const REAPED_ANNOTATION = 'drmaa2.io/reaped';

/** The bulk range of an array Job (`drmaa2.io/array: begin,end,step`); `undefined` for single jobs. */
export function arrayRange(job: KubeJob): { begin: number; end: number; step: number } | undefined {
  const value = job.metadata?.annotations?.[AnnotationKey.Array];
  if (value === undefined) return undefined;
  const [begin, end, step] = value.split(',').map(Number);
  if (!Number.isSafeInteger(begin) || !Number.isSafeInteger(end) || !Number.isSafeInteger(step) || step! < 1) return undefined;
  return { begin: begin!, end: end!, step: step! };
}

/** The bulk indices already reaped from an array Job. */
export function reapedIndexes(job: KubeJob): Set<number> {
  const value = job.metadata?.annotations?.[REAPED_ANNOTATION];
  return new Set(value === undefined || value === '' ? [] : value.split(',').map(Number));
}

/** The job ids of every member of an array Job, in index order. */
export function memberIds(job: KubeJob, range: { begin: number; end: number; step: number }): string[] {
  const ids: string[] = [];
  for (let index = range.begin; index <= range.end; index += range.step) ids.push(formatJobId(job.metadata?.namespace ?? '', job.metadata?.name ?? '', index));
  return ids;
}
