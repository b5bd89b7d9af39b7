import type { KubeCondition, KubeContainerState, KubeJob, KubePod } from '../../src/kube-types.js';

/** Times used by the fixtures, in Kubernetes' RFC 3339 seconds form. */
export const T = {
  created: '2026-05-01T10:00:00Z',
  started: '2026-05-01T10:00:01Z',
  running: '2026-05-01T10:00:05Z',
  finished: '2026-05-01T10:01:05Z',
  condition: '2026-05-01T10:01:07Z',
  now: new Date('2026-05-01T10:00:35Z'),
} as const;

/** A condition with status True. */
export function condition(type: string, reason?: string, message?: string, at: string = T.condition): KubeCondition {
  return { type, status: 'True', ...(reason === undefined ? {} : { reason }), ...(message === undefined ? {} : { message }), lastProbeTime: at, lastTransitionTime: at };
}

/** A single Job as the API server returns it after creation, with `patch` merged over spec/status/metadata. */
export function job(patch: { metadata?: KubeJob['metadata']; spec?: Partial<NonNullable<KubeJob['spec']>>; status?: KubeJob['status'] } = {}): KubeJob {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: 'drmaa2-j1', namespace: 'batch', uid: 'uid-1', creationTimestamp: T.created, labels: { 'drmaa2.io/session': 's' }, annotations: {}, ...patch.metadata },
    spec: {
      completions: 1,
      parallelism: 1,
      backoffLimit: 0,
      template: { spec: { restartPolicy: 'Never', containers: [{ name: 'job', image: 'busybox', resources: { requests: { cpu: '2' } } }] } },
      ...patch.spec,
    },
    status: patch.status ?? {},
  };
}

/** An Indexed Job of `count` members. */
export function indexedJob(count: number, patch: Parameters<typeof job>[0] = {}): KubeJob {
  return job({ ...patch, spec: { completionMode: 'Indexed', completions: count, parallelism: count, backoffLimitPerIndex: 0, backoffLimit: undefined, ...patch.spec } });
}

export interface PodOptions {
  readonly name?: string;
  readonly phase?: string;
  readonly node?: string;
  readonly state?: KubeContainerState;
  readonly lastState?: KubeContainerState;
  readonly conditions?: readonly KubeCondition[];
  readonly index?: number;
  readonly failureCount?: number;
  readonly created?: string;
  readonly reason?: string;
  readonly message?: string;
}

/** A pod of `drmaa2-j1` with the job container in `state`. */
export function pod(options: PodOptions = {}): KubePod {
  const annotations: Record<string, string> = {};
  const labels: Record<string, string> = { 'batch.kubernetes.io/job-name': 'drmaa2-j1', 'job-name': 'drmaa2-j1' };
  if (options.index !== undefined) {
    annotations['batch.kubernetes.io/job-completion-index'] = String(options.index);
    labels['batch.kubernetes.io/job-completion-index'] = String(options.index);
  }
  if (options.failureCount !== undefined) annotations['batch.kubernetes.io/job-index-failure-count'] = String(options.failureCount);
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: options.name ?? 'drmaa2-j1-abcde', namespace: 'batch', creationTimestamp: options.created ?? T.started, labels, annotations },
    spec: { ...(options.node === undefined ? {} : { nodeName: options.node }), containers: [{ name: 'job' }] },
    status: {
      phase: options.phase ?? 'Pending',
      ...(options.reason === undefined ? {} : { reason: options.reason }),
      ...(options.message === undefined ? {} : { message: options.message }),
      ...(options.conditions === undefined ? {} : { conditions: [...options.conditions] }),
      ...(options.state === undefined ? {} : { containerStatuses: [{ name: 'job', state: options.state, ...(options.lastState === undefined ? {} : { lastState: options.lastState }), ready: false, restartCount: 0 }] }),
    },
  };
}

/** A running job container. */
export const running: KubeContainerState = { running: { startedAt: T.running } };

/** A terminated job container. */
export function terminated(exitCode: number, reason = exitCode === 0 ? 'Completed' : 'Error', extra: { signal?: number; message?: string } = {}): KubeContainerState {
  return { terminated: { exitCode, reason, startedAt: T.running, finishedAt: T.finished, ...extra } };
}

/** A waiting job container. */
export function waiting(reason: string, message?: string): KubeContainerState {
  return { waiting: { reason, ...(message === undefined ? {} : { message }) } };
}
