import type { KubeObject, KubeSim } from '@drmaa2/kube-sim';

/** What kube-sim's store holds for the suite's sessions, read directly (no API request). */
export interface StoreAudit {
  /** Job name → its submission id, for every Job labelled with one of the sessions. */
  readonly jobs: ReadonlyMap<string, { readonly submissionId: string | undefined; readonly uid: string | undefined }>;
  /** ConfigMaps, Secrets and PVCs a submission staged (label `drmaa2.io/job`), with their owner. */
  readonly staged: readonly { readonly kind: string; readonly name: string; readonly job: string; readonly ownerUids: readonly string[] }[];
  /** Every object kube-sim stores (Events included) as JSON lines, with the `data` of Secrets left out. */
  readonly visible: string;
}

function labels(object: KubeObject): Record<string, string> {
  return object.metadata.labels ?? {};
}

/** Reads the Jobs and staged objects of `sessions` in `namespace` from kube-sim's store. */
export function auditStore(sim: KubeSim, namespace: string, sessions: readonly string[]): StoreAudit {
  const jobs = new Map<string, { submissionId: string | undefined; uid: string | undefined }>();
  for (const job of sim.store.list('jobs', namespace)) {
    if (!sessions.includes(labels(job)['drmaa2.io/session'] ?? '')) continue;
    const annotations = job.metadata.annotations ?? {};
    jobs.set(job.metadata.name ?? '', { submissionId: annotations['drmaa2.io/submission-id'], uid: job.metadata.uid });
  }
  const staged: { kind: string; name: string; job: string; ownerUids: string[] }[] = [];
  for (const resource of ['configmaps', 'secrets', 'persistentvolumeclaims'] as const) {
    for (const object of sim.store.list(resource, namespace)) {
      const job = labels(object)['drmaa2.io/job'];
      if (job === undefined) continue;
      const ownerUids = (object.metadata.ownerReferences ?? []).map((owner) => owner.uid);
      staged.push({ kind: resource, name: object.metadata.name ?? '', job, ownerUids });
    }
  }
  const resources = ['namespaces', 'nodes', 'pods', 'configmaps', 'secrets', 'persistentvolumeclaims', 'events', 'jobs'] as const;
  const visible = resources
    .flatMap((resource) => sim.store.list(resource).map((object) => JSON.stringify(resource === 'secrets' ? { ...object, data: undefined } : object)))
    .join('\n');
  return { jobs, staged, visible };
}
