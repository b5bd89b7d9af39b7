import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describeTrackerConformance } from '@drmaa2/conformance';
import { ErrorCode, SessionManager } from '@drmaa2/core';
import { startKubeSim, type KubeSim, type KubeSimOptions, type RbacObject } from '@drmaa2/kube-sim';
import { loadAllYaml } from '@kubernetes/client-node';
import { ClusterRole, ClusterRoleBinding, Role, RoleBinding } from 'kubernetes-models/rbac.authorization.k8s.io/v1';
import { ServiceAccount } from 'kubernetes-models/v1';
import { afterEach, describe, expect, it } from 'vitest';
import { kubernetesTracker } from '../../src/index.js';
import { testImage } from '../support/sim-harness.js';
import { simScript } from '../support/sim-script.js';
import { kubeSimConformance } from '../support/kube-sim-conformance.js';

const manifestPath = fileURLToPath(new URL('../../../../examples/rbac.yaml', import.meta.url));
/** The namespace and ServiceAccount the manifest names. */
const namespace = 'drmaa2-jobs';
const account = 'drmaa2';
const otherNamespace = 'other-team';
const image = testImage;
const rbacKinds = new Set(['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding']);

/** The documents of examples/rbac.yaml as plain JSON. */
async function manifest(): Promise<Record<string, unknown>[]> {
  const documents: unknown[] = loadAllYaml(await readFile(manifestPath, 'utf8'));
  return documents.map((document) => JSON.parse(JSON.stringify(document)) as Record<string, unknown>);
}

/** The manifest's RBAC objects; without the optional node reader when `nodeReader` is false. */
async function rbacObjects(nodeReader: boolean): Promise<RbacObject[]> {
  return (await manifest())
    .filter((document) => rbacKinds.has(String(document.kind)))
    .filter((document) => nodeReader || (document.metadata as { name?: string }).name !== 'drmaa2-node-reader') as unknown as RbacObject[];
}

/** kube-sim with the manifest loaded, and a kubeconfig with the ServiceAccount's token. */
async function simWithRole(nodeReader: boolean, options: KubeSimOptions = {}): Promise<{ sim: KubeSim; kubeconfigPath: string }> {
  const sim = await startKubeSim({
    namespaces: [namespace, otherNamespace],
    timing: { podStartMs: 20, syncBatchMs: 20, scheduleDelayMs: 0 },
    rbac: { objects: await rbacObjects(nodeReader) },
    ...options,
  });
  const token = sim.tokens.serviceAccountToken(namespace, account);
  return { sim, kubeconfigPath: await sim.writeKubeconfig({ token, namespace }) };
}

/** The whole DRMAA2 contract under the Role (and the node reader): not one request may be refused. */
describeTrackerConformance('kubernetes tracker under the least-privilege Role of examples/rbac.yaml', {
  async create() {
    const { sim, kubeconfigPath } = await simWithRole(true, { kubelet: { mode: 'process' } });
    return {
      plugin: kubernetesTracker({ kubeconfigPath }),
      reconnect: () => kubernetesTracker({ kubeconfigPath }),
      async dispose() {
        const { forbidden } = sim.stats();
        await sim.stop();
        if (forbidden !== 0) throw new Error(`kube-sim refused ${forbidden} requests (403): the Role lacks a permission the tracker uses`);
      },
    };
  },
  ...kubeSimConformance,
});

let sim: KubeSim | undefined;
const managers: SessionManager[] = [];
afterEach(async () => {
  for (const manager of managers.splice(0)) await manager.close().catch(() => undefined);
  await sim?.stop();
  sim = undefined;
});

function manager(options: Parameters<typeof kubernetesTracker>[0]): SessionManager {
  const created = new SessionManager({ tracker: kubernetesTracker(options) });
  managers.push(created);
  return created;
}

/** Everything kube-sim stores in a namespace, by kind and name. */
function storedIn(ns: string): string[] {
  const resources = ['jobs', 'pods', 'configmaps', 'secrets', 'persistentvolumeclaims'] as const;
  return resources.flatMap((resource) => sim!.store.list(resource, ns).map((object) => `${resource}/${object.metadata.name ?? ''}`));
}

describe('examples/rbac.yaml', () => {
  it('holds a ServiceAccount, a Role and RoleBinding for one namespace, and the optional node reader, all valid under the official schema', async () => {
    const documents = await manifest();
    expect(documents.map((document) => `${String(document.kind)}/${(document.metadata as { name: string }).name}`)).toEqual([
      'ServiceAccount/drmaa2',
      'Role/drmaa2-tracker',
      'RoleBinding/drmaa2-tracker',
      'ClusterRole/drmaa2-node-reader',
      'ClusterRoleBinding/drmaa2-node-reader',
    ]);
    const models = { ServiceAccount, Role, RoleBinding, ClusterRole, ClusterRoleBinding };
    for (const document of documents) new models[document.kind as keyof typeof models](document as never).validate();
    const role = documents.find((document) => document.kind === 'Role') as { metadata: { namespace: string }; rules: { verbs: string[] }[] };
    expect(role.metadata.namespace).toBe(namespace);
    expect(role.rules.flatMap((rule) => rule.verbs)).not.toContain('*');
  });

  it('lets the tracker work in its namespace only: another namespace is DENIED_BY_DRMS (403) and nothing is written there', async () => {
    ({ sim } = await simWithRole(true, { kubelet: { mode: 'scripted', script: simScript } }));
    const kubeconfigPath = await sim.writeKubeconfig({ token: sim.tokens.serviceAccountToken(namespace, account), namespace });

    const own = await manager({ kubeconfigPath }).createJobSession('rbac');
    const job = await own.runJob({ remoteCommand: 'echo', args: ['hi'], jobCategory: image, stageInFiles: { '/in': 'secret-data:aGk=' } });
    expect((await job.waitTerminated()).id).toBe(job.id);
    const before = sim.stats().forbidden;
    expect(before).toBe(0);

    const elsewhere = await manager({ kubeconfigPath, namespace: otherNamespace, maxRetries: 0 }).createJobSession('rbac').catch((error: unknown) => error);
    expect(elsewhere).toMatchObject({ code: ErrorCode.DeniedByDrms });
    expect(String(elsewhere)).toContain(`cannot list resource`);
    expect(String(elsewhere)).toContain(`"${otherNamespace}"`);

    const queued = await manager({ kubeconfigPath, queues: [namespace, otherNamespace], maxRetries: 0 }).createJobSession('rbac-queues').catch((error: unknown) => error);
    expect(queued).toMatchObject({ code: ErrorCode.DeniedByDrms });

    const refusedBeforeAnyRequest = await own.runJob({ remoteCommand: 'true', jobCategory: image, extensions: { namespace: otherNamespace } }).catch((error: unknown) => error);
    expect(refusedBeforeAnyRequest).toMatchObject({ code: ErrorCode.InvalidArgument });

    expect(sim.stats().forbidden).toBeGreaterThanOrEqual(2);
    expect(storedIn(otherNamespace)).toEqual([]);
  });

  it('without the optional node reader: jobs still run, getAllMachines is DENIED_BY_DRMS, suggested job categories are empty', async () => {
    ({ sim } = await simWithRole(false, { kubelet: { mode: 'scripted', script: simScript } }));
    const kubeconfigPath = await sim.writeKubeconfig({ token: sim.tokens.serviceAccountToken(namespace, account), namespace });
    const sm = manager({ kubeconfigPath });
    const session = await sm.createJobSession('rbac');
    await (await session.runJob({ remoteCommand: 'true', jobCategory: image })).waitTerminated();
    expect(sim.stats().forbidden).toBe(0);
    const monitoring = await sm.openMonitoringSession();
    await expect(monitoring.getAllMachines()).rejects.toMatchObject({ code: ErrorCode.DeniedByDrms });
    expect(await session.getJobCategories()).toEqual([]);
  });
});
