import { Buffer } from 'node:buffer';
import { describe, expect, test } from 'vitest';
import { AnnotationKey, REDACTED_SECRET, templateFromAnnotation } from '../../src/mapping/index.js';
import { SUBMITTED_AT, container, expectRejected, plan, podSpec } from './fixtures.js';

const b64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64');

describe('stage-in and stage-out', () => {
  test('configmap-data: and secret-data: create objects mounted as single files', () => {
    const result = plan({ stageInFiles: { '/etc/app/config.yaml': `configmap-data:${b64('a: 1')}`, '/run/secrets/token': `secret-data:${b64('s3cr3t')}` } });
    expect(result.staged).toEqual([
      {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'drmaa2-abc123-stage-0', namespace: 'batch', labels: { 'app.kubernetes.io/managed-by': 'drmaa2', 'drmaa2.io/session': 'nightly', 'drmaa2.io/job': 'drmaa2-abc123' } },
        binaryData: { 'config.yaml': b64('a: 1') },
      },
      {
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name: 'drmaa2-abc123-stage-1', namespace: 'batch', labels: { 'app.kubernetes.io/managed-by': 'drmaa2', 'drmaa2.io/session': 'nightly', 'drmaa2.io/job': 'drmaa2-abc123' } },
        type: 'Opaque',
        data: { token: b64('s3cr3t') },
      },
    ]);
    expect(podSpec(result).volumes).toEqual([
      { name: 'stage-0', configMap: { name: 'drmaa2-abc123-stage-0' } },
      { name: 'stage-1', secret: { secretName: 'drmaa2-abc123-stage-1' } },
    ]);
    expect(container(result).volumeMounts).toEqual([
      { name: 'stage-0', mountPath: '/etc/app/config.yaml', subPath: 'config.yaml', readOnly: true },
      { name: 'stage-1', mountPath: '/run/secrets/token', subPath: 'token', readOnly: true },
    ]);
  });

  test('secret payloads never appear in the Job, its annotations or the stored template', () => {
    const payload = b64('the-password-is-swordfish');
    const result = plan({ stageInFiles: { '/run/secret': `secret-data:${payload}` } });
    expect(JSON.stringify(result.job)).not.toContain(payload);
    const stored = templateFromAnnotation(result.job);
    expect(stored?.stageInFiles).toEqual({ '/run/secret': REDACTED_SECRET });
  });

  test('existing objects and volumes: configmap:, secret:, pvc:, hostpath:, nfs:, gce-disk:, gce-disk-read:', () => {
    const result = plan({
      stageInFiles: {
        '/cfg': 'configmap:app-config',
        '/sec': 'secret:app-secret',
        '/data': 'pvc:shared-data',
        '/host': 'hostpath:/var/data',
        '/nfs': 'nfs:filer.example.org:/exports/x',
        '/pd': 'gce-disk:disk-1',
        '/pdr': 'gce-disk-read:disk-2',
      },
    });
    expect(result.staged).toEqual([]);
    expect(podSpec(result).volumes).toEqual([
      { name: 'stage-0', configMap: { name: 'app-config' } },
      { name: 'stage-1', secret: { secretName: 'app-secret' } },
      { name: 'stage-2', persistentVolumeClaim: { claimName: 'shared-data' } },
      { name: 'stage-3', hostPath: { path: '/var/data' } },
      { name: 'stage-4', nfs: { server: 'filer.example.org', path: '/exports/x' } },
      { name: 'stage-5', gcePersistentDisk: { pdName: 'disk-1', readOnly: false } },
      { name: 'stage-6', gcePersistentDisk: { pdName: 'disk-2', readOnly: true } },
    ]);
    expect(container(result).volumeMounts?.map((mount) => [mount.mountPath, mount.readOnly])).toEqual([
      ['/cfg', true], ['/sec', true], ['/data', undefined], ['/host', undefined], ['/nfs', undefined], ['/pd', undefined], ['/pdr', true],
    ]);
  });

  test('storageclass: creates a claim (default 1Gi, or the given size)', () => {
    const result = plan({ stageInFiles: { '/scratch': 'storageclass:fast' }, stageOutFiles: { '/results': 'storageclass:standard:20Gi' } });
    expect(result.staged.map((object) => object.kind === 'PersistentVolumeClaim' && object.spec)).toEqual([
      { storageClassName: 'fast', accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
      { storageClassName: 'standard', accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '20Gi' } } },
    ]);
    expect(podSpec(result).volumes?.[1]).toEqual({ name: 'stage-1', persistentVolumeClaim: { claimName: 'drmaa2-abc123-stage-1' } });
  });

  test('stage-out accepts only writable volumes', () => {
    expect(podSpec(plan({ stageOutFiles: { '/out': 'pvc:results' } })).volumes).toEqual([{ name: 'stage-0', persistentVolumeClaim: { claimName: 'results' } }]);
    expectRejected({ stageOutFiles: { '/out': `configmap-data:${b64('x')}` } }, 'stageOutFiles["/out"]');
  });

  const bad: [Record<string, string>, string][] = [
    [{ relative: 'pvc:x' }, 'stageInFiles["relative"]'],
    [{ '/a:b': 'pvc:x' }, 'stageInFiles["/a:b"]'],
    [{ '/a/../b': 'pvc:x' }, 'stageInFiles["/a/../b"]'],
    [{ '/x': '/local/file' }, 'stageInFiles["/x"]'],
    [{ '/x': 'configmap-data:not base64!' }, 'stageInFiles["/x"]'],
    [{ '/x': 'secret-data:abc' }, 'stageInFiles["/x"]'],
    [{ '/': `configmap-data:${b64('x')}` }, 'stageInFiles["/"]'],
    [{ '/x': 'configmap:Bad_Name' }, 'stageInFiles["/x"]'],
    [{ '/x': 'hostpath:relative' }, 'stageInFiles["/x"]'],
    [{ '/x': 'hostpath:/a/../etc' }, 'stageInFiles["/x"]'],
    [{ '/': 'pvc:root' }, 'stageInFiles["/"]'],
    [{ '/x': 'nfs:server-only' }, 'stageInFiles["/x"]'],
    [{ '/x': 'storageclass:fast:lots' }, 'stageInFiles["/x"]'],
    [{ '/x': 'pvc:a', '/x/': 'pvc:b' }, 'stageInFiles["/x/"]'],
  ];
  test.each(bad)('bad staging %j is INVALID_ARGUMENT naming %s', (files, field) => {
    expectRejected({ stageInFiles: files }, field);
  });

  test('the error for bad secret data does not quote the payload', () => {
    let message = '';
    try {
      plan({ stageInFiles: { '/x': 'secret-data:c2VjcmV0!!' } });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('JobTemplate.stageInFiles');
    expect(message).not.toContain('c2VjcmV0');
  });
});

describe('templateFromAnnotation', () => {
  test('round-trips the template with Dates restored', () => {
    const template = {
      remoteCommand: '/bin/echo',
      args: ['a', '$b'],
      jobCategory: 'busybox:1.36',
      jobName: 'x',
      startTime: new Date(SUBMITTED_AT.getTime() + 60_000),
      deadlineTime: new Date(SUBMITTED_AT.getTime() + 120_000),
      jobEnvironment: { A: 'b' },
      extensions: { labels: 'a=b' },
      resourceLimits: { WALLCLOCK_TIME: 10 },
    };
    expect(templateFromAnnotation(plan(template).job)).toEqual(template);
  });

  test('returns undefined for missing or malformed annotations', () => {
    expect(templateFromAnnotation({})).toBeUndefined();
    for (const text of ['not json', '[]', '{"args":[]}', '{"remoteCommand":"x","startTime":"never"}']) {
      expect(templateFromAnnotation({ metadata: { annotations: { [AnnotationKey.Template]: text } } })).toBeUndefined();
    }
  });
});
