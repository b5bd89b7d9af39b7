import type { JobTemplate } from '@drmaa2/core';
import type { KubeJob, KubeObject } from '../kube-types.js';

/** How templates map onto a cluster; set once per tracker connection. */
export interface MappingOptions {
  /** The namespace of jobs whose template names none (by `queueName` or `extensions.namespace`). */
  readonly defaultNamespace: string;
  /**
   * When enabled, `queueName` is a Kueue LocalQueue (label `kueue.x-k8s.io/queue-name`) instead of
   * a namespace. Default: disabled.
   */
  readonly kueue?: { readonly enabled: boolean };
  /**
   * DRMAA2 priority (the number as a decimal string) to PriorityClass name. A template with a
   * priority not in this map is `INVALID_ARGUMENT`. Default: empty (priority cannot be used).
   */
  readonly priorityClasses?: Readonly<Record<string, string>>;
  /** The image of templates without `jobCategory`; without it `jobCategory` is required. */
  readonly defaultImage?: string;
}

/** An array submission's range, as `runBulkJobs` gave it. */
export interface ArrayRange {
  readonly begin: number;
  readonly end: number;
  readonly step: number;
  /** The most members running at once; unset or below 1 means all. */
  readonly maxParallel?: number;
}

/** Everything {@link planJob} needs for one submission. */
export interface JobPlanInput {
  /** The template core validated (placeholders still in it for arrays). */
  readonly template: JobTemplate;
  readonly sessionName: string;
  /** The Job's name, chosen by the tracker: a DNS-1123 label leaving room for `-<index>`. */
  readonly objectName: string;
  /** A unique id of this submission, for idempotent creation. */
  readonly submissionId: string;
  /** The submission time; `deadlineTime` and `startTime` are measured from it. */
  readonly submittedAt: Date;
  readonly owner: string;
  readonly submissionMachine: string;
  /** Set for `runBulkJobs`: the Job becomes one Indexed Job. */
  readonly array?: ArrayRange;
}

/** The objects of one submission. */
export interface JobPlan {
  readonly namespace: string;
  readonly job: KubeJob;
  /** ConfigMaps, Secrets and PVCs to create before the Job, then to be owned by it. */
  readonly staged: KubeObject[];
}
