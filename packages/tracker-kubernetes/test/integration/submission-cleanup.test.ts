import { ErrorCode, JobState } from '@drmaa2/core';
import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, testImage, type SimHarness } from '../support/sim-harness.js';

let h: SimHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const staged = { remoteCommand: 'sleep', args: ['3600'], jobCategory: testImage, stageInFiles: { '/data/in.txt': 'configmap-data:aGVsbG8=' } };

describe('a submission whose create got no answer', () => {
  it('the Job the server made anyway is found and deleted, with its staged ConfigMap', async () => {
    h = await startHarness({ tracker: { maxRetries: 0 } });
    h.sim.faults.add({ match: { verb: 'create', resource: 'jobs', times: 1 }, action: { type: 'reset', when: 'after' } });
    h.sim.resetStats();
    await expect(h.session.runJob(staged)).rejects.toMatchObject({ code: ErrorCode.DrmCommunication });
    expect(h.sim.stats().objects.Job ?? 0).toBe(0);
    expect(h.sim.stats().objects.ConfigMap).toBe(1); // the session record only
    expect(h.sim.stats().requests.byResource.jobs).toEqual({ create: 1, get: 1, delete: 1 });
    expect(h.sim.stats().requests.byResource.configmaps).toEqual({ create: 1, delete: 1 });
    expect(await h.session.getJobs()).toEqual([]);
  });

  it('the Job the failed submission made and removed is never shown as a job, not even UNDETERMINED', async () => {
    h = await startHarness({ tracker: { maxRetries: 0 } });
    const states: string[] = [];
    h.sm.registerEventNotification((event) => states.push(event.jobState));
    h.sim.faults.add({ match: { verb: 'create', resource: 'jobs', times: 1 }, action: { type: 'reset', when: 'after' } });
    await expect(h.session.runJob({ remoteCommand: 'true', jobCategory: testImage })).rejects.toMatchObject({ code: ErrorCode.DrmCommunication });
    // A later job's events come after the removed Job's on the same watch.
    const later = await h.session.runJob({ remoteCommand: 'true', jobCategory: testImage });
    await later.waitTerminated();
    const monitoring = await h.sm.openMonitoringSession();
    expect((await monitoring.getAllJobs()).map((job) => job.id)).toEqual([later.id]);
    expect(states).not.toContain(JobState.Undetermined);
  });

  it('a staged object the server made anyway is found and deleted; the Job is never created', async () => {
    h = await startHarness({ tracker: { maxRetries: 0 } });
    h.sim.faults.add({ match: { verb: 'create', resource: 'configmaps', times: 1 }, action: { type: 'reset', when: 'after' } });
    h.sim.resetStats();
    await expect(h.session.runJob(staged)).rejects.toMatchObject({ code: ErrorCode.DrmCommunication });
    expect(h.sim.stats().objects.ConfigMap).toBe(1);
    expect(h.sim.stats().requests.byResource.configmaps).toEqual({ create: 1, get: 1, delete: 1 });
    expect(h.sim.stats().requests.byResource.jobs ?? {}).toEqual({});
  });

  it('a Job the API server refused (422) costs no extra read; the staged ConfigMap is deleted', async () => {
    h = await startHarness({ tracker: { maxRetries: 0 } });
    h.sim.resetStats();
    await expect(h.session.runJob({ ...staged, extensions: { podSpecPatch: '{"terminationGracePeriodSeconds":-5}' } })).rejects.toMatchObject({
      code: ErrorCode.InvalidArgument,
    });
    expect(h.sim.stats().objects.ConfigMap).toBe(1);
    expect(h.sim.stats().requests.byResource.jobs).toEqual({ create: 1 });
    expect(h.sim.stats().requests.byResource.configmaps).toEqual({ create: 1, delete: 1 });
  });
});
