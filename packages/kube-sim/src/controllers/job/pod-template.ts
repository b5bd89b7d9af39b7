/**
 * Builds the Pod a Job creates: template copy, `generateName` (`<job>-`, Indexed `<job>-<i>-`, cut
 * to 58 characters keeping the index), controller owner reference, the tracking finalizer, and for
 * Indexed Jobs the completion-index annotation + label, `spec.hostname` and `JOB_COMPLETION_INDEX`.
 */
import type { ContainerView, JobView, PodSpecView } from '../kube-types.js';
import type { StoredObject } from '../store-port.js';
import {
  COMPLETION_INDEX_KEY,
  INDEX_FAILURE_COUNT_KEY,
  INDEX_IGNORED_FAILURE_COUNT_KEY,
  JOB_TRACKING_FINALIZER,
  MAX_GENERATED_PREFIX,
} from './job-labels.js';

/** `generateName` for a Job's pod; `index` only for Indexed Jobs. */
export function podGenerateName(jobName: string, index?: number): string {
  if (index === undefined) return `${jobName}-`;
  const suffix = `-${index}-`;
  const prefix = `${jobName}${suffix}`;
  return prefix.length > MAX_GENERATED_PREFIX ? jobName.slice(0, MAX_GENERATED_PREFIX - suffix.length) + suffix : prefix;
}

function withIndexEnv(container: ContainerView): ContainerView {
  const env = container.env ?? [];
  if (env.some((e) => e.name === 'JOB_COMPLETION_INDEX')) return container;
  return {
    ...container,
    env: [...env, { name: 'JOB_COMPLETION_INDEX', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: `metadata.annotations['${COMPLETION_INDEX_KEY}']` } } }],
  };
}

/** Per-index failure counters carried to the replacement pod (backoffLimitPerIndex). */
export interface IndexFailureCounts {
  failed: number;
  ignored: number;
}

/** The pod body to create for `job` (and `index` when Indexed). */
export function podForJob(job: JobView, index?: number, counts?: IndexFailureCounts): StoredObject {
  const template = structuredClone(job.spec.template);
  const labels = { ...(template.metadata?.labels ?? {}) };
  const annotations = { ...(template.metadata?.annotations ?? {}) };
  const spec: PodSpecView = template.spec;
  if (index !== undefined) {
    annotations[COMPLETION_INDEX_KEY] = String(index);
    labels[COMPLETION_INDEX_KEY] = String(index);
    if (!spec.hostname) spec.hostname = `${job.metadata.name ?? ''}-${index}`;
    spec.containers = spec.containers.map(withIndexEnv);
    if (spec.initContainers) spec.initContainers = spec.initContainers.map(withIndexEnv);
    if (counts) {
      annotations[INDEX_FAILURE_COUNT_KEY] = String(counts.failed);
      if (counts.ignored > 0) annotations[INDEX_IGNORED_FAILURE_COUNT_KEY] = String(counts.ignored);
    }
  }
  const finalizers = [...(template.metadata?.finalizers ?? [])];
  if (!finalizers.includes(JOB_TRACKING_FINALIZER)) finalizers.push(JOB_TRACKING_FINALIZER);
  const metadata: StoredObject['metadata'] = {
    generateName: podGenerateName(job.metadata.name ?? '', index),
    namespace: job.metadata.namespace,
    labels,
    finalizers,
    ownerReferences: [
      { apiVersion: 'batch/v1', kind: 'Job', name: job.metadata.name ?? '', uid: job.metadata.uid ?? '', controller: true, blockOwnerDeletion: true },
    ],
  };
  if (Object.keys(annotations).length > 0) metadata.annotations = annotations;
  return { apiVersion: 'v1', kind: 'Pod', metadata, spec };
}
