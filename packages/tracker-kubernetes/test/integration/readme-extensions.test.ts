/**
 * README "Extensions": every row (the manifest kube-sim stores, and what the cluster does with it
 * where kube-sim models it), a bad value of each (INVALID_ARGUMENT naming
 * `JobTemplate.extensions.<name>` before any request), and the `podSpecPatch` rules.
 */
import { JobState, type JobTemplate } from '@drmaa2/core';
import { afterEach, describe, expect, it } from 'vitest';
import { kubernetesExtensions } from '../../src/index.js';
import { testImage } from '../support/sim-harness.js';
import {
  expectInvalidBeforeAnyRequest,
  startReadmeHarness,
  storedContainer,
  storedJob,
  storedPodSpec,
  type ReadmeHarness,
} from '../support/readme-harness.js';

let h: ReadmeHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const base: JobTemplate = { remoteCommand: 'true', jobCategory: testImage };
const withExt = (extensions: Record<string, string>, more: Partial<JobTemplate> = {}): JobTemplate => ({ ...base, ...more, extensions });
const run = (template: JobTemplate) => h!.session.runJob(template);
const refused = (extensions: Record<string, string>, name: string, more: Partial<JobTemplate> = {}) =>
  expectInvalidBeforeAnyRequest(h!, () => run(withExt(extensions, more)), `extensions.${name}`);

describe('README Extensions', () => {
  it('the list is exported as kubernetesExtensions and names every row', () => {
    expect(kubernetesExtensions.map((e) => e.name).sort()).toEqual(
      [
        'namespace', 'labels', 'annotations', 'scheduler', 'privileged', 'pullpolicy', 'imagepullsecrets', 'service-account-name',
        'node-selectors', 'tolerations', 'env-from-secret', 'env-from-secrets', 'env-from-configmap', 'env-from-configmaps',
        'ttlsecondsafterfinished', 'runasuser', 'runasgroup', 'fsgroup', 'accelerator', 'distribution', 'podSpecPatch', 'task-id',
      ].sort(),
    );
  });

  it('`namespace`: the Job\'s namespace, monitored there; one the tracker does not watch is refused', async () => {
    h = await startReadmeHarness({ sim: { namespaces: ['team-a', 'team-b'] }, tracker: { queues: ['default', 'team-a'] } });
    await refused({ namespace: 'team-b' }, 'namespace');
    const job = await run(withExt({ namespace: 'team-a' }, { remoteCommand: 'sh', args: ['-c', 'exit 4'] }));
    expect(storedJob(h, job.id).metadata.namespace).toBe('team-a');
    await job.waitTerminated(3);
    expect(await job.getJobInfo()).toMatchObject({ jobState: JobState.Failed, exitStatus: 4 });
  });

  it('`namespace`: a DNS-1123 label; must agree with queueName when that names the namespace', async () => {
    h = await startReadmeHarness({ sim: { namespaces: ['batch'] }, tracker: { queues: ['default', 'batch'] } });
    await refused({ namespace: 'Team_A' }, 'namespace');
    await refused({ namespace: 'other' }, 'namespace', { queueName: 'batch' });
    const job = await run(withExt({ namespace: 'batch' }, { queueName: 'batch' }));
    expect(storedJob(h, job.id).metadata.namespace).toBe('batch');
  });

  it('`labels`: k=v,k2=v2 on the Job and its pods', async () => {
    h = await startReadmeHarness();
    const job = await run(withExt({ labels: 'team=physics, example.com/tier=gold' }));
    const stored = storedJob(h, job.id);
    expect(stored.metadata.labels).toMatchObject({ team: 'physics', 'example.com/tier': 'gold' });
    expect(stored.spec.template.metadata?.labels).toMatchObject({ team: 'physics', 'example.com/tier': 'gold' });
    await job.waitTerminated();
    expect(h.containers.at(-1)?.labels).toMatchObject({ team: 'physics', 'example.com/tier': 'gold' });
  });

  it('`labels`: keys in drmaa2.io/, kubernetes.io/, k8s.io/, and job-name/controller-uid, are refused', async () => {
    h = await startReadmeHarness();
    for (const key of ['drmaa2.io/session', 'kubernetes.io/hostname', 'app.kubernetes.io/name', 'k8s.io/x', 'job-name', 'controller-uid']) {
      await refused({ labels: `${key}=x` }, 'labels');
    }
    await refused({ labels: 'no-equals-sign' }, 'labels');
  });

  it('`annotations`: k=v,... or a JSON object of strings, on the Job and its pods; drmaa2.io/ keys are refused', async () => {
    h = await startReadmeHarness();
    const plain = await run(withExt({ annotations: 'owner=alice,example.com/ticket=T-1' }));
    const json = await run(withExt({ annotations: '{"note":"a, b and c","example.com/x":"y=z"}' }));
    expect(storedJob(h, plain.id).metadata.annotations).toMatchObject({ owner: 'alice', 'example.com/ticket': 'T-1' });
    expect(storedJob(h, plain.id).spec.template.metadata?.annotations).toEqual({ owner: 'alice', 'example.com/ticket': 'T-1' });
    expect(storedJob(h, json.id).metadata.annotations).toMatchObject({ note: 'a, b and c', 'example.com/x': 'y=z' });
    expect(storedJob(h, json.id).spec.template.metadata?.annotations).toEqual({ note: 'a, b and c', 'example.com/x': 'y=z' });
    await refused({ annotations: 'drmaa2.io/hold=user' }, 'annotations');
    await refused({ annotations: '{"drmaa2.io/template":"x"}' }, 'annotations');
    await refused({ annotations: '{"n":1}' }, 'annotations');
  });

  it('`scheduler`: schedulerName (DNS-1123 subdomain)', async () => {
    h = await startReadmeHarness();
    const job = await run(withExt({ scheduler: 'volcano' }));
    expect(storedPodSpec(h, job.id).schedulerName).toBe('volcano');
    await refused({ scheduler: 'Not A Scheduler' }, 'scheduler');
  });

  it('`privileged`: true/false (any case) → securityContext.privileged of the job container', async () => {
    h = await startReadmeHarness();
    const on = await run(withExt({ privileged: 'TRUE' }));
    const off = await run(withExt({ privileged: 'False' }));
    expect(storedContainer(h, on.id).securityContext).toEqual({ privileged: true });
    expect(storedContainer(h, off.id).securityContext).toEqual({ privileged: false });
    await refused({ privileged: 'yes' }, 'privileged');
  });

  it('`pullpolicy`: always, never, ifnotpresent (any case) → imagePullPolicy', async () => {
    h = await startReadmeHarness();
    for (const [value, policy] of [['ALWAYS', 'Always'], ['never', 'Never'], ['IfNotPresent', 'IfNotPresent']] as const) {
      const job = await run(withExt({ pullpolicy: value }));
      expect(storedContainer(h, job.id).imagePullPolicy).toBe(policy);
    }
    await refused({ pullpolicy: 'sometimes' }, 'pullpolicy');
  });

  it('`imagepullsecrets`: names, ,-separated → imagePullSecrets', async () => {
    h = await startReadmeHarness();
    const job = await run(withExt({ imagepullsecrets: 'registry-a, registry-b' }));
    expect(storedPodSpec(h, job.id).imagePullSecrets).toEqual([{ name: 'registry-a' }, { name: 'registry-b' }]);
    await refused({ imagepullsecrets: 'Bad_Name' }, 'imagepullsecrets');
  });

  it('`service-account-name`: DNS-1123 subdomain → serviceAccountName', async () => {
    h = await startReadmeHarness();
    const job = await run(withExt({ 'service-account-name': 'batch-runner' }));
    expect(storedPodSpec(h, job.id).serviceAccountName).toBe('batch-runner');
    await refused({ 'service-account-name': 'Batch Runner' }, 'service-account-name');
  });

  it('`node-selectors`: k=v,... merged with the OS/arch/accelerator selectors; the pod lands on a matching node', async () => {
    h = await startReadmeHarness({ sim: { nodes: { count: 3, overrides: { 'sim-node-2': { labels: { disk: 'ssd' } } } } } });
    const job = await run(withExt({ 'node-selectors': 'disk=ssd' }, { machineOS: 'LINUX', machineArch: 'X64' }));
    expect(storedPodSpec(h, job.id).nodeSelector).toEqual({ 'kubernetes.io/os': 'linux', 'kubernetes.io/arch': 'amd64', disk: 'ssd' });
    await job.waitTerminated();
    expect((await job.getJobInfo()).allocatedMachines).toEqual([{ machineName: 'sim-node-2', slots: 1 }]);
    const gpu = await run(withExt({ 'node-selectors': 'zone=a', accelerator: '1*t4' }));
    expect(storedPodSpec(h, gpu.id).nodeSelector).toEqual({ 'nvidia.com/gpu.product': 't4', zone: 'a' });
  });

  it('`node-selectors`: a contradiction is refused', async () => {
    h = await startReadmeHarness();
    await refused({ 'node-selectors': 'kubernetes.io/os=windows' }, 'node-selectors', { machineOS: 'LINUX' });
    await refused({ 'node-selectors': 'nvidia.com/gpu.product=a100', accelerator: '1*t4' }, 'node-selectors');
  });

  it('`tolerations`: key[=value][:effect[:seconds]], `*` = tolerate everything; Exists without a value, else Equal', async () => {
    h = await startReadmeHarness();
    const job = await run(withExt({ tolerations: 'dedicated=batch:NoSchedule, gpu:NoExecute:300, spot' }));
    expect(storedPodSpec(h, job.id).tolerations).toEqual([
      { key: 'dedicated', operator: 'Equal', value: 'batch', effect: 'NoSchedule' },
      { key: 'gpu', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
      { key: 'spot', operator: 'Exists' },
    ]);
    const all = await run(withExt({ tolerations: '*' }));
    expect(storedPodSpec(h, all.id).tolerations).toEqual([{ operator: 'Exists' }]);
  });

  it('`tolerations`: seconds only with NoExecute; a bad entry is refused', async () => {
    h = await startReadmeHarness();
    await refused({ tolerations: 'dedicated=batch:NoSchedule:30' }, 'tolerations');
    await refused({ tolerations: 'dedicated:Sometimes' }, 'tolerations');
  });

  it('`tolerations`: a tolerating job runs on a tainted node, one without stays Unschedulable', async () => {
    h = await startReadmeHarness({ sim: { nodes: { count: 1, taints: [{ key: 'dedicated', value: 'batch', effect: 'NoSchedule' }] } } });
    const tolerating = await run(withExt({ tolerations: 'dedicated=batch:NoSchedule' }));
    const plain = await run(base);
    await tolerating.waitTerminated();
    expect((await tolerating.getState()).state).toBe(JobState.Done);
    await expect.poll(async () => plain.getState()).toEqual({ state: JobState.Queued, subState: 'Unschedulable' });
  });

  it.each(['env-from-secret', 'env-from-secrets'])('`env-from-secret(s)`: %s names, :- or ,-separated → envFrom.secretRef', async (name) => {
    h = await startReadmeHarness();
    h.sim.store.create('secrets', 'default', { metadata: { name: 's1' }, data: { TOKEN: Buffer.from('abc').toString('base64') } });
    h.sim.store.create('secrets', 'default', { metadata: { name: 's2' }, data: { USER: Buffer.from('bob').toString('base64') } });
    const job = await run(withExt({ [name]: 's1:s2' }));
    expect(storedContainer(h, job.id).envFrom).toEqual([{ secretRef: { name: 's1' } }, { secretRef: { name: 's2' } }]);
    await job.waitTerminated();
    expect(h.containers.at(-1)?.env).toMatchObject({ TOKEN: 'abc', USER: 'bob' });
    const commas = await run(withExt({ [name]: 's1,s2' }));
    expect(storedContainer(h, commas.id).envFrom).toEqual([{ secretRef: { name: 's1' } }, { secretRef: { name: 's2' } }]);
    await refused({ [name]: 'Not_Valid' }, name);
  });

  it.each(['env-from-configmap', 'env-from-configmaps'])('`env-from-configmap(s)`: %s names, :- or ,-separated → envFrom.configMapRef', async (name) => {
    h = await startReadmeHarness();
    h.sim.store.create('configmaps', 'default', { metadata: { name: 'c1' }, data: { MODE: 'fast' } });
    h.sim.store.create('configmaps', 'default', { metadata: { name: 'c2' }, data: { LEVEL: '3' } });
    const job = await run(withExt({ [name]: 'c1,c2' }));
    expect(storedContainer(h, job.id).envFrom).toEqual([{ configMapRef: { name: 'c1' } }, { configMapRef: { name: 'c2' } }]);
    await job.waitTerminated();
    expect(h.containers.at(-1)?.env).toMatchObject({ MODE: 'fast', LEVEL: '3' });
    const colons = await run(withExt({ [name]: 'c1:c2' }));
    expect(storedContainer(h, colons.id).envFrom).toEqual([{ configMapRef: { name: 'c1' } }, { configMapRef: { name: 'c2' } }]);
    await refused({ [name]: 'Not_Valid' }, name);
  });

  it('`ttlsecondsafterfinished`: ttlSecondsAfterFinished; Kubernetes deletes the finished Job, and with it the DRMAA2 job', async () => {
    h = await startReadmeHarness();
    const job = await run(withExt({ ttlsecondsafterfinished: '0' }));
    await expect.poll(() => h!.sim.store.get('jobs', 'default', job.id.split('/')[1]!)).toBeUndefined();
    // The tracker learns of the deletion from its watch, a moment after the store made it.
    await expect.poll(async () => (await h!.session.getJobs()).map((j) => j.id)).toEqual([]);
    const kept = await run(withExt({ ttlsecondsafterfinished: '3600' }));
    expect(storedJob(h, kept.id).spec.ttlSecondsAfterFinished).toBe(3600);
    await refused({ ttlsecondsafterfinished: '-1' }, 'ttlsecondsafterfinished');
    await refused({ ttlsecondsafterfinished: '2147483648' }, 'ttlsecondsafterfinished');
  });

  it('`runasuser`, `runasgroup`, `fsgroup`: 0…2147483647 → pod securityContext', async () => {
    h = await startReadmeHarness();
    const job = await run(withExt({ runasuser: '1000', runasgroup: '0', fsgroup: '2147483647' }));
    expect(storedPodSpec(h, job.id).securityContext).toEqual({ runAsUser: 1000, runAsGroup: 0, fsGroup: 2147483647 });
    for (const name of ['runasuser', 'runasgroup', 'fsgroup']) {
      await refused({ [name]: '2147483648' }, name);
      await refused({ [name]: 'root' }, name);
    }
  });

  it('`accelerator`: COUNT[*TYPE], COUNT 1…1024 → limit nvidia.com/gpu: COUNT, TYPE a node selector', async () => {
    h = await startReadmeHarness({
      sim: { nodes: { count: 2, overrides: { 'sim-node-2': { extendedResources: { 'nvidia.com/gpu': '4' }, labels: { 'nvidia.com/gpu.product': 'a100' } } } } },
    });
    const job = await run(withExt({ accelerator: '2*a100' }));
    expect(storedContainer(h, job.id).resources?.limits).toEqual({ 'nvidia.com/gpu': '2' });
    expect(storedPodSpec(h, job.id).nodeSelector).toEqual({ 'nvidia.com/gpu.product': 'a100' });
    await job.waitTerminated();
    expect((await job.getJobInfo()).allocatedMachines?.map((m) => m.machineName)).toEqual(['sim-node-2']);
    const count = await run(withExt({ accelerator: '1' }));
    expect(storedPodSpec(h, count.id).nodeSelector).toBeUndefined();
    for (const value of ['0', '1025', 'two', '1*']) await refused({ accelerator: value }, 'accelerator');
  });

  it('`distribution`: gke, aks, eks, generic select how TYPE is chosen; aks also tolerates sku=gpu:NoSchedule', async () => {
    h = await startReadmeHarness();
    const expected = {
      gke: { nodeSelector: { 'cloud.google.com/gke-accelerator': 't4' }, tolerations: undefined },
      aks: { nodeSelector: { 'nvidia.com/gpu.product': 't4' }, tolerations: [{ key: 'sku', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' }] },
      eks: { nodeSelector: { 'nvidia.com/gpu.product': 't4' }, tolerations: undefined },
      generic: { nodeSelector: { 'nvidia.com/gpu.product': 't4' }, tolerations: undefined },
    };
    for (const [distribution, want] of Object.entries(expected)) {
      const job = await run(withExt({ accelerator: '1*t4', distribution }));
      const spec = storedPodSpec(h, job.id);
      expect(spec.nodeSelector).toEqual(want.nodeSelector);
      expect(spec.tolerations).toEqual(want.tolerations);
    }
    await refused({ accelerator: '1*t4', distribution: 'azure' }, 'distribution');
  });

  it('`podSpecPatch`: merged into the pod spec (objects merge, arrays and scalars replace, null removes)', async () => {
    h = await startReadmeHarness();
    const patch = {
      hostname: 'worker',
      terminationGracePeriodSeconds: 5,
      securityContext: { runAsNonRoot: true, seccompProfile: null },
      affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: 'x' } }, topologyKey: 'kubernetes.io/hostname' }] } },
      topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'zone', whenUnsatisfiable: 'ScheduleAnyway' }],
    };
    const job = await run(withExt({ runasuser: '1000', podSpecPatch: JSON.stringify(patch) }, { candidateMachines: ['sim-node-1'] }));
    const spec = storedPodSpec(h, job.id);
    expect(spec.hostname).toBe('worker');
    expect(spec.terminationGracePeriodSeconds).toBe(5);
    expect(spec.securityContext).toEqual({ runAsUser: 1000, runAsNonRoot: true });
    expect(spec.affinity?.podAntiAffinity).toEqual(patch.affinity.podAntiAffinity);
    expect(spec.affinity?.nodeAffinity).toBeDefined();
    expect(spec.topologySpreadConstraints).toEqual(patch.topologySpreadConstraints);
    await refused({ podSpecPatch: '{not json' }, 'podSpecPatch');
    await refused({ podSpecPatch: '[1,2]' }, 'podSpecPatch');
  });

  it('`podSpecPatch` rules: each top-level field must be a known pod spec field of the right JSON type', async () => {
    h = await startReadmeHarness();
    await refused({ podSpecPatch: '{"noSuchField":1}' }, 'podSpecPatch');
    await refused({ podSpecPatch: '{"hostname":5}' }, 'podSpecPatch');
    await refused({ podSpecPatch: '{"hostNetwork":"yes"}' }, 'podSpecPatch');
    await refused({ podSpecPatch: '{"initContainers":{}}' }, 'podSpecPatch');
  });

  it.each([
    ['containers', '[]', 'remoteCommand'],
    ['restartPolicy', '"Always"', ''],
    ['ephemeralContainers', '[]', ''],
    ['volumes', '[]', 'stageInFiles'],
    ['nodeName', '"sim-node-1"', 'candidateMachines'],
    ['affinity.nodeAffinity', '{"nodeAffinity":{}}', 'candidateMachines'],
    ['nodeSelector', '{"a":"b"}', 'node-selectors'],
    ['tolerations', '[]', 'extensions.tolerations'],
    ['schedulerName', '"x"', 'extensions.scheduler'],
    ['priority', '1', 'priority'],
    ['priorityClassName', '"high"', 'priority'],
    ['serviceAccount', '"x"', 'service-account-name'],
    ['serviceAccountName', '"x"', 'service-account-name'],
    ['imagePullSecrets', '[]', 'imagepullsecrets'],
    ['securityContext.runAsUser', '{"runAsUser":0}', 'runasuser'],
    ['securityContext.runAsGroup', '{"runAsGroup":0}', 'runasgroup'],
    ['securityContext.fsGroup', '{"fsGroup":0}', 'fsgroup'],
  ])('`podSpecPatch` rules: fields the tracker owns are refused, naming what to use instead: %s', async (field, value, instead) => {
    h = await startReadmeHarness();
    const top = field.split('.')[0]!;
    const message = await refused({ podSpecPatch: `{"${top}":${value}}` }, 'podSpecPatch');
    expect(message).toContain(field);
    expect(message).toContain(instead);
  });

  it('every value is a string; a bad value is INVALID_ARGUMENT naming JobTemplate.extensions.<name>', async () => {
    h = await startReadmeHarness();
    // a non-string is caught by core, which spells the field extensions["privileged"]
    const message = await expectInvalidBeforeAnyRequest(h, () => run({ ...base, extensions: { privileged: true as unknown as string } }), 'extensions');
    expect(message).toContain('privileged');
    await refused({ privileged: 'on' }, 'privileged');
  });
});
