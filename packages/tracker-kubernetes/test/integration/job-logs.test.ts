import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ErrorCode, JobState } from '@drmaa2/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHarness, testImage, type SimHarness } from '../support/sim-harness.js';

let h: SimHarness | undefined;
let dir = '';
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'drmaa2-logs-'));
});
afterEach(async () => {
  await h?.close();
  h = undefined;
  await rm(dir, { recursive: true, force: true });
});

const echo = (...words: string[]) => ({ remoteCommand: 'echo', args: words, jobCategory: testImage });
const logReads = (sim: SimHarness['sim']): number => sim.stats().requests.byResource['pods/log']?.get ?? 0;

describe('job logs', () => {
  it('writes the log to outputPath before waitTerminated returns', async () => {
    h = await startHarness();
    const job = await h.session.runJob({ ...echo('hello', 'world'), outputPath: join(dir, 'out.txt') });
    await job.waitTerminated();
    expect(await readFile(join(dir, 'out.txt'), 'utf8')).toBe('hello world\n');
    expect((await job.getJobInfo()).jobState).toBe(JobState.Done);
  });

  it('writes errorPath too unless joinFiles, one read per job', async () => {
    h = await startHarness();
    h.sim.resetStats();
    const split = await h.session.runJob({ ...echo('split'), outputPath: join(dir, 'a.out'), errorPath: join(dir, 'a.err') });
    const joined = await h.session.runJob({ ...echo('joined'), outputPath: join(dir, 'b.out'), errorPath: join(dir, 'b.err'), joinFiles: true });
    await split.waitTerminated();
    await joined.waitTerminated();
    expect(await readFile(join(dir, 'a.out'), 'utf8')).toBe('split\n');
    expect(await readFile(join(dir, 'a.err'), 'utf8')).toBe('split\n');
    expect(await readFile(join(dir, 'b.out'), 'utf8')).toBe('joined\n');
    await expect(readFile(join(dir, 'b.err'))).rejects.toMatchObject({ code: 'ENOENT' });
    expect(logReads(h.sim)).toBe(2);
  });

  it('resolves $DRMAA2_INDEX$ per array member and writes each member its own log', async () => {
    h = await startHarness();
    const array = await h.session.runBulkJobs({ ...echo('member', '${JOB_COMPLETION_INDEX}'), outputPath: join(dir, 'task-$DRMAA2_INDEX$.out') }, 2, 6, 2);
    for (const job of array.getJobs()) await job.waitTerminated();
    expect(await readFile(join(dir, 'task-2.out'), 'utf8')).toBe('member 0\n');
    expect(await readFile(join(dir, 'task-4.out'), 'utf8')).toBe('member 1\n');
    expect(await readFile(join(dir, 'task-6.out'), 'utf8')).toBe('member 2\n');
  });

  it('keeps a bounded tail of the log in JobInfo.extensions.output when asked', async () => {
    h = await startHarness({ tracker: { jobLogs: { keepBytes: 8 } } });
    const job = await h.session.runJob(echo('0123456789abcdef'));
    await job.waitTerminated();
    expect((await job.getJobInfo()).extensions).toEqual({ output: '9abcdef\n' });
  });

  it('reads no log when no path and no tail is asked for', async () => {
    h = await startHarness();
    const job = await h.session.runJob(echo('quiet'));
    await job.waitTerminated();
    expect(logReads(h.sim)).toBe(0);
    expect((await job.getJobInfo()).extensions).toBeUndefined();
  });

  it('refuses paths the tracker cannot write, before any request', async () => {
    h = await startHarness();
    h.sim.resetStats();
    await expect(h.session.runJob({ ...echo('x'), outputPath: '$DRMAA2_WORKING_DIR$/out' })).rejects.toMatchObject({ code: ErrorCode.InvalidArgument, message: expect.stringContaining('JobTemplate.outputPath') as unknown });
    await expect(h.session.runJob({ ...echo('x'), errorPath: 'relative/err' })).rejects.toMatchObject({ code: ErrorCode.InvalidArgument, message: expect.stringContaining('JobTemplate.errorPath') as unknown });
    expect(h.sim.stats().requests.total).toBe(0);
  });

  it('a job that finished while no process watched gets its missing file on reopen; existing files stay', async () => {
    h = await startHarness();
    const sessionName = h.session.sessionName;
    await h.sm.close();
    const other = h.newManager();
    const submitter = await other.openJobSession(sessionName);
    const written = await submitter.runJob({ ...echo('first'), outputPath: join(dir, 'kept.out') });
    await written.waitTerminated();
    await writeFile(join(dir, 'kept.out'), 'edited by the user');
    await other.close();

    const direct = h.newManager();
    const raw = await direct.openJobSession(sessionName);
    const missing = await raw.runJob({ ...echo('second'), outputPath: join(dir, 'late.out'), submitAsHold: true });
    await direct.close();
    const [namespace = '', name = ''] = missing.id.split('/');
    h.sim.store.mutate('jobs', namespace, name, (job) => {
      (job as unknown as { spec: { suspend?: boolean } }).spec.suspend = false;
    });
    await expect.poll(() => (h!.sim.store.get('jobs', namespace, name) as { status?: { succeeded?: number } } | undefined)?.status?.succeeded).toBe(1);
    await expect(readFile(join(dir, 'late.out'))).rejects.toMatchObject({ code: 'ENOENT' });

    const reopened = await h.newManager().openJobSession(sessionName);
    const again = (await reopened.getJobs()).find((job) => job.id === missing.id)!;
    await again.waitTerminated();
    await expect.poll(() => readFile(join(dir, 'late.out'), 'utf8').catch(() => '')).toBe('second\n');
    expect(await readFile(join(dir, 'kept.out'), 'utf8')).toBe('edited by the user');
  });

  it('a log that cannot be read is reported, and the job still finishes', async () => {
    const errors: Error[] = [];
    h = await startHarness({ tracker: { maxRetries: 0, onBackgroundError: (error) => errors.push(error) } });
    h.sim.faults.add({ match: { verb: 'get', resource: 'pods/log' }, action: { type: 'status', code: 500 } });
    const job = await h.session.runJob({ ...echo('lost'), outputPath: join(dir, 'lost.out') });
    await job.waitTerminated();
    const info = await job.getJobInfo();
    expect(info.jobState).toBe(JobState.Done);
    expect(info.extensions?.logError).toContain(`collecting the log of job ${job.id}`);
    expect(errors).toHaveLength(1);
  });
});
