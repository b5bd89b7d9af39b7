// A first DRMAA2 program: a session, a job, an array job, suspend and resume, a failing job,
// JobInfo, clean-up. It is written once against @drmaa2/core; which backend runs the jobs is
// configuration (see backend.ts): Kubernetes on kube-sim by default, a real cluster with
// `--kubeconfig PATH`, or the memory tracker with `--tracker memory`.
import { setTimeout as delay } from 'node:timers/promises';
import { JobState, SessionManager, isDrmaa2Error, type Job, type JobTemplate } from '@drmaa2/core';
import { UsageError, openBackend, usage } from './backend.js';

let backend;
try {
  backend = await openBackend(process.argv.slice(2), process.env);
} catch (error) {
  if (!(error instanceof UsageError)) throw error;
  console.error(`${error.message}\n\n${usage}`);
  process.exit(2);
}
if (backend === undefined) {
  console.log(usage);
  process.exit(0);
}

// onCallbackError: event delivery connects at once, so a connection failure may arrive there first.
const sm = new SessionManager({ tracker: backend.tracker, registry: backend.registry, onCallbackError: fail });
const patience = backend.patience; // seconds any one wait may take
const image = 'busybox:1.36'; // jobCategory: the container image on Kubernetes, ignored by the memory tracker
const job = (remoteCommand: string, ...args: string[]): JobTemplate => ({ remoteCommand, args, jobCategory: image });

// Print every state change as it happens.
sm.registerEventNotification(({ jobId, jobState, jobSubState }) => {
  console.log(`  [event] ${jobId} -> ${jobState}${jobSubState === undefined ? '' : ` (${jobSubState})`}`);
});

/** Resolves once `job` is in `state` (DRMAA2 has waits for started and terminated only). */
async function reach(job: Job, state: JobState): Promise<void> {
  const signal = AbortSignal.timeout(patience * 1000);
  while ((await job.getState()).state !== state) await delay(50, undefined, { signal });
}

/** Prints the JobInfo a user usually wants: state, exit status, machines and times. */
async function show(label: string, job: Job): Promise<void> {
  const info = await job.getJobInfo();
  const time = (date: Date | undefined): string => date?.toISOString().slice(11, 23) ?? '-';
  const machines = info.allocatedMachines?.map((slot) => slot.machineName).join(', ') || '-';
  const sub = info.jobSubState === undefined ? '' : ` (${info.jobSubState})`;
  console.log(`  ${label} (job ${job.id}): ${info.jobState}${sub}, exit ${info.exitStatus ?? '-'}, on ${machines}`);
  console.log(
    `    submitted ${time(info.submissionTime)}, started ${time(info.dispatchTime)}, finished ${time(info.finishTime)}, wallclock ${info.wallclockTime ?? '-'} s`,
  );
}

const started = Date.now();
try {
  console.log(`Running on ${backend.description}.`);
  console.log(`DRMS: ${await sm.getDrmsName()} ${Object.values(await sm.getDrmsVersion()).join('.')}`);
  const session = await sm.createJobSession(`quickstart-${process.pid}`);
  console.log(`Session ${session.sessionName}, contact ${session.getContact() ?? '-'}`);

  console.log('\n1. One job: sleep 1, then wait for it.');
  const hello = await session.runJob({ ...job('sleep', '1'), jobName: 'hello' });
  await hello.waitTerminated(patience);
  await show('hello', hello);

  console.log('\n2. An array job: three tasks, at most two at once.');
  const array = await session.runBulkJobs(job('sleep', '1'), 1, 3, 1, 2);
  for (const task of array.getJobs()) await task.waitTerminated(patience);
  for (const [i, task] of array.getJobs().entries()) await show(`task ${i + 1}`, task);

  console.log('\n3. Suspend a running job, then resume it.');
  const long = await session.runJob({ ...job('sleep', '2'), jobName: 'long' });
  await long.waitStarted(patience);
  await long.suspend();
  await reach(long, JobState.Suspended);
  await delay(500);
  await long.resume();
  await long.waitTerminated(patience);
  await show('long', long);

  console.log('\n4. A job that fails: false exits with 1.');
  const failing = await session.runJob({ ...job('false'), jobName: 'failing' });
  await failing.waitTerminated(patience);
  await show('failing', failing);

  console.log('\n5. Clean up: reap every job, close and destroy the session.');
  for (const finished of await session.getJobs()) await finished.reap();
  await session.close();
  await sm.destroyJobSession(session.sessionName);
  console.log(`Done in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
} catch (error) {
  fail(error);
} finally {
  await sm.close().catch(fail);
  await backend.close();
}

/** Reports an error once and makes the process exit with 1. */
function fail(error: unknown): void {
  if (process.exitCode === 1) return; // a failed connection arrives twice: as a callback error and from the call
  process.exitCode = 1;
  console.error(isDrmaa2Error(error) ? `DRMAA2 error ${error.code}: ${error.message}` : error);
}
