import { Drmaa2Error, ErrorCode } from '@drmaa2/core';
import { KubeApiError, isKubeStatus, toDrmaa2Error } from '../client/kube-api-error.js';
import type { KubeHttp } from '../client/kube-http.js';
import type { KubeJob } from '../kube-types.js';
import { AnnotationKey, LabelKey } from '../mapping/keys.js';
import type { JobPlan } from '../mapping/index.js';

interface Created {
  readonly path: string;
  readonly kind: string;
  /**
   * Set when the create failed without a definite answer (a lost connection, a timeout, a 5xx, the
   * caller's abort): the server may have made the object anyway. Cleanup then reads it and deletes
   * it only when it is this submission's.
   */
  readonly unsure?: (existing: KubeObjectLike) => boolean;
}

type KubeObjectLike = { metadata?: { name?: string; labels?: Record<string, string>; annotations?: Record<string, string> } };

/** Cleanup must not be left half done: it retries more than the caller's budget (which may be 0). */
const cleanupRetries = 8;

/** Every delete names its propagation policy: pods and owned objects go in the background. */
const deleteQuery = { propagationPolicy: 'Background' } as const;

/**
 * True when a failed create surely made nothing: the server answered with a client error, or the
 * name belongs to another submission.
 */
function surelyNotCreated(error: unknown): boolean {
  return error instanceof Drmaa2Error || (error instanceof KubeApiError && error.status >= 400 && error.status < 500);
}

const collections: Readonly<Record<string, string>> = {
  ConfigMap: 'configmaps',
  Secret: 'secrets',
  PersistentVolumeClaim: 'persistentvolumeclaims',
};

function objectPath(namespace: string, kind: string, name: string): string {
  const collection = collections[kind];
  if (collection === undefined) throw new Drmaa2Error(ErrorCode.Internal, `cannot stage a ${kind}`);
  return `/api/v1/namespaces/${namespace}/${collection}/${name}`;
}

function nameOf(object: { metadata?: { name?: string } }): string {
  const name = object.metadata?.name;
  if (name === undefined) throw new Drmaa2Error(ErrorCode.Internal, 'a planned object has no name');
  return name;
}

/**
 * Creates what a plan describes: the staged ConfigMaps, Secrets and PVCs, then the Job, then makes
 * the Job the owner of the staged objects so Kubernetes removes them with it. Every create uses a
 * name chosen before the first attempt, so a retried create that finds its own object (same
 * submission id) adopts it instead of making a second one. If any step fails, everything created
 * is deleted (with `propagationPolicy: Background`) before the error is raised, including an object
 * whose create failed without a definite answer and that turns out to exist as this submission's.
 * `beforeCleanup` runs when a failed submission is about to delete a Job it made (or may have
 * made), so the caller can tell that deletion from one done behind its back.
 * @throws Drmaa2Error mapped from the Kubernetes failure (`TRY_LATER`, `DENIED_BY_DRMS`, ...).
 * @internal
 */
export async function submitPlan(http: KubeHttp, plan: JobPlan, signal?: AbortSignal, beforeCleanup?: () => void): Promise<KubeJob> {
  const created: Created[] = [];
  const call = signal === undefined ? {} : { signal };
  const jobName = nameOf(plan.job);
  const jobPath = `/apis/batch/v1/namespaces/${plan.namespace}/jobs/${jobName}`;
  const submissionId = plan.job.metadata?.annotations?.[AnnotationKey.SubmissionId];
  const create = async <T extends KubeObjectLike>(path: string, kind: string, body: unknown, isOurs: (existing: KubeObjectLike) => boolean): Promise<T> => {
    try {
      const object = await createOrAdopt<T>(http, path, body, isOurs, call);
      created.push({ path, kind });
      return object;
    } catch (error) {
      if (!surelyNotCreated(error)) created.push({ path, kind, unsure: isOurs });
      throw error;
    }
  };
  try {
    for (const object of plan.staged) {
      const kind = String(object.kind);
      await create(objectPath(plan.namespace, kind, nameOf(object)), kind, object, (existing) => existing.metadata?.labels?.[LabelKey.Job] === jobName);
    }
    const job = await create<KubeJob>(jobPath, 'Job', plan.job, (existing) => existing.metadata?.annotations?.[AnnotationKey.SubmissionId] === submissionId);
    const owner = { apiVersion: 'batch/v1', kind: 'Job', name: jobName, uid: job.metadata?.uid, blockOwnerDeletion: true };
    for (const { path } of created.filter((c) => c.kind !== 'Job')) {
      await http.request({ method: 'PATCH', path, contentType: 'application/merge-patch+json', body: { metadata: { ownerReferences: [owner] } }, ...call });
    }
    return job;
  } catch (error) {
    if (created.some((object) => object.kind === 'Job')) beforeCleanup?.();
    for (const object of created.reverse()) await removeCreated(http, object);
    throw toDrmaa2Error(error, `submitting job ${jobName}`);
  }
}

/**
 * Deletes one object a failed submission made (best effort: a failure here must not hide the
 * submission's own error). Not bound to the caller's signal, so an aborted submission still cleans
 * up. An object whose create had no definite answer is read first and deleted only when it is ours.
 */
async function removeCreated(http: KubeHttp, object: Created): Promise<void> {
  try {
    if (object.unsure !== undefined) {
      const existing = await http.request<KubeObjectLike>({ method: 'GET', path: object.path, retries: cleanupRetries });
      if (!object.unsure(existing)) return;
    }
    await http.request({ method: 'DELETE', path: object.path, query: deleteQuery, retries: cleanupRetries });
  } catch {
    // Gone already (404), or the cluster cannot be reached: nothing more to do here.
  }
}

async function createOrAdopt<T extends KubeObjectLike>(
  http: KubeHttp,
  path: string,
  body: unknown,
  isOurs: (existing: KubeObjectLike) => boolean,
  call: { signal?: AbortSignal },
): Promise<T> {
  const collection = path.slice(0, path.lastIndexOf('/'));
  try {
    return await http.request<T>({ method: 'POST', path: collection, body, ...call });
  } catch (error) {
    if (!isKubeStatus(error, 409)) throw error;
    const existing = await http.request<T>({ method: 'GET', path, ...call });
    if (isOurs(existing)) return existing;
    throw new Drmaa2Error(ErrorCode.Internal, `${path} already exists and belongs to another submission`, { cause: error });
  }
}
