import type { JobControl } from '@drmaa2/core';
import { AnnotationKey, HOLD_USER, LabelKey } from '../mapping/keys.js';
import { deadlineSecondsFrom, templateFromAnnotation } from '../mapping/index.js';
import type { KubeJob } from '../kube-types.js';

/** True while the Job waits for its `startTime` (the tracker releases it then). */
export function waitsForStartTime(job: KubeJob, now: number): boolean {
  const startTime = job.metadata?.annotations?.[AnnotationKey.StartTime];
  return startTime !== undefined && Date.parse(startTime) > now;
}

/**
 * What a Job that starts (again) now needs: Kubernetes restarts its `activeDeadlineSeconds` count
 * at every start, so the deadline is recomputed from now. A Job held back from Kueue (created
 * without its LocalQueue label) gets the label and stays suspended: Kueue admits it and lifts the
 * suspension itself, as it does for every Job it manages; lifting it here would run the Job past
 * Kueue's quota. Any other Job gets `suspend: false`.
 */
function startingAgain(job: KubeJob, now: number, kueue: boolean): { spec: Record<string, unknown>; labels: Record<string, string> } {
  const template = templateFromAnnotation(job);
  const deadline = template === undefined ? undefined : deadlineSecondsFrom(template, new Date(now));
  const queue = job.metadata?.annotations?.[AnnotationKey.QueueName];
  const spec: Record<string, unknown> = deadline === undefined ? {} : { activeDeadlineSeconds: deadline };
  if (kueue && queue !== undefined && job.metadata?.labels?.[LabelKey.KueueQueue] === undefined) {
    return { spec, labels: { [LabelKey.KueueQueue]: queue } };
  }
  return { spec: { ...spec, suspend: false }, labels: {} };
}

/**
 * The JSON merge patch that performs a DRMAA2 control on a Job. Every control is a change of
 * `spec.suspend` (which Kubernetes honours by deleting or creating pods) plus an annotation that
 * records why, so any process reading the Job derives the same DRMAA2 state: hold/release toggle
 * `drmaa2.io/hold`, terminate stamps `drmaa2.io/terminated` (the Job stays readable as
 * FAILED/Terminated until reaped), resume stamps `drmaa2.io/resumed` (REQUEUED until a new pod
 * runs). Release keeps a Job suspended while its `startTime` is still ahead. With `kueue`, hold
 * takes a Job that never started out of its LocalQueue, and release puts it back and leaves the
 * suspension for Kueue to lift on admission.
 * @internal
 */
export function controlPatch(control: JobControl, job: KubeJob, now: number, kueue = false): Record<string, unknown> {
  switch (control) {
    case 'hold': {
      // Kueue lifts the suspension of every Job it admits; a Job that never started leaves its queue
      // (label removed) until release puts it back, as a Job submitted held does.
      const leaveQueue = kueue && job.metadata?.labels?.[LabelKey.KueueQueue] !== undefined && job.status?.startTime === undefined;
      return { metadata: { annotations: { [AnnotationKey.Hold]: HOLD_USER }, ...(leaveQueue ? { labels: { [LabelKey.KueueQueue]: null } } : {}) }, spec: { suspend: true } };
    }
    case 'release': {
      if (waitsForStartTime(job, now)) return { metadata: { annotations: { [AnnotationKey.Hold]: null } } };
      const start = startingAgain(job, now, kueue);
      return { metadata: { annotations: { [AnnotationKey.Hold]: null }, labels: start.labels }, spec: start.spec };
    }
    case 'suspend':
      return { spec: { suspend: true } };
    case 'resume': {
      const start = startingAgain(job, now, kueue);
      return { metadata: { annotations: { [AnnotationKey.Resumed]: new Date(now).toISOString() }, labels: start.labels }, spec: start.spec };
    }
    case 'terminate':
      return { metadata: { annotations: { [AnnotationKey.Terminated]: new Date(now).toISOString() } }, spec: { suspend: true } };
  }
}

/**
 * The patch that releases a Job whose `startTime` has come: the start-time annotation goes, and
 * unless the user holds it or it was terminated, it starts.
 */
export function startTimePatch(job: KubeJob, now: number, kueue = false): Record<string, unknown> | undefined {
  const annotations = job.metadata?.annotations ?? {};
  if (annotations[AnnotationKey.StartTime] === undefined) return undefined;
  const clear = { annotations: { [AnnotationKey.StartTime]: null } };
  if (annotations[AnnotationKey.Hold] !== undefined || annotations[AnnotationKey.Terminated] !== undefined) return { metadata: clear };
  const start = startingAgain(job, now, kueue);
  return { metadata: { ...clear, labels: start.labels }, spec: start.spec };
}
