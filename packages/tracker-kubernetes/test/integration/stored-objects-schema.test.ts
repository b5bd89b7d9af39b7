import { JobState } from '@drmaa2/core';
import { Job } from 'kubernetes-models/batch/v1';
import { ConfigMap, PersistentVolumeClaim, Secret } from 'kubernetes-models/v1';
import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, testImage, type SimHarness } from '../support/sim-harness.js';

let h: SimHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const models = { jobs: Job, configmaps: ConfigMap, secrets: Secret, persistentvolumeclaims: PersistentVolumeClaim } as const;

/**
 * Validates every object of the tracker (label app.kubernetes.io/managed-by=drmaa2) kube-sim
 * stores, as the last create or patch left it, against the official schema; returns how many.
 */
function validateStored(harness: SimHarness): number {
  let count = 0;
  for (const resource of ['jobs', 'configmaps', 'secrets', 'persistentvolumeclaims'] as const) {
    const Model = models[resource];
    for (const object of harness.sim.store.list(resource, 'default', { labelSelector: 'app.kubernetes.io/managed-by=drmaa2' })) {
      const data = JSON.parse(JSON.stringify(object)) as Record<string, unknown>;
      expect(() => new Model(data as never).validate(), `${resource} ${JSON.stringify(data)}`).not.toThrow();
      count += 1;
    }
  }
  return count;
}

describe('what the tracker leaves in the cluster validates against the official schema', () => {
  it('session records, staged objects with their owner, and Jobs after every control', async () => {
    h = await startHarness({ sim: { kubelet: { mode: 'scripted', script: () => ({ durationMs: 3_600_000, exitCode: 0 }) } } });
    const job = await h.session.runJob({
      remoteCommand: 'sleep',
      args: ['3600'],
      jobCategory: testImage,
      submitAsHold: true,
      deadlineTime: new Date(Date.now() + 3_600_000),
      stageInFiles: { '/in/a.txt': 'configmap-data:aGVsbG8=', '/in/token': 'secret-data:c2VjcmV0' },
      stageOutFiles: { '/out': 'storageclass:standard:2Gi' },
    });
    const array = await h.session.runBulkJobs({ remoteCommand: 'sleep', args: ['3600'], jobCategory: testImage, startTime: new Date(Date.now() + 3_600_000) }, 1, 4, 1, 2);
    // session record, ConfigMap, Secret, PVC, two Jobs
    expect(validateStored(h)).toBe(6);
    await job.release();
    await job.waitStarted();
    expect(validateStored(h)).toBe(6);
    await job.suspend();
    await expect.poll(async () => (await job.getState()).state).toBe(JobState.Suspended);
    await job.resume();
    await job.waitStarted();
    await array.hold();
    await job.terminate();
    await job.waitTerminated();
    expect(validateStored(h)).toBe(6);
    const owned = h.sim.store.list('configmaps', 'default', { labelSelector: 'drmaa2.io/job' });
    expect(owned.map((object) => object.metadata.ownerReferences?.[0]?.kind)).toEqual(['Job']);
  });
});
