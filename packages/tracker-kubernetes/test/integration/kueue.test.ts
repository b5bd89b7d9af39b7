import { JobState } from '@drmaa2/core';
import { afterEach, describe, expect, it } from 'vitest';
import { splitId, startReadmeHarness, storedJob, type ReadmeHarness } from '../support/readme-harness.js';
import { testImage } from '../support/sim-harness.js';

let h: ReadmeHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const queueLabel = 'kueue.x-k8s.io/queue-name';

/** What Kueue does when it admits a Job: it lifts the suspension. */
function admit(harness: ReadmeHarness, jobId: string): void {
  const { namespace, name } = splitId(jobId);
  harness.sim.store.mutate('jobs', namespace, name, (job) => {
    (job.spec as Record<string, unknown>).suspend = false;
  });
}

describe('Kueue LocalQueues (kueue.enabled)', () => {
  it('queues are the configured LocalQueues; a held job joins its queue on release and runs once Kueue admits it', async () => {
    h = await startReadmeHarness({ tracker: { kueue: { enabled: true }, queues: ['team-queue', 'gpu-queue'] } });
    const monitoring = await h.sm.openMonitoringSession();
    expect((await monitoring.getAllQueues()).map((queue) => queue.name)).toEqual(['team-queue', 'gpu-queue']);
    await expect(h.session.runJob({ remoteCommand: 'true', jobCategory: testImage, queueName: 'other' })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });

    const job = await h.session.runJob({ remoteCommand: 'true', jobCategory: testImage, queueName: 'team-queue', submitAsHold: true });
    expect(splitId(job.id).namespace).toBe('default');
    expect(storedJob(h, job.id).metadata.labels?.[queueLabel]).toBeUndefined();
    expect(await job.getState()).toEqual({ state: JobState.QueuedHeld, subState: 'Held' });

    await job.release();
    expect(storedJob(h, job.id).metadata.labels?.[queueLabel]).toBe('team-queue');
    expect(storedJob(h, job.id).spec.suspend).toBe(true);
    expect(await job.getState()).toEqual({ state: JobState.Queued, subState: 'WaitingForAdmission' });

    admit(h, job.id);
    await job.waitTerminated();
    expect(await job.getState()).toEqual({ state: JobState.Done });
    expect(h.statesOf(job.id)).toEqual(['QUEUED_HELD/Held', 'QUEUED/WaitingForAdmission', 'RUNNING/', 'DONE/']);
    expect((await job.getJobInfo()).queueName).toBe('team-queue');
  });
});
