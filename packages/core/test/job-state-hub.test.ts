import { describe, expect, it } from 'vitest';
import { JobState } from '../src/index.js';
import { JobStateHub } from '../src/job-state-hub.js';
import { FakeTracker } from './fake-tracker.js';

describe('JobStateHub', () => {
  it("a job's change reaches its own waiters and every all-jobs listener, never other jobs' waiters", () => {
    const fake = new FakeTracker({ push: true });
    const tracker = fake.connect();
    for (const id of ['a', 'b']) fake.jobs.set(id, { jobId: id, sessionName: 's', info: { jobId: id, jobState: JobState.Queued } });
    const hub = new JobStateHub(tracker);
    const seen: string[] = [];
    const stopA = hub.listen((change) => seen.push(`a-waiter:${change.jobId}`), ['a', 'a']);
    hub.listen((change) => seen.push(`b-waiter:${change.jobId}`), ['b']);
    hub.listen((change) => seen.push(`all:${change.jobId}`));
    fake.set('a', JobState.Running);
    fake.set('b', JobState.Running);
    expect(seen).toEqual(['a-waiter:a', 'all:a', 'b-waiter:b', 'all:b']);
    stopA();
    stopA();
    fake.set('a', JobState.Done);
    expect(seen.slice(4)).toEqual(['all:a']);
    hub.close();
    expect(fake.listeners.size).toBe(0);
  });
});
