// A first DRMAA2 program. It runs on whichever backend DRMAA2_TRACKER names (default: memory),
// so the same code later runs on Kubernetes without changes.
import { SessionManager, type Job } from '@drmaa2/core';

const sm = new SessionManager({ tracker: process.env.DRMAA2_TRACKER ?? 'memory' });

// Print every state change as it happens.
const names = new Map<string, string>();
sm.registerEventNotification(({ jobId, jobState, jobSubState }) => {
  const sub = jobSubState === undefined ? '' : ` (${jobSubState})`;
  console.log(`  [event] ${names.get(jobId) ?? `job ${jobId}`} -> ${jobState}${sub}`);
});

async function show(job: Job): Promise<void> {
  const info = await job.getJobInfo();
  const where = info.allocatedMachines?.map((slot) => slot.machineName).join(', ') ?? '-';
  console.log(`  ${names.get(job.id)}: ${info.jobState}, exit ${info.exitStatus}, ${info.wallclockTime}s on ${where}`);
}

console.log(`DRMS: ${await sm.getDrmsName()}`);
const session = await sm.createJobSession(`quickstart-${process.pid}`);

console.log('\n1. One job: sleep 1, then wait for it.');
const hello = await session.runJob({ remoteCommand: 'sleep', args: ['1'], jobName: 'hello' });
names.set(hello.id, 'hello');
await hello.waitTerminated();
await show(hello);

console.log('\n2. An array job: three tasks, at most two at once.');
const array = await session.runBulkJobs({ remoteCommand: 'sleep', args: ['1'], outputPath: '/tmp/task.$DRMAA2_INDEX$.out' }, 1, 3, 1, 2);
array.getJobs().forEach((job, i) => names.set(job.id, `task ${i + 1}`));
for (const job of array.getJobs()) await job.waitTerminated();
for (const job of array.getJobs()) await show(job);

console.log('\n3. Suspend and resume a running job.');
const long = await session.runJob({ remoteCommand: 'sleep', args: ['2'], jobName: 'long' });
names.set(long.id, 'long');
await long.waitStarted();
await long.suspend();
await long.resume();
await long.waitTerminated();
await show(long);

console.log('\n4. A job that fails.');
const failing = await session.runJob({ remoteCommand: 'exit', args: ['3'] });
names.set(failing.id, 'failing');
await failing.waitTerminated();
await show(failing);

console.log('\n5. Clean up: reap every job, destroy the session.');
for (const job of await session.getJobs()) await job.reap();
await session.close();
await sm.destroyJobSession(session.sessionName);
await sm.close();
console.log('Done.');
