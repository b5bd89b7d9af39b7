import { spawn } from 'node:child_process';
import { access } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { JobState } from '@drmaa2/core';
import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type SimHarness } from '../support/sim-harness.js';

let h: SimHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const submitter = fileURLToPath(new URL('../fixtures/submitter.mjs', import.meta.url));
const built = fileURLToPath(new URL('../../dist/index.js', import.meta.url));

/** Runs the submitter until it reported `extra` jobs after its first ones, kills it (SIGKILL), and returns the ids it reported. */
async function submitThenKill(kubeconfigPath: string, sessionName: string, startTime: Date, extra: number): Promise<string[]> {
  const child = spawn(process.execPath, [submitter, kubeconfigPath, sessionName, startTime.toISOString()], { stdio: ['ignore', 'pipe', 'inherit'] });
  const ids: string[] = [];
  let afterReady = -1;
  for await (const line of createInterface({ input: child.stdout })) {
    if (line === 'ready') afterReady = 0;
    else if (line.startsWith('job ')) {
      ids.push(line.slice(4));
      if (afterReady >= 0) afterReady += 1;
    }
    if (afterReady >= extra) break;
  }
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
  return ids;
}

describe('a submitting process killed mid-run', () => {
  it('loses nothing: a new process reopens the session and finds every job, its state and info; held jobs start on time', async () => {
    await access(built).catch(() => {
      throw new Error('the restart test runs the built package: run `pnpm build` first (pnpm test does)');
    });
    h = await startHarness();
    const startTime = new Date(Date.now() + 3000);
    const reported = await submitThenKill(h.sim.kubeconfigPath, 'restart', startTime, 5);

    const session = await h.newManager().openJobSession('restart');
    const jobs = await session.getJobs();
    const found = new Set(jobs.map((job) => job.id));
    for (const id of reported) expect(found).toContain(id);
    expect(h.sim.stats().objects.Job).toBe(found.size - 2);
    for (const job of jobs) await job.waitTerminated();
    const infos = await Promise.all(jobs.map((job) => job.getJobInfo()));
    for (const info of infos) {
      expect(info.jobState).toBe(JobState.Done);
      expect(info.submissionTime).toBeInstanceOf(Date);
    }
    const held = infos.find((info) => info.jobName === 'held');
    expect(held?.dispatchTime?.getTime()).toBeGreaterThanOrEqual(Math.floor(startTime.getTime() / 1000) * 1000);
  });
});
