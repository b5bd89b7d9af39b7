import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JobState } from '@drmaa2/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHarness, testImage, type SimHarness } from '../support/sim-harness.js';

let h: SimHarness | undefined;
let dir = '';
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'drmaa2-task-id-'));
});
afterEach(async () => {
  await h?.close();
  h = undefined;
  await rm(dir, { recursive: true, force: true });
});

describe('array members on the process kubelet (real /bin/sh)', () => {
  it('each member gets TASK_ID = begin + index × step', async () => {
    h = await startHarness({ sim: { kubelet: { mode: 'process' } } });
    const array = await h.session.runBulkJobs({ remoteCommand: '/bin/sh', args: ['-c', 'exit $TASK_ID'], jobCategory: testImage }, 3, 7, 2);
    for (const job of array.getJobs()) await job.waitTerminated();
    const infos = await Promise.all(array.getJobs().map((job) => job.getJobInfo()));
    expect(infos.map((info) => [(info.jobId ?? '').slice((info.jobId ?? '').indexOf('[')), info.jobState, info.exitStatus])).toEqual([
      ['[3]', JobState.Failed, 3],
      ['[5]', JobState.Failed, 5],
      ['[7]', JobState.Failed, 7],
    ]);
  });

  it('the launcher passes the command line through untouched', async () => {
    h = await startHarness({ sim: { kubelet: { mode: 'process' } } });
    const args = ['$HOME', '$(TASK_ID)', 'two words', '"quoted"', '; exit 9'];
    const array = await h.session.runBulkJobs({ remoteCommand: 'printf', args: ['%s\n', ...args], jobCategory: testImage, outputPath: join(dir, 'm$DRMAA2_INDEX$.out') }, 1, 1, 1);
    const [job] = array.getJobs();
    await job!.waitTerminated();
    expect((await job!.getJobInfo()).jobState).toBe(JobState.Done);
    expect(await readFile(join(dir, 'm1.out'), 'utf8')).toBe(`${args.join('\n')}\n`);
  });
});
