/**
 * README "Stage-in and stage-out": one test per row of the table and per rule below it, through
 * the public API on kube-sim.
 */
import { JobState, type JobTemplate } from '@drmaa2/core';
import type { KubeObject } from '@drmaa2/kube-sim';
import { afterEach, describe, expect, it } from 'vitest';
import { testImage } from '../support/sim-harness.js';
import { expectInvalidBeforeAnyRequest, startReadmeHarness, storedContainer, storedJob, storedPodSpec, type ReadmeHarness } from '../support/readme-harness.js';

let h: ReadmeHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const base: JobTemplate = { remoteCommand: 'true', jobCategory: testImage };
const run = (template: JobTemplate) => h!.session.runJob(template);
const b64 = (bytes: number[] | string) => Buffer.from(typeof bytes === 'string' ? bytes : Uint8Array.from(bytes)).toString('base64');

function objectName(jobId: string): string {
  return storedJob(h!, jobId).metadata.name!;
}

function staged(resource: 'configmaps' | 'secrets' | 'persistentvolumeclaims', name: string): KubeObject {
  const object = h!.sim.store.get(resource, 'default', name);
  if (object === undefined) throw new Error(`no ${resource} ${name}`);
  return object;
}

describe('README Stage-in and stage-out', () => {
  it('`configmap-data:<base64>`: a new ConfigMap (binaryData, bytes kept exactly), mounted read-only as the one file at the key', async () => {
    h = await startReadmeHarness();
    const payload = b64([0, 255, 10, 13, 0xc3, 0x28, 36, 40]);
    const job = await run({ ...base, stageInFiles: { '/data/in/input.bin': `configmap-data:${payload}` } });
    const name = `${objectName(job.id)}-stage-0`;
    expect(staged('configmaps', name).binaryData).toEqual({ 'input.bin': payload });
    expect(storedPodSpec(h, job.id).volumes).toEqual([{ name: 'stage-0', configMap: { name } }]);
    expect(storedContainer(h, job.id).volumeMounts).toEqual([{ name: 'stage-0', mountPath: '/data/in/input.bin', subPath: 'input.bin', readOnly: true }]);
    await job.waitTerminated();
    expect((await job.getState()).state).toBe(JobState.Done);
  });

  it('`configmap-data:<base64>`: at most 1 MiB', async () => {
    h = await startReadmeHarness();
    const payload = Buffer.alloc(1024 * 1024 + 16, 7).toString('base64');
    const message = await expectInvalidBeforeAnyRequest(h, () => run({ ...base, stageInFiles: { '/data/big': `configmap-data:${payload}` } }), 'stageInFiles["/data/big"]');
    expect(message).toContain('1 MiB');
  });

  it('`secret-data:<base64>`: a new Secret (Opaque), mounted read-only as the one file; the payload is never stored in annotations or errors', async () => {
    h = await startReadmeHarness();
    const payload = b64('top-secret-password');
    const job = await run({ ...base, stageInFiles: { '/run/secrets/pw': `secret-data:${payload}` } });
    const name = `${objectName(job.id)}-stage-0`;
    const secret = staged('secrets', name);
    expect(secret.type).toBe('Opaque');
    expect(secret.data).toEqual({ pw: payload });
    expect(storedPodSpec(h, job.id).volumes).toEqual([{ name: 'stage-0', secret: { secretName: name } }]);
    expect(storedContainer(h, job.id).volumeMounts).toEqual([{ name: 'stage-0', mountPath: '/run/secrets/pw', subPath: 'pw', readOnly: true }]);
    const stored = storedJob(h, job.id);
    expect(JSON.stringify(stored.metadata.annotations)).not.toContain(payload);
    expect(JSON.stringify(stored.spec.template.metadata ?? {})).not.toContain(payload);
    expect((await job.getJobTemplate()).stageInFiles).toEqual({ '/run/secrets/pw': 'secret-data:<redacted>' });
    const badPayload = 'c2VjcmV0!not-base64';
    const message = await expectInvalidBeforeAnyRequest(h, () => run({ ...base, stageInFiles: { '/run/secrets/pw': `secret-data:${badPayload}` } }), 'stageInFiles["/run/secrets/pw"]');
    expect(message).not.toContain(badPayload);
  });

  it('`configmap:<name>` / `secret:<name>`: an existing ConfigMap or Secret, mounted read-only as a directory', async () => {
    h = await startReadmeHarness();
    h.sim.store.create('configmaps', 'default', { metadata: { name: 'settings' }, data: { 'a.conf': 'x' } });
    h.sim.store.create('secrets', 'default', { metadata: { name: 'creds' }, data: { token: b64('t') } });
    const job = await run({ ...base, stageInFiles: { '/etc/settings': 'configmap:settings', '/etc/creds/': 'secret:creds' } });
    expect(storedPodSpec(h, job.id).volumes).toEqual([
      { name: 'stage-0', configMap: { name: 'settings' } },
      { name: 'stage-1', secret: { secretName: 'creds' } },
    ]);
    expect(storedContainer(h, job.id).volumeMounts).toEqual([
      { name: 'stage-0', mountPath: '/etc/settings', readOnly: true },
      { name: 'stage-1', mountPath: '/etc/creds', readOnly: true },
    ]);
    expect(h.sim.stats().objects.ConfigMap).toBe(2);
    await job.waitTerminated();
    expect((await job.getState()).state).toBe(JobState.Done);
    await expectInvalidBeforeAnyRequest(h, () => run({ ...base, stageInFiles: { '/etc/x': 'configmap:Not_A_Name' } }), 'stageInFiles["/etc/x"]');
  });

  it('`pvc:<name>`: an existing PersistentVolumeClaim', async () => {
    h = await startReadmeHarness();
    const job = await run({ ...base, stageInFiles: { '/data': 'pvc:shared-data' } });
    expect(storedPodSpec(h, job.id).volumes).toEqual([{ name: 'stage-0', persistentVolumeClaim: { claimName: 'shared-data' } }]);
    expect(storedContainer(h, job.id).volumeMounts).toEqual([{ name: 'stage-0', mountPath: '/data' }]);
    expect(h.sim.stats().objects.PersistentVolumeClaim ?? 0).toBe(0);
  });

  it('`hostpath:/dir`: a hostPath volume', async () => {
    h = await startReadmeHarness();
    const job = await run({ ...base, stageInFiles: { '/scratch': 'hostpath:/mnt/scratch' } });
    expect(storedPodSpec(h, job.id).volumes).toEqual([{ name: 'stage-0', hostPath: { path: '/mnt/scratch' } }]);
    expect(storedContainer(h, job.id).volumeMounts).toEqual([{ name: 'stage-0', mountPath: '/scratch' }]);
    await expectInvalidBeforeAnyRequest(h, () => run({ ...base, stageInFiles: { '/scratch': 'hostpath:relative' } }), 'stageInFiles["/scratch"]');
  });

  it('`nfs:<server>:/path`: an NFS volume', async () => {
    h = await startReadmeHarness();
    const job = await run({ ...base, stageInFiles: { '/home': 'nfs:nfs.example.com:/export/home' } });
    expect(storedPodSpec(h, job.id).volumes).toEqual([{ name: 'stage-0', nfs: { server: 'nfs.example.com', path: '/export/home' } }]);
    expect(storedContainer(h, job.id).volumeMounts).toEqual([{ name: 'stage-0', mountPath: '/home' }]);
    await expectInvalidBeforeAnyRequest(h, () => run({ ...base, stageInFiles: { '/home': 'nfs:no-path' } }), 'stageInFiles["/home"]');
  });

  it('`storageclass:<class>[:<size>]`: a new PVC (ReadWriteOnce, default 1Gi)', async () => {
    h = await startReadmeHarness();
    const job = await run({ ...base, stageInFiles: { '/a': 'storageclass:fast' }, stageOutFiles: { '/b': 'storageclass:slow:5Gi' } });
    const name = objectName(job.id);
    expect(staged('persistentvolumeclaims', `${name}-stage-0`).spec).toMatchObject({ storageClassName: 'fast', accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } });
    expect(staged('persistentvolumeclaims', `${name}-stage-1`).spec).toMatchObject({ storageClassName: 'slow', accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '5Gi' } } });
    expect(storedPodSpec(h, job.id).volumes).toEqual([
      { name: 'stage-0', persistentVolumeClaim: { claimName: `${name}-stage-0` } },
      { name: 'stage-1', persistentVolumeClaim: { claimName: `${name}-stage-1` } },
    ]);
    await expectInvalidBeforeAnyRequest(h, () => run({ ...base, stageInFiles: { '/a': 'storageclass:fast:lots' } }), 'stageInFiles["/a"]');
  });

  it('`gce-disk:<name>` / `gce-disk-read:<name>`: a GCE persistent disk, read-only for the second', async () => {
    h = await startReadmeHarness();
    const job = await run({ ...base, stageInFiles: { '/ref': 'gce-disk-read:reference-data' }, stageOutFiles: { '/out': 'gce-disk:results-disk' } });
    expect(storedPodSpec(h, job.id).volumes).toEqual([
      { name: 'stage-0', gcePersistentDisk: { pdName: 'reference-data', readOnly: true } },
      { name: 'stage-1', gcePersistentDisk: { pdName: 'results-disk', readOnly: false } },
    ]);
    expect(storedContainer(h, job.id).volumeMounts).toEqual([
      { name: 'stage-0', mountPath: '/ref', readOnly: true },
      { name: 'stage-1', mountPath: '/out' },
    ]);
  });

  it('the key is the path in the container: absolute, without `:` or `..`', async () => {
    h = await startReadmeHarness();
    for (const key of ['relative/path', '/a:b', '/a/../b']) {
      await expectInvalidBeforeAnyRequest(h, () => run({ ...base, stageInFiles: { [key]: 'pvc:data' } }), `stageInFiles[${JSON.stringify(key)}]`);
    }
  });

  it('`stageOutFiles` takes only the writable kinds (pvc:, hostpath:, nfs:, storageclass:, gce-disk:); the output stays after the job', async () => {
    h = await startReadmeHarness();
    const job = await run({
      ...base,
      stageOutFiles: { '/o1': 'pvc:results', '/o2': 'hostpath:/var/out', '/o3': 'nfs:srv:/exp', '/o4': 'storageclass:std', '/o5': 'gce-disk:d1' },
    });
    expect(storedPodSpec(h, job.id).volumes).toHaveLength(5);
    for (const source of ['configmap-data:aGk=', 'secret-data:aGk=', 'configmap:cm', 'secret:s', 'gce-disk-read:d']) {
      const message = await expectInvalidBeforeAnyRequest(h, () => run({ ...base, stageOutFiles: { '/out': source } }), 'stageOutFiles["/out"]');
      expect(message).not.toContain('aGk=');
    }
    await job.waitTerminated();
    expect(h.sim.store.get('persistentvolumeclaims', 'default', `${objectName(job.id)}-stage-3`)).toBeDefined();
  });

  it('new objects are named <job>-stage-<n> and carry the session labels plus drmaa2.io/job: <job>', async () => {
    h = await startReadmeHarness();
    const job = await run({ ...base, stageInFiles: { '/a': 'configmap-data:YQ==', '/b': 'secret-data:Yg==', '/c': 'storageclass:std' } });
    const name = objectName(job.id);
    const labels = { 'app.kubernetes.io/managed-by': 'drmaa2', 'drmaa2.io/session': 'harness', 'drmaa2.io/job': name };
    expect(staged('configmaps', `${name}-stage-0`).metadata.labels).toEqual(labels);
    expect(staged('secrets', `${name}-stage-1`).metadata.labels).toEqual(labels);
    expect(staged('persistentvolumeclaims', `${name}-stage-2`).metadata.labels).toEqual(labels);
  });

  it('the tracker creates them before the Job and then makes the Job their owner, so Kubernetes deletes them with it', async () => {
    h = await startReadmeHarness();
    const added: string[] = [];
    const unsubscribe = h.sim.store.subscribe((event) => {
      if (event.type === 'ADDED' && ['configmaps', 'secrets', 'persistentvolumeclaims', 'jobs'].includes(event.resource)) added.push(event.resource);
    });
    const job = await run({ ...base, stageInFiles: { '/a': 'configmap-data:YQ==', '/b': 'secret-data:Yg==', '/c': 'storageclass:std' } });
    unsubscribe();
    expect(added).toEqual(['configmaps', 'secrets', 'persistentvolumeclaims', 'jobs']);
    const stored = storedJob(h, job.id);
    const name = stored.metadata.name!;
    for (const [resource, n] of [['configmaps', 0], ['secrets', 1], ['persistentvolumeclaims', 2]] as const) {
      expect(staged(resource, `${name}-stage-${n}`).metadata.ownerReferences).toEqual([
        expect.objectContaining({ apiVersion: 'batch/v1', kind: 'Job', name, uid: stored.metadata.uid }),
      ]);
    }
    await job.waitTerminated();
    await job.reap();
    await expect.poll(() => [h!.sim.stats().objects.Secret ?? 0, h!.sim.stats().objects.PersistentVolumeClaim ?? 0]).toEqual([0, 0]);
    await expect.poll(() => h!.sim.store.get('configmaps', 'default', `${name}-stage-0`)).toBeUndefined();
  });

  it('the same target staged twice is refused', async () => {
    h = await startReadmeHarness();
    const error = await expectInvalidBeforeAnyRequest(h, () => run({ ...base, stageInFiles: { '/data': 'pvc:a' }, stageOutFiles: { '/data/': 'pvc:b' } }), 'stageOutFiles["/data/"]');
    expect(error).toContain('twice');
  });
});
