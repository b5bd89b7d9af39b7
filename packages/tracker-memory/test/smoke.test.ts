import { JobState, SessionManager } from '@drmaa2/core';
import { expect, it } from 'vitest';
import { VirtualClock, memoryTracker } from '../src/index.js';

it('runs a job to DONE on virtual time', async () => {
  const clock = new VirtualClock();
  const sm = new SessionManager({ tracker: memoryTracker({ clock }) });
  const states: string[] = [];
  sm.registerEventNotification((n) => states.push(n.jobState));
  const js = await sm.createJobSession('s1');
  const job = await js.runJob({ remoteCommand: 'sleep', args: ['3600'] });
  await job.waitTerminated();
  const info = await job.getJobInfo();
  expect(info.jobState).toBe(JobState.Done);
  expect(info.wallclockTime).toBe(3600);
  expect(states).toEqual(['QUEUED', 'RUNNING', 'DONE']);
  await expect(job.waitTerminated(0)).resolves.toBe(job);
  const slow = await js.runJob({ remoteCommand: 'sleep', args: ['10'] });
  await expect(slow.waitTerminated(5)).rejects.toMatchObject({ code: 'TIMEOUT' });
  await sm.close();
});
