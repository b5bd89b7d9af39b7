// Kubernetes-specific behaviour on a real cluster: runs when DRMAA2_E2E_KUBECONFIG is set (see
// e2e-cluster.ts), skips otherwise. All jobs run in one namespace this file creates and deletes.
import { JobState, SessionManager, type Job, type JobSession, type JobState as State } from '@drmaa2/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { E2eCluster, e2eEnabled, e2ePatience, e2eTemplates, e2eTestTimeoutMs } from './e2e-cluster.js';

const { sleep } = e2eTemplates;

describe.skipIf(!e2eEnabled)('kubernetes tracker on a real cluster (DRMAA2_E2E_KUBECONFIG)', { timeout: e2eTestTimeoutMs }, () => {
  let cluster: E2eCluster;
  let namespace: string;
  let sm: SessionManager;
  let session: JobSession;

  beforeAll(async () => {
    cluster = new E2eCluster();
    namespace = await cluster.createNamespace();
    sm = new SessionManager({ tracker: cluster.plugin(namespace) });
    session = await sm.createJobSession('e2e');
  }, e2eTestTimeoutMs);

  afterAll(async () => {
    await sm?.close();
    await cluster?.deleteAll();
  }, e2eTestTimeoutMs);

  /** Resolves once the job's state (from the tracker's watch cache) is `state`. */
  const until = (job: Job, state: State): Promise<void> =>
    expect.poll(async () => (await job.getState()).state, { timeout: e2ePatience * 1000, interval: 100 }).toBe(state);

  it('runs an array as one Indexed Job, each member with its own state, node and exit status', async () => {
    const array = await session.runBulkJobs(sleep(1), 1, 3, 1, 2);
    const jobs = (await cluster.jobs(namespace)).filter((job) => array.id.endsWith(`/${job.metadata?.name ?? ''}`));
    expect(jobs).toHaveLength(1);
    expect(jobs[0]?.spec).toMatchObject({ completionMode: 'Indexed', completions: 3, parallelism: 2 });

    expect(array.getJobs()).toHaveLength(3);
    const nodes = await cluster.nodeNames();
    for (const member of array.getJobs()) {
      await member.waitTerminated(e2ePatience);
      const info = await member.getJobInfo();
      expect(info).toMatchObject({ jobState: JobState.Done, exitStatus: 0 });
      expect(info.allocatedMachines?.map((slot) => slot.machineName).every((name) => nodes.includes(name))).toBe(true);
    }
    for (const member of array.getJobs()) await member.reap();
  });

  it('submitAsHold keeps the Job suspended in QUEUED_HELD until release, then it runs to DONE', async () => {
    const job = await session.runJob({ ...sleep(1), submitAsHold: true });
    expect((await job.getState()).state).toBe(JobState.QueuedHeld);
    expect((await cluster.job(job.id))?.spec?.suspend).toBe(true);

    await job.release();
    await job.waitStarted(e2ePatience);
    expect((await cluster.job(job.id))?.spec?.suspend).toBe(false);
    await job.waitTerminated(e2ePatience);
    expect(await job.getJobInfo()).toMatchObject({ jobState: JobState.Done, exitStatus: 0 });
    await job.reap();
  });

  it('hold puts a queued job on hold; terminate cancels it', async () => {
    const job = await session.runJob({ ...sleep(1), startTime: new Date(Date.now() + 3_600_000) });
    expect((await job.getState()).state).toBe(JobState.Queued);
    await job.hold();
    await until(job, JobState.QueuedHeld);
    expect((await cluster.job(job.id))?.spec?.suspend).toBe(true);
    await job.terminate();
    await job.waitTerminated(e2ePatience);
    expect(await job.getState()).toEqual({ state: JobState.Failed, subState: 'Terminated' });
    await job.reap();
  });

  it('suspend stops the pods of a running job through spec.suspend; resume runs it to DONE', async () => {
    const job = await session.runJob(sleep(5));
    await job.waitStarted(e2ePatience);
    await job.suspend();
    await until(job, JobState.Suspended);
    expect((await cluster.job(job.id))?.spec?.suspend).toBe(true);

    await job.resume();
    await job.waitStarted(e2ePatience);
    expect((await cluster.job(job.id))?.spec?.suspend).toBe(false);
    await job.waitTerminated(e2ePatience);
    expect(await job.getJobInfo()).toMatchObject({ jobState: JobState.Done, exitStatus: 0 });
    await job.reap();
  });

  it('terminate ends a running job as FAILED/Terminated and keeps it readable until reap removes it', async () => {
    const job = await session.runJob(sleep(3600));
    await job.waitStarted(e2ePatience);
    await job.terminate();
    await job.waitTerminated(e2ePatience);
    expect(await job.getState()).toEqual({ state: JobState.Failed, subState: 'Terminated' });
    const info = await job.getJobInfo();
    expect(info.finishTime).toBeInstanceOf(Date);
    expect(await cluster.job(job.id)).toBeDefined();

    await job.reap();
    await expect.poll(() => cluster.job(job.id), { timeout: e2ePatience * 1000, interval: 250 }).toBeUndefined();
  });

  it('reports the real exit status of the job container', async () => {
    const job = await session.runJob(e2eTemplates.exit(3));
    await job.waitTerminated(e2ePatience);
    expect(await job.getJobInfo()).toMatchObject({ jobState: JobState.Failed, exitStatus: 3 });
    await job.reap();
  });

  it('resourceLimits.CPU_TIME ends a job over its CPU time with SIGXCPU (ulimit -t in the image\'s /bin/sh)', async () => {
    const job = await session.runJob({ ...e2eTemplates.exit(0), args: ['-c', 'while :; do :; done'], resourceLimits: { CPU_TIME: 1 } });
    await job.waitTerminated(e2ePatience);
    expect(await job.getJobInfo()).toMatchObject({ jobState: JobState.Failed, exitStatus: 152, terminatingSignal: 'SIGXCPU' });
    await job.reap();
  });
});
