import { ErrorCode, JobState } from '@drmaa2/core';
import type { ResourceName } from '@drmaa2/kube-sim';
import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, testImage, type SimHarness } from '../support/sim-harness.js';

let h: SimHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const secret = 'hunter2-very-secret';
const payload = Buffer.from(secret).toString('base64');
const resources: ResourceName[] = ['namespaces', 'nodes', 'pods', 'configmaps', 'secrets', 'persistentvolumeclaims', 'events', 'jobs'];

/** Everything kube-sim stores, as JSON, except the `data` of the Secrets the secret belongs in. */
function everythingStoredButSecretData(sim: SimHarness['sim']): string {
  return resources
    .flatMap((resource) => sim.store.list(resource).map((object) => (resource === 'secrets' ? { ...object, data: undefined } : object)))
    .map((object) => JSON.stringify(object))
    .join('\n');
}

describe('secret-data: content', () => {
  it('lives only in its Secret: not in annotations, stored templates, events, JobInfo or errors', async () => {
    const errors: Error[] = [];
    h = await startHarness({ tracker: { onBackgroundError: (error) => errors.push(error) } });
    const template = { remoteCommand: 'true', jobCategory: testImage, stageInFiles: { '/run/secret/token': `secret-data:${payload}` } };
    const job = await h.session.runJob(template);
    await job.waitTerminated();
    const array = await h.session.runBulkJobs(template, 1, 2, 1);
    for (const member of array.getJobs()) await member.waitTerminated();

    const stored = h.sim.store.list('secrets').filter((object) => JSON.stringify(object).includes(payload));
    expect(stored).toHaveLength(2);
    const visible = [
      everythingStoredButSecretData(h.sim),
      JSON.stringify(await job.getJobTemplate()),
      JSON.stringify(await array.getJobTemplate()),
      JSON.stringify(await job.getJobInfo()),
      JSON.stringify(await h.session.getJobs()),
    ].join('\n');
    expect(visible).not.toContain(payload);
    expect(visible).not.toContain(secret);
    expect((await job.getJobTemplate()).stageInFiles).toEqual({ '/run/secret/token': 'secret-data:<redacted>' });

    const refusals = await Promise.all([
      h.session.runJob({ ...template, stageInFiles: { 'relative/path': `secret-data:${payload}` } }).catch((error: unknown) => error),
      h.session.runJob({ ...template, stageInFiles: { '/x': `secret-data:${payload}!!not-base64` } }).catch((error: unknown) => error),
    ]);
    for (const refusal of refusals) {
      expect(refusal).toMatchObject({ code: ErrorCode.InvalidArgument });
      expect(String(refusal)).not.toContain(payload);
      expect(String(refusal)).not.toContain(secret);
    }
    expect((await job.getJobInfo()).jobState).toBe(JobState.Done);
    expect(errors).toEqual([]);
  });
});
