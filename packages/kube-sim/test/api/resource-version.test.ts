import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { V1Job } from '@kubernetes/client-node';
import { apiFailure, jobBody, raw, startTestSim, type TestSim } from '../support/test-sim.js';

let t: TestSim;
beforeAll(async () => {
  t = await startTestSim();
});
afterAll(async () => {
  await t.sim.stop();
});

describe('checklist 4: one global RV counter; uid; creationTimestamp in seconds; generation on spec change only', () => {
  it('every write across kinds bumps one counter by one', async () => {
    const before = Number(t.sim.store.resourceVersion);
    const cm = await t.core.createNamespacedConfigMap({ namespace: 'default', body: { metadata: { name: 'rv-a' }, data: { a: '1' } } });
    const job = await t.batch.createNamespacedJob({ namespace: 'default', body: jobBody('rv-job') });
    const cm2 = await t.core.createNamespacedConfigMap({ namespace: 'default', body: { metadata: { name: 'rv-b' } } });
    expect([cm.metadata?.resourceVersion, job.metadata?.resourceVersion, cm2.metadata?.resourceVersion]).toEqual(
      [before + 1, before + 2, before + 3].map(String),
    );
    const list = await raw(t.sim, 'GET', '/api/v1/namespaces/default/configmaps');
    expect(list.json<{ metadata: { resourceVersion: string } }>().metadata.resourceVersion).toBe(String(before + 3));
  });

  it('uid is a UUID and creationTimestamp has whole seconds', async () => {
    const res = await raw(t.sim, 'POST', '/api/v1/namespaces/default/configmaps', { metadata: { name: 'ts' } });
    const meta = res.json<{ metadata: { uid: string; creationTimestamp: string } }>().metadata;
    expect(meta.uid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(meta.creationTimestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  });

  it('generation starts at 1 and grows only when spec changes', async () => {
    const job = await t.batch.createNamespacedJob({ namespace: 'default', body: jobBody('gen', { suspend: true }) });
    expect(job.metadata?.generation).toBe(1);
    const patch = (body: unknown): Promise<{ status: number; gen: number; rv: string }> =>
      raw(t.sim, 'PATCH', '/apis/batch/v1/namespaces/default/jobs/gen', body, { contentType: 'application/merge-patch+json' }).then((r) => {
        const m = r.json<{ metadata: { generation: number; resourceVersion: string } }>().metadata;
        return { status: r.status, gen: m.generation, rv: m.resourceVersion };
      });
    const labels = await patch({ metadata: { labels: { extra: 'yes' } } });
    expect(labels.gen).toBe(1);
    const spec = await patch({ spec: { suspend: false } });
    expect(spec.gen).toBe(2);
    const status = await raw(t.sim, 'PATCH', '/apis/batch/v1/namespaces/default/jobs/gen/status', { status: { active: 0 } }, { contentType: 'application/merge-patch+json' });
    const afterStatus = status.json<{ metadata: { generation: number; resourceVersion: string } }>().metadata;
    expect(afterStatus.generation).toBe(2);
    const noop = await patch({ spec: { suspend: false } });
    expect(noop.rv).toBe(afterStatus.resourceVersion);
  });
});

describe('checklist 5: 409 AlreadyExists, 409 Conflict on stale-RV PUT, generateName + 5 characters', () => {
  it('duplicate create gives AlreadyExists with resource details', async () => {
    await t.batch.createNamespacedJob({ namespace: 'default', body: jobBody('dup') });
    const failure = await apiFailure(t.batch.createNamespacedJob({ namespace: 'default', body: jobBody('dup') }));
    expect(failure.code).toBe(409);
    expect(failure.body).toEqual({
      kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure',
      message: 'jobs.batch "dup" already exists', reason: 'AlreadyExists',
      details: { name: 'dup', group: 'batch', kind: 'jobs' }, code: 409,
    });
  });

  it('PUT with a stale resourceVersion gives Conflict; without one it succeeds', async () => {
    const cm = await t.core.createNamespacedConfigMap({ namespace: 'default', body: { metadata: { name: 'conflict' }, data: { v: '1' } } });
    const stale = cm.metadata?.resourceVersion ?? '';
    await t.core.replaceNamespacedConfigMap({ name: 'conflict', namespace: 'default', body: { ...cm, data: { v: '2' } } });
    const failure = await apiFailure(
      t.core.replaceNamespacedConfigMap({ name: 'conflict', namespace: 'default', body: { ...cm, metadata: { ...cm.metadata, resourceVersion: stale }, data: { v: '3' } } }),
    );
    expect(failure.code).toBe(409);
    expect(failure.body.reason).toBe('Conflict');
    expect(failure.body.message).toBe('Operation cannot be fulfilled on configmaps "conflict": the object has been modified; please apply your changes to the latest version and try again');
    expect(failure.body.details).toEqual({ name: 'conflict', kind: 'configmaps' });
    const job = await t.batch.createNamespacedJob({ namespace: 'default', body: jobBody('put-norv') });
    const copy = { ...job, metadata: { ...job.metadata, resourceVersion: undefined } } as V1Job;
    const jobConflict = await apiFailure(t.batch.replaceNamespacedJob({ name: 'put-norv', namespace: 'default', body: { ...job, metadata: { ...job.metadata, resourceVersion: '1' } } }));
    expect(jobConflict.body.message).toBe('Operation cannot be fulfilled on jobs.batch "put-norv": the object has been modified; please apply your changes to the latest version and try again');
    const replaced = await t.batch.replaceNamespacedJob({ name: 'put-norv', namespace: 'default', body: copy });
    expect(replaced.metadata?.name).toBe('put-norv');
  });

  it('generateName appends 5 characters from the real alphabet (prefix cut to 58)', async () => {
    const names = new Set<string>();
    for (let i = 0; i < 20; i++) {
      const cm = await t.core.createNamespacedConfigMap({ namespace: 'default', body: { metadata: { generateName: 'gen-' } } });
      names.add(cm.metadata?.name ?? '');
      expect(cm.metadata?.name).toMatch(/^gen-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    }
    expect(names.size).toBe(20);
    const long = await t.core.createNamespacedConfigMap({ namespace: 'default', body: { metadata: { generateName: 'x'.repeat(70) } } });
    expect(long.metadata?.name).toHaveLength(63);
    const none = await raw(t.sim, 'POST', '/api/v1/namespaces/default/configmaps', { metadata: {} });
    expect(none.status).toBe(422);
    expect(none.json<{ message: string }>().message).toBe('ConfigMap "" is invalid: metadata.name: Required value: name or generateName is required');
  });
});
