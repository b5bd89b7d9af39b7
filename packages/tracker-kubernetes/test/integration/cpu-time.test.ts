import { JobState } from '@drmaa2/core';
import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, testImage, type SimHarness } from '../support/sim-harness.js';

let h: SimHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('resourceLimits.CPU_TIME on the process kubelet (real /bin/sh)', () => {
  it('a job over its CPU time ends FAILED with SIGXCPU; one within it is DONE with its own exit code', async () => {
    h = await startHarness({ sim: { kubelet: { mode: 'process' } } });
    const spinner = await h.session.runJob({ remoteCommand: '/bin/sh', args: ['-c', 'while :; do :; done'], jobCategory: testImage, resourceLimits: { CPU_TIME: 0.5 } });
    const quick = await h.session.runJob({ remoteCommand: '/bin/sh', args: ['-c', 'exit 0'], jobCategory: testImage, resourceLimits: { CPU_TIME: 60 } });
    await spinner.waitTerminated();
    await quick.waitTerminated();
    expect(await spinner.getJobInfo()).toMatchObject({ jobState: JobState.Failed, exitStatus: 152, terminatingSignal: 'SIGXCPU' });
    expect(await quick.getJobInfo()).toMatchObject({ jobState: JobState.Done, exitStatus: 0 });
  });
});
