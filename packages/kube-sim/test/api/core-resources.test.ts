import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoreV1Event, V1PersistentVolumeClaim } from '@kubernetes/client-node';
import { apiFailure, raw, startTestSim, type TestSim } from '../support/test-sim.js';

let t: TestSim;
beforeAll(async () => {
  t = await startTestSim({ namespaces: ['res'] });
});
afterAll(async () => {
  await t.sim.stop();
});

const pvc = (name: string, spec: V1PersistentVolumeClaim['spec']): V1PersistentVolumeClaim => ({ metadata: { name }, spec });

describe('persistentvolumeclaims and events through client-node', () => {
  it('a PVC is created Pending with volumeMode Filesystem, listed, read through /status and deleted', async () => {
    const created = await t.core.createNamespacedPersistentVolumeClaim({
      namespace: 'res',
      body: pvc('scratch', { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } }),
    });
    expect(created.kind).toBe('PersistentVolumeClaim');
    expect(created.spec?.volumeMode).toBe('Filesystem');
    expect(created.status?.phase).toBe('Pending');
    expect((await t.core.listNamespacedPersistentVolumeClaim({ namespace: 'res' })).items.map((p) => p.metadata?.name)).toEqual(['scratch']);
    const status = await t.core.readNamespacedPersistentVolumeClaimStatus({ name: 'scratch', namespace: 'res' });
    expect(status.status?.phase).toBe('Pending');
    const ignored = await raw(t.sim, 'PATCH', '/api/v1/namespaces/res/persistentvolumeclaims/scratch', { status: { phase: 'Bound' } }, { contentType: 'application/merge-patch+json' });
    expect(ignored.json<{ status: { phase: string } }>().status.phase).toBe('Pending');
    await t.core.deleteNamespacedPersistentVolumeClaim({ name: 'scratch', namespace: 'res' });
    expect(t.sim.store.get('persistentvolumeclaims', 'res', 'scratch')).toBeUndefined();
    expect(t.sim.stats().requests.byResource).toMatchObject({
      persistentvolumeclaims: { create: 1, list: 1, patch: 1, delete: 1 },
      'persistentvolumeclaims/status': { get: 1 },
    });
  });

  it('a PVC without access modes or storage request is 422 with both causes', async () => {
    const failure = await apiFailure(t.core.createNamespacedPersistentVolumeClaim({ namespace: 'res', body: pvc('bad', {}) }));
    expect(failure.code).toBe(422);
    expect(failure.body.message).toBe(
      'PersistentVolumeClaim "bad" is invalid: [spec.accessModes: Required value: at least 1 access mode is required, spec.resources[storage]: Required value]',
    );
    expect((failure.body.details as { causes: { reason: string; field: string }[] }).causes.map((c) => [c.reason, c.field])).toEqual([
      ['FieldValueRequired', 'spec.accessModes'],
      ['FieldValueRequired', 'spec.resources[storage]'],
    ]);
  });

  it('events need involvedObject and are selectable by involvedObject fields', async () => {
    const event = (name: string, object: string): CoreV1Event => ({
      metadata: { name },
      involvedObject: { kind: 'Job', namespace: 'res', name: object },
      reason: 'Test',
      message: `about ${object}`,
      type: 'Normal',
    });
    await t.core.createNamespacedEvent({ namespace: 'res', body: event('e1', 'alpha') });
    await t.core.createNamespacedEvent({ namespace: 'res', body: event('e2', 'beta') });
    const selected = await t.core.listNamespacedEvent({ namespace: 'res', fieldSelector: 'involvedObject.kind=Job,involvedObject.name=beta' });
    expect(selected.items.map((e) => e.metadata?.name)).toEqual(['e2']);
    const missing = await raw(t.sim, 'POST', '/api/v1/namespaces/res/events', { metadata: { name: 'e3' } });
    expect(missing.status).toBe(422);
    expect(missing.json<{ details: { causes: { field: string }[] } }>().details.causes.map((c) => c.field)).toEqual(['involvedObject']);
  });
});
