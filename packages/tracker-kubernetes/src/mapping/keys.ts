/**
 * Label, annotation and environment names the tracker writes and reads. The lead's tracker and the
 * state mapping rely on them; they are part of what a cluster administrator sees.
 */

/** The prefix of every label and annotation key the tracker owns. */
export const DRMAA2_PREFIX = 'drmaa2.io/';

/** Label keys. */
export const LabelKey = {
  /** `drmaa2`, on every object the tracker creates. */
  ManagedBy: 'app.kubernetes.io/managed-by',
  /** The job session name. */
  Session: 'drmaa2.io/session',
  /** On staged objects: the name of the Job they belong to. */
  Job: 'drmaa2.io/job',
  /** The template's `accountingId`, when it is a valid label value. */
  AccountingId: 'drmaa2.io/accounting-id',
  /** Kueue's LocalQueue label. */
  KueueQueue: 'kueue.x-k8s.io/queue-name',
} as const;

/** The value of {@link LabelKey.ManagedBy}. */
export const MANAGED_BY_VALUE = 'drmaa2';

/** Annotation keys. */
export const AnnotationKey = {
  Template: 'drmaa2.io/template',
  SubmissionId: 'drmaa2.io/submission-id',
  JobName: 'drmaa2.io/job-name',
  SubmissionMachine: 'drmaa2.io/submission-machine',
  JobOwner: 'drmaa2.io/job-owner',
  /** `begin,end,step` of an array job. */
  Array: 'drmaa2.io/array',
  /** `user` while held by the user. */
  Hold: 'drmaa2.io/hold',
  /** ISO time the lead's tracker releases a job submitted with a future `startTime`. */
  StartTime: 'drmaa2.io/start-time',
  /** ISO `deadlineTime` of the template. */
  DeadlineTime: 'drmaa2.io/deadline-time',
  /** ISO time `terminate()` was called. */
  Terminated: 'drmaa2.io/terminated',
  /** ISO time `resume()` was last called: the Job restarts its pods, and is REQUEUED until one runs. */
  Resumed: 'drmaa2.io/resumed',
  /** The full `accountingId`. */
  AccountingId: 'drmaa2.io/accounting-id',
  /** The DRMAA2 queue name, also when it became the namespace. */
  QueueName: 'drmaa2.io/queue-name',
  /**
   * JSON of the facts a finished job's pods told (exit status, signal, machines, times), written
   * when its pods are deleted before the Job, so a process connecting later still reads them.
   */
  FinalFacts: 'drmaa2.io/final-facts',
} as const;

/** The value of {@link AnnotationKey.Hold} for a user hold. */
export const HOLD_USER = 'user';

/** The name of the one container that runs the job's command; logs are read from it. */
export const JOB_CONTAINER_NAME = 'job';

/** The annotation and label Kubernetes puts the completion index of an Indexed Job's pod in. */
export const COMPLETION_INDEX_KEY = 'batch.kubernetes.io/job-completion-index';

/** Environment variables an array member gets. */
export const ArrayEnv = {
  /** The 0-based completion index, from the pod's completion index annotation. */
  CompletionIndex: 'JOB_COMPLETION_INDEX',
  Begin: 'DRMAA2_INDEX_BEGIN',
  Step: 'DRMAA2_INDEX_STEP',
  End: 'DRMAA2_INDEX_END',
  /** The member's DRMAA2 index, begin + completion index × step (set by the `/bin/sh` launcher). */
  TaskId: 'TASK_ID',
} as const;
