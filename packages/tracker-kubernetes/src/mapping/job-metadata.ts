import type { KubeObjectMeta } from '../kube-types.js';
import { invalidField } from './invalid.js';
import { AnnotationKey, HOLD_USER, LabelKey, MANAGED_BY_VALUE } from './keys.js';
import { labelValueProblem, utf8Length } from './kube-names.js';
import type { JobPlanInput, MappingOptions } from './options.js';
import type { ParsedExtensions } from './parse-extensions.js';
import { serializeTemplate } from './template-annotation.js';

/** Kubernetes' limit on the summed size of an object's annotation keys and values. */
export const MAX_ANNOTATION_BYTES = 262144;

/** The labels every object of a session carries. */
export function sessionLabels(sessionName: string): Record<string, string> {
  return { [LabelKey.ManagedBy]: MANAGED_BY_VALUE, [LabelKey.Session]: sessionName };
}

/**
 * The Job's labels: user labels, then the tracker's (which win), plus accounting and Kueue labels.
 * A Job that starts held (`start.suspend`) gets no Kueue queue label, since Kueue would admit and
 * unsuspend it: the lead's tracker adds `kueue.x-k8s.io/queue-name` (from the
 * `drmaa2.io/queue-name` annotation) when it releases the Job.
 *
 * @throws Drmaa2Error `INVALID_ARGUMENT` naming `queueName` when Kueue is used and the name is not
 *   a valid label value.
 */
export function jobLabels(input: JobPlanInput, options: MappingOptions, ext: ParsedExtensions, start: StartPlan): Record<string, string> {
  const labels: Record<string, string> = { ...ext.labels, ...sessionLabels(input.sessionName) };
  const accounting = input.template.accountingId;
  if (accounting !== undefined && accounting.length > 0 && labelValueProblem(accounting) === undefined) {
    labels[LabelKey.AccountingId] = accounting;
  }
  const queue = input.template.queueName;
  if (options.kueue?.enabled === true && queue !== undefined) {
    const problem = labelValueProblem(queue);
    if (problem !== undefined || queue.length === 0) throw invalidField('queueName', `must name a Kueue LocalQueue: ${problem ?? 'must not be empty'}`);
    if (!start.suspend) labels[LabelKey.KueueQueue] = queue;
  }
  return labels;
}

/** Whether the Job starts suspended, and why. */
export interface StartPlan {
  readonly suspend: boolean;
  readonly annotations: Readonly<Record<string, string>>;
}

/**
 * `submitAsHold` suspends with `drmaa2.io/hold: user`; a `startTime` after `submittedAt` suspends
 * with `drmaa2.io/start-time` (the lead's tracker releases it then). Both may apply.
 */
export function startPlan(input: JobPlanInput): StartPlan {
  const annotations: Record<string, string> = {};
  if (input.template.submitAsHold === true) annotations[AnnotationKey.Hold] = HOLD_USER;
  const start = input.template.startTime;
  if (start !== undefined && start.getTime() > input.submittedAt.getTime()) annotations[AnnotationKey.StartTime] = start.toISOString();
  return { suspend: Object.keys(annotations).length > 0, annotations };
}

/**
 * The Job's annotations: user annotations, then the tracker's records (template, submission id,
 * job name, machine, owner, array range, deadline, accounting id, queue, hold and start time).
 *
 * @throws Drmaa2Error `INVALID_ARGUMENT` when the annotations exceed Kubernetes' 256 KiB limit.
 */
export function jobAnnotations(input: JobPlanInput, ext: ParsedExtensions, start: StartPlan): Record<string, string> {
  const { template } = input;
  const annotations: Record<string, string> = {
    ...ext.annotations,
    [AnnotationKey.Template]: serializeTemplate(template),
    [AnnotationKey.SubmissionId]: input.submissionId,
    [AnnotationKey.SubmissionMachine]: input.submissionMachine,
    [AnnotationKey.JobOwner]: input.owner,
    ...start.annotations,
  };
  if (template.jobName !== undefined) annotations[AnnotationKey.JobName] = template.jobName;
  if (input.array !== undefined) annotations[AnnotationKey.Array] = `${input.array.begin},${input.array.end},${input.array.step}`;
  if (template.deadlineTime !== undefined) annotations[AnnotationKey.DeadlineTime] = template.deadlineTime.toISOString();
  if (template.accountingId !== undefined) annotations[AnnotationKey.AccountingId] = template.accountingId;
  if (template.queueName !== undefined) annotations[AnnotationKey.QueueName] = template.queueName;
  checkAnnotationSize('the Job', annotations, biggestField({ ...template }, ext.annotations));
  return annotations;
}

/**
 * Checks the summed size of annotations against {@link MAX_ANNOTATION_BYTES}.
 *
 * @throws Drmaa2Error `INVALID_ARGUMENT` naming `blame` (the field that makes them big).
 */
export function checkAnnotationSize(what: string, annotations: Readonly<Record<string, string>>, blame = 'extensions.annotations'): void {
  let total = 0;
  for (const [key, value] of Object.entries(annotations)) total += utf8Length(key) + utf8Length(value);
  if (total > MAX_ANNOTATION_BYTES) {
    throw invalidField(
      blame,
      `makes the annotations of ${what} (stored template and extensions.annotations) ${total} bytes, over Kubernetes' limit of ${MAX_ANNOTATION_BYTES}; stage large data with configmap:/pvc: instead of configmap-data:`,
    );
  }
}

/** The template attribute with the longest JSON, or `extensions.annotations` when those are larger. */
function biggestField(template: Readonly<Record<string, unknown>>, userAnnotations: Readonly<Record<string, string>>): string {
  let best = 'extensions.annotations';
  let size = utf8Length(JSON.stringify(userAnnotations));
  for (const [key, value] of Object.entries(template)) {
    const length = utf8Length(JSON.stringify(value) ?? '');
    if (length > size) {
      best = key;
      size = length;
    }
  }
  return best;
}

/** Metadata of the pod template: the session labels and user labels and annotations. */
export function podMetadata(input: JobPlanInput, ext: ParsedExtensions): KubeObjectMeta {
  const metadata: KubeObjectMeta = { labels: { ...ext.labels, ...sessionLabels(input.sessionName) } };
  if (Object.keys(ext.annotations).length > 0) {
    checkAnnotationSize('the pods', ext.annotations);
    metadata.annotations = { ...ext.annotations };
  }
  return metadata;
}
