import { Drmaa2Error, ErrorCode } from '@drmaa2/core';
import type { KubeJob } from '../kube-types.js';
import { invalidField, quote } from './invalid.js';
import { jobAnnotations, jobLabels, podMetadata, sessionLabels, startPlan } from './job-metadata.js';
import { LabelKey } from './keys.js';
import { dns1123LabelProblem, labelValueProblem } from './kube-names.js';
import type { ArrayRange, JobPlan, JobPlanInput, MappingOptions } from './options.js';
import { checkLogPaths } from './output-paths.js';
import { parseExtensions } from './parse-extensions.js';
import { buildPodSpec } from './pod-spec.js';
import { activeDeadlineSeconds } from './resources.js';
import { planStaging } from './stage-in.js';

/** Retries of a `rerunnable` job (or of each member of a rerunnable array): failed pods are replaced this often. */
export const RERUNNABLE_RETRIES = 3;

/** The most members one Indexed Job with per-index backoff may have (Kubernetes' limit). */
export const MAX_ARRAY_MEMBERS = 100000;

function internal(message: string): Drmaa2Error {
  return new Drmaa2Error(ErrorCode.InvalidArgument, message);
}

/** The number of members of an array range. */
export function arrayMemberCount(range: ArrayRange): number {
  return Math.floor((range.end - range.begin) / range.step) + 1;
}

function checkInput(input: JobPlanInput): void {
  const nameProblem = dns1123LabelProblem(input.objectName);
  if (nameProblem !== undefined) throw internal(`objectName ${quote(input.objectName)} ${nameProblem}`);
  const sessionProblem = labelValueProblem(input.sessionName);
  if (sessionProblem !== undefined || input.sessionName.length === 0) throw internal(`sessionName ${quote(input.sessionName)} must be a label value`);
  if (Number.isNaN(input.submittedAt.getTime())) throw internal('submittedAt must be a valid Date');
  const range = input.array;
  if (range === undefined) return;
  if (![range.begin, range.end, range.step].every(Number.isSafeInteger) || range.begin < 1 || range.end < range.begin || range.step < 1) {
    throw internal('runBulkJobs: begin must be at least 1, end at least begin, step at least 1');
  }
  const count = arrayMemberCount(range);
  if (count > MAX_ARRAY_MEMBERS) throw internal(`runBulkJobs: ${count} members exceed Kubernetes' limit of ${MAX_ARRAY_MEMBERS} per Indexed Job`);
  if (dns1123LabelProblem(`${input.objectName}-${count - 1}`) !== undefined) {
    throw internal(`objectName ${quote(input.objectName)} leaves no room for the member index ${count - 1} in pod host names`);
  }
}

function resolveNamespace(input: JobPlanInput, options: MappingOptions, extNamespace: string | undefined): string {
  const queue = input.template.queueName;
  const kueue = options.kueue?.enabled === true;
  if (queue !== undefined && !kueue) {
    const problem = dns1123LabelProblem(queue);
    if (problem !== undefined) throw invalidField('queueName', `names a namespace and ${problem}`);
    if (extNamespace !== undefined && extNamespace !== queue) {
      throw invalidField('extensions.namespace', `${quote(extNamespace)} contradicts queueName ${quote(queue)}, which names the namespace`);
    }
    return queue;
  }
  if (extNamespace !== undefined) return extNamespace;
  const problem = dns1123LabelProblem(options.defaultNamespace);
  if (problem !== undefined) throw internal(`MappingOptions.defaultNamespace ${quote(options.defaultNamespace)} ${problem}`);
  return options.defaultNamespace;
}

/**
 * Maps a validated DRMAA2 template to the Kubernetes objects of one submission: a `batch/v1` Job
 * (an Indexed Job for arrays) and the ConfigMaps, Secrets and PVCs its stage-in needs. Pure: the
 * same input gives the same plan; nothing is created. See the package README for every mapping.
 *
 * Single jobs: completions 1, parallelism 1, `restartPolicy: Never`, `backoffLimit` 0, or
 * {@link RERUNNABLE_RETRIES} when `rerunnable`. Arrays: `completionMode: Indexed`, completions =
 * member count, parallelism = `maxParallel` (or all), `backoffLimitPerIndex` 0 (or the retries), so
 * members fail independently; member i (0-based) has DRMAA2 index begin + i*step, delivered as env
 * `JOB_COMPLETION_INDEX`, `DRMAA2_INDEX_BEGIN`, `DRMAA2_INDEX_STEP`, `DRMAA2_INDEX_END`.
 *
 * @throws Drmaa2Error `INVALID_ARGUMENT` naming the template field (`JobTemplate.<field>: <rule>`)
 *   for any value Kubernetes cannot take, before anything is created; also for an invalid
 *   `objectName`, `sessionName` or array range.
 */
export function planJob(input: JobPlanInput, options: MappingOptions): JobPlan {
  checkInput(input);
  const { template } = input;
  checkLogPaths(template);
  const ext = parseExtensions(template.extensions);
  const namespace = resolveNamespace(input, options, ext.namespace);
  const staging = planStaging(template.stageInFiles, template.stageOutFiles, {
    objectName: input.objectName,
    namespace,
    labels: { ...sessionLabels(input.sessionName), [LabelKey.Job]: input.objectName },
  });
  const podSpec = buildPodSpec(input, options, ext, staging);
  const start = startPlan(input);
  const retries = template.rerunnable === true ? RERUNNABLE_RETRIES : 0;
  const spec: NonNullable<KubeJob['spec']> = { template: { metadata: podMetadata(input, ext), spec: podSpec } };
  if (input.array === undefined) {
    Object.assign(spec, { completions: 1, parallelism: 1, backoffLimit: retries });
  } else {
    const count = arrayMemberCount(input.array);
    const maxParallel = input.array.maxParallel;
    const parallelism = maxParallel !== undefined && maxParallel >= 1 ? Math.min(maxParallel, count) : count;
    Object.assign(spec, { completionMode: 'Indexed', completions: count, parallelism, backoffLimitPerIndex: retries });
  }
  const deadline = activeDeadlineSeconds(template, input.submittedAt);
  if (deadline !== undefined) spec.activeDeadlineSeconds = deadline;
  if (ext.ttlSecondsAfterFinished !== undefined) spec.ttlSecondsAfterFinished = ext.ttlSecondsAfterFinished;
  if (start.suspend) spec.suspend = true;
  const job: KubeJob = {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: {
      name: input.objectName,
      namespace,
      labels: jobLabels(input, options, ext, start),
      annotations: jobAnnotations(input, ext, start),
    },
    spec,
  };
  return { namespace, job, staged: staging.objects };
}
