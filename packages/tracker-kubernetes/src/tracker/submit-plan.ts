import { Drmaa2Error, ErrorCode } from '@drmaa2/core';
import { isKubeStatus, toDrmaa2Error } from '../client/kube-api-error.js';
import type { KubeHttp } from '../client/kube-http.js';
import type { KubeJob } from '../kube-types.js';
import { AnnotationKey } from '../mapping/keys.js';
import type { JobPlan } from '../mapping/index.js';

interface Created {
  readonly path: string;
  readonly kind: string;
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
 * is deleted before the error is raised.
 * @throws Drmaa2Error mapped from the Kubernetes failure (`TRY_LATER`, `DENIED_BY_DRMS`, ...).
 * @internal
 */
export async function submitPlan(http: KubeHttp, plan: JobPlan, signal?: AbortSignal): Promise<KubeJob> {
  const created: Created[] = [];
  const call = signal === undefined ? {} : { signal };
  const jobName = nameOf(plan.job);
  const jobPath = `/apis/batch/v1/namespaces/${plan.namespace}/jobs/${jobName}`;
  const submissionId = plan.job.metadata?.annotations?.[AnnotationKey.SubmissionId];
  try {
    for (const object of plan.staged) {
      const kind = String(object.kind);
      const path = objectPath(plan.namespace, kind, nameOf(object));
      await createOrAdopt(http, path, object, (existing) => existing.metadata?.labels?.['drmaa2.io/job'] === jobName, call);
      created.push({ path, kind });
    }
    const job = await createOrAdopt<KubeJob>(http, jobPath, plan.job, (existing) => existing.metadata?.annotations?.[AnnotationKey.SubmissionId] === submissionId, call);
    created.push({ path: jobPath, kind: 'Job' });
    const owner = { apiVersion: 'batch/v1', kind: 'Job', name: jobName, uid: job.metadata?.uid, blockOwnerDeletion: true };
    for (const { path } of created.filter((c) => c.kind !== 'Job')) {
      await http.request({ method: 'PATCH', path, contentType: 'application/merge-patch+json', body: { metadata: { ownerReferences: [owner] } }, ...call });
    }
    return job;
  } catch (error) {
    for (const { path, kind } of created.reverse()) {
      await http
        .request({ method: 'DELETE', path, query: kind === 'Job' ? { propagationPolicy: 'Background' } : {} })
        .catch(() => undefined);
    }
    throw toDrmaa2Error(error, `submitting job ${jobName}`);
  }
}

async function createOrAdopt<T extends { metadata?: { name?: string; labels?: Record<string, string>; annotations?: Record<string, string> } }>(
  http: KubeHttp,
  path: string,
  body: unknown,
  isOurs: (existing: T) => boolean,
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
