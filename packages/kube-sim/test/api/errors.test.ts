import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobBody, podBody, raw, startTestSim, type TestSim } from '../support/test-sim.js';

let t: TestSim;
beforeAll(async () => {
  t = await startTestSim({ namespaces: ['doomed'] });
});
afterAll(async () => {
  await t.sim.stop();
});

describe('checklist 6: 404 Status with the exact details shape, for objects and namespaces', () => {
  it('missing Job', async () => {
    const res = await raw(t.sim, 'GET', '/apis/batch/v1/namespaces/default/jobs/x');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(res.json()).toEqual({
      kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'jobs.batch "x" not found',
      reason: 'NotFound', details: { name: 'x', group: 'batch', kind: 'jobs' }, code: 404,
    });
  });

  it('missing core object has no group', async () => {
    const res = await raw(t.sim, 'DELETE', '/api/v1/namespaces/default/pods/nope');
    expect(res.json()).toEqual({
      kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'pods "nope" not found',
      reason: 'NotFound', details: { name: 'nope', kind: 'pods' }, code: 404,
    });
  });

  it('create in a missing namespace names the namespace', async () => {
    const res = await raw(t.sim, 'POST', '/apis/batch/v1/namespaces/ghost/jobs', jobBody('j'));
    expect(res.status).toBe(404);
    expect(res.json()).toEqual({
      kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'namespaces "ghost" not found',
      reason: 'NotFound', details: { name: 'ghost', kind: 'namespaces' }, code: 404,
    });
  });
});

describe('other error Statuses', () => {
  it('401 without the bearer token, with a Status body', async () => {
    const res = await raw(t.sim, 'GET', '/api/v1/namespaces', undefined, { token: null });
    expect(res.status).toBe(401);
    expect(res.json()).toEqual({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'Unauthorized', reason: 'Unauthorized', code: 401 });
    const wrong = await raw(t.sim, 'GET', '/api/v1/namespaces', undefined, { token: 'wrong' });
    expect(wrong.status).toBe(401);
  });

  it('400 for a body/URL namespace mismatch; 404 for unknown paths; 405 for a PUT on a collection', async () => {
    const body = jobBody('mismatch', {}, { namespace: 'other' });
    const res = await raw(t.sim, 'POST', '/apis/batch/v1/namespaces/default/jobs', body);
    expect(res.status).toBe(400);
    expect(res.json<{ reason: string; message: string }>()).toMatchObject({
      reason: 'BadRequest', message: 'the namespace of the provided object does not match the namespace sent on the request',
    });
    const unknown = await raw(t.sim, 'GET', '/apis/apps/v1/deployments');
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toBe('application/json');
    const put = await raw(t.sim, 'PUT', '/api/v1/namespaces/default/pods', {});
    expect(put.status).toBe(405);
  });

  it('403 NamespaceTerminating while a namespace is held by a finalizer', async () => {
    const pod = podBody('held');
    (pod.metadata as Record<string, unknown>).finalizers = ['example.com/hold'];
    expect((await raw(t.sim, 'POST', '/api/v1/namespaces/doomed/pods', pod)).status).toBe(201);
    const del = await raw(t.sim, 'DELETE', '/api/v1/namespaces/doomed');
    expect(del.status).toBe(200);
    expect(del.json<{ status: { phase: string } }>().status.phase).toBe('Terminating');
    const res = await raw(t.sim, 'POST', '/api/v1/namespaces/doomed/configmaps', { metadata: { name: 'late' } });
    expect(res.status).toBe(403);
    expect(res.json()).toEqual({
      kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure',
      message: 'configmaps "late" is forbidden: unable to create new content in namespace doomed because it is being terminated',
      reason: 'Forbidden',
      details: { name: 'late', kind: 'configmaps', causes: [{ reason: 'NamespaceTerminating', message: 'unable to create new content in namespace doomed because it is being terminated', field: 'metadata.namespace' }] },
      code: 403,
    });
    await raw(t.sim, 'PATCH', '/api/v1/namespaces/doomed/pods/held', { metadata: { finalizers: null } }, { contentType: 'application/merge-patch+json' });
    expect((await raw(t.sim, 'GET', '/api/v1/namespaces/doomed')).status).toBe(404);
  });

  it('415 for protobuf bodies (the simulator speaks JSON only)', async () => {
    const res = await raw(t.sim, 'POST', '/api/v1/namespaces/default/configmaps', 'k8s\u0000...', { contentType: 'application/vnd.kubernetes.protobuf' });
    expect(res.status).toBe(415);
    expect(res.json<{ reason: string }>().reason).toBe('UnsupportedMediaType');
  });

  it('protected namespaces cannot be deleted', async () => {
    const res = await raw(t.sim, 'DELETE', '/api/v1/namespaces/default');
    expect(res.status).toBe(403);
  });

  it('every response carries a Content-Type', async () => {
    for (const path of ['/version', '/api', '/api/v1', '/apis', '/apis/batch', '/apis/batch/v1', '/openapi/v2', '/api/v1/nodes', '/nowhere']) {
      const res = await raw(t.sim, 'GET', path);
      expect(res.headers.get('content-type'), path).toBeTruthy();
    }
  });
});
