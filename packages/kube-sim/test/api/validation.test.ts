import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobBody, podBody, raw, startTestSim, type TestSim } from '../support/test-sim.js';

let t: TestSim;
beforeAll(async () => {
  t = await startTestSim({ namespaces: ['v'] });
});
afterAll(async () => {
  await t.sim.stop();
});

type Causes = { details: { causes: { reason: string; field: string; message: string }[] } };
const post = (path: string, body: unknown): ReturnType<typeof raw> => raw(t.sim, 'POST', path, body);
const CMS = '/api/v1/namespaces/v/configmaps';

describe('checklist 2/3 and §5: names, labels, annotations and sizes with the real rules', () => {
  it('object names are DNS-1123 subdomains (253), namespaces DNS-1123 labels (63)', async () => {
    expect((await post(CMS, { metadata: { name: 'a.b-c' } })).status).toBe(201);
    const upper = await post(CMS, { metadata: { name: 'Upper' } });
    expect(upper.status).toBe(422);
    const cause = upper.json<Causes>().details.causes[0];
    expect(cause?.reason).toBe('FieldValueInvalid');
    expect(cause?.field).toBe('metadata.name');
    expect(cause?.message).toContain('Invalid value: "Upper": a lowercase RFC 1123 subdomain must consist of');
    expect((await post(CMS, { metadata: { name: 'x'.repeat(254) } })).status).toBe(422);
    expect((await post('/api/v1/namespaces', { metadata: { name: 'dotted.ns' } })).status).toBe(422);
    expect((await post('/api/v1/namespaces', { metadata: { name: 'n'.repeat(63) } })).status).toBe(201);
  });

  it('label keys and values', async () => {
    expect((await post(CMS, { metadata: { name: 'l1', labels: { 'example.com/ok_key.x': 'v-1.2_3', empty: '' } } })).status).toBe(201);
    for (const labels of [{ 'bad key': 'v' }, { k: '-starts-with-dash' }, { k: 'v'.repeat(64) }, { ['p'.repeat(64)]: 'v' }, { 'a/b/c': 'v' }]) {
      const res = await post(CMS, { metadata: { name: 'l2', labels } });
      expect(res.status, JSON.stringify(labels)).toBe(422);
      expect(res.json<Causes>().details.causes[0]?.field).toBe('metadata.labels');
    }
  });

  it('annotations total at most 256 KiB', async () => {
    const ok = await post(CMS, { metadata: { name: 'ann-ok', annotations: { a: 'x'.repeat(262143) } } });
    expect(ok.status).toBe(201);
    const big = await post(CMS, { metadata: { name: 'ann-big', annotations: { a: 'x'.repeat(262143), b: 'y' } } });
    expect(big.status).toBe(422);
    expect(big.json<Causes>().details.causes[0]).toEqual({ reason: 'FieldValueTooLong', field: 'metadata.annotations', message: 'Too long: may not be more than 262144 bytes' });
  });

  it('ConfigMap data at most 1 MiB and keys [-._a-zA-Z0-9]+', async () => {
    expect((await post(CMS, { metadata: { name: 'cm-ok' }, data: { k: 'x'.repeat(1048575) } })).status).toBe(201);
    const big = await post(CMS, { metadata: { name: 'cm-big' }, data: { k: 'x'.repeat(1048575), k2: 'y' } });
    expect(big.status).toBe(422);
    expect(big.json<Causes>().details.causes[0]?.reason).toBe('FieldValueTooLong');
    expect((await post(CMS, { metadata: { name: 'cm-key' }, data: { 'bad/key': 'x' } })).status).toBe(422);
  });

  it('immutable ConfigMaps reject data changes', async () => {
    await post(CMS, { metadata: { name: 'frozen' }, data: { a: '1' }, immutable: true });
    const res = await raw(t.sim, 'PATCH', `${CMS}/frozen`, { data: { a: '2' } }, { contentType: 'application/merge-patch+json' });
    expect(res.status).toBe(422);
    expect(res.json<Causes>().details.causes[0]?.reason).toBe('FieldValueForbidden');
  });

  it('Secrets: stringData becomes base64 data (write-only), type Opaque, 1 MiB limit, bad base64 is 400', async () => {
    const res = await post('/api/v1/namespaces/v/secrets', { metadata: { name: 's' }, stringData: { user: 'admin' }, data: { other: Buffer.from('x').toString('base64') } });
    expect(res.status).toBe(201);
    const secret = res.json<{ data: Record<string, string>; type: string; stringData?: unknown }>();
    expect(secret.data).toEqual({ user: Buffer.from('admin').toString('base64'), other: 'eA==' });
    expect(secret.type).toBe('Opaque');
    expect(secret.stringData).toBeUndefined();
    const big = await post('/api/v1/namespaces/v/secrets', { metadata: { name: 's-big' }, stringData: { k: 'x'.repeat(1048577) } });
    expect(big.status).toBe(422);
    expect((await post('/api/v1/namespaces/v/secrets', { metadata: { name: 's-bad' }, data: { k: 'not base64!' } })).status).toBe(400);
  });

  it('Pods: container names, images, duplicates, env names, restartPolicy; defaults and status on create', async () => {
    const bad = podBody('bad-pod', { containers: ['Main', 'Main'] });
    (bad.spec as { containers: Record<string, unknown>[] }).containers[0]!.image = '';
    (bad.spec as { containers: Record<string, unknown>[] }).containers[1]!.env = [{ name: '1bad', value: 'x' }];
    const res = await post('/api/v1/namespaces/v/pods', bad);
    expect(res.status).toBe(422);
    const fields = res.json<Causes>().details.causes.map((c) => `${c.field}:${c.reason}`);
    expect(fields).toEqual([
      'spec.containers[0].name:FieldValueInvalid',
      'spec.containers[0].image:FieldValueRequired',
      'spec.containers[1].name:FieldValueInvalid',
      'spec.containers[1].name:FieldValueDuplicate',
      'spec.containers[1].env[0].name:FieldValueInvalid',
    ]);
    const ok = await post('/api/v1/namespaces/v/pods', podBody('good-pod'));
    const pod = ok.json<{ metadata: { generation: number }; spec: Record<string, unknown>; status: unknown }>();
    expect(pod.metadata.generation).toBe(1);
    expect(pod.status).toEqual({ phase: 'Pending', qosClass: 'BestEffort' });
    expect(pod.spec).toMatchObject({ serviceAccountName: 'default', dnsPolicy: 'ClusterFirst', enableServiceLinks: true, priority: 0 });
  });

  it('Pods: volume mounts name an existing volume with a unique mountPath; subPath and items paths stay inside the volume', async () => {
    const bad = podBody('mounts');
    const spec = bad.spec as { volumes?: unknown[]; containers: Record<string, unknown>[] };
    spec.volumes = [
      { name: 'conf', configMap: { name: 'cm', items: [{ key: 'a', path: '../../etc/passwd' }, { key: '', path: '/abs' }, { key: 'c', path: '..hidden' }] } },
      { name: 'keys', secret: { secretName: 's', items: [{ key: 'k', path: 'ok/nested' }] } },
    ];
    spec.containers[0]!.volumeMounts = [
      { name: 'conf', mountPath: '/etc/app', subPath: '../up' },
      { name: 'missing', mountPath: '/etc/app' },
      { name: 'keys', mountPath: '' },
    ];
    const res = await post('/api/v1/namespaces/v/pods', bad);
    expect(res.status).toBe(422);
    expect(res.json<Causes>().details.causes.map((c) => `${c.field}:${c.reason}:${c.message}`)).toEqual([
      `spec.volumes[0].configMap.items[0].path:FieldValueInvalid:Invalid value: "../../etc/passwd": must not contain '..'`,
      'spec.volumes[0].configMap.items[1].key:FieldValueRequired:Required value',
      'spec.volumes[0].configMap.items[1].path:FieldValueInvalid:Invalid value: "/abs": must be a relative path',
      `spec.volumes[0].configMap.items[2].path:FieldValueInvalid:Invalid value: "..hidden": must not start with '..'`,
      `spec.containers[0].volumeMounts.subPath:FieldValueInvalid:Invalid value: "../up": must not contain '..'`,
      'spec.containers[0].volumeMounts[1].name:FieldValueNotFound:Not found: "missing"',
      'spec.containers[0].volumeMounts[1].mountPath:FieldValueInvalid:Invalid value: "/etc/app": must be unique',
      'spec.containers[0].volumeMounts[2].mountPath:FieldValueRequired:Required value',
    ]);
    expect(t.sim.store.get('pods', 'v', 'mounts')).toBeUndefined();
    const job = jobBody('job-mounts');
    const tspec = (job.spec as { template: { spec: { containers: Record<string, unknown>[] } } }).template.spec;
    tspec.containers[0]!.volumeMounts = [{ name: 'nope', mountPath: '/data' }];
    const jobRes = await post('/apis/batch/v1/namespaces/v/jobs', job);
    expect(jobRes.status).toBe(422);
    expect(jobRes.json<Causes>().details.causes.map((c) => c.field)).toEqual(['spec.template.spec.containers[0].volumeMounts[0].name']);
  });

  it('§6 quantities: requests/limits are written in canonical form; bad ones give 400, request > limit 422', async () => {
    const body = podBody('quant');
    (body.spec as { containers: Record<string, unknown>[] }).containers[0]!.resources = {
      requests: { cpu: '1.5', memory: '1.5Gi' },
      limits: { cpu: '2000m', memory: '2048Mi', 'nvidia.com/gpu': 1 },
    };
    const res = await post('/api/v1/namespaces/v/pods', body);
    expect(res.status).toBe(201);
    const created = res.json<{ spec: { containers: { resources: unknown }[] }; status: { qosClass: string } }>();
    expect(created.spec.containers[0]?.resources).toEqual({
      requests: { cpu: '1500m', memory: '1536Mi' },
      limits: { cpu: '2', memory: '2Gi', 'nvidia.com/gpu': '1' },
    });
    expect(created.status.qosClass).toBe('Burstable');
    const bad = podBody('quant-bad');
    (bad.spec as { containers: Record<string, unknown>[] }).containers[0]!.resources = { requests: { cpu: 'lots' } };
    const badRes = await post('/api/v1/namespaces/v/pods', bad);
    expect(badRes.status).toBe(400);
    expect(badRes.json<{ message: string }>().message).toContain('quantities must match the regular expression');
    const over = jobBody('quant-over');
    (over.spec as { template: { spec: { containers: Record<string, unknown>[] } } }).template.spec.containers[0]!.resources = { requests: { cpu: '2' }, limits: { cpu: '1' } };
    const overRes = await post('/apis/batch/v1/namespaces/v/jobs', over);
    expect(overRes.status).toBe(422);
    expect(overRes.json<Causes>().details.causes[0]?.field).toBe('spec.template.spec.containers[0].resources.requests');
  });

  it('Job names over 63 fail on labels; Indexed needs <name>-<completions-1> to be a DNS label', async () => {
    const res = await post('/apis/batch/v1/namespaces/v/jobs', jobBody('i'.repeat(62), { completionMode: 'Indexed', completions: 10 }));
    expect(res.status).toBe(422);
    expect(res.json<Causes>().details.causes.map((c) => c.field)).toEqual(['metadata.name']);
  });
});
