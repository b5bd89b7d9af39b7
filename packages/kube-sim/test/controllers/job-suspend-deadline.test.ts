import { afterEach, describe, expect, it } from 'vitest';
import { Harness } from './support/harness.js';

let h: Harness;
afterEach(async () => {
  await h.stop();
  expect(h.errors).toEqual([]);
});

function suspend(value: boolean, name: string): void {
  h.store.mutate('jobs', 'default', name, (o) => {
    (o['spec'] as { suspend?: boolean }).suspend = value;
  });
}

describe('checklist 17: suspend deletes pods uncounted, Suspended True/False, startTime reset on resume', () => {
  it('created suspended: no pods, no startTime, Suspended=True/JobSuspended', () => {
    h = new Harness();
    h.createJob('held', { suspend: true });
    h.run(5000);
    expect(h.pods('held')).toHaveLength(0);
    const s = h.job('held').status!;
    expect(s.startTime).toBeUndefined();
    expect(s.conditions).toEqual([
      { type: 'Suspended', status: 'True', reason: 'JobSuspended', message: 'Job suspended', lastProbeTime: '2026-01-01T00:00:00Z', lastTransitionTime: '2026-01-01T00:00:00Z' },
    ]);
  });

  it('suspending a running Job deletes its pods without counting them; resuming resets startTime and recreates', () => {
    h = new Harness({ timing: { podStartMs: 0 } });
    h.script = () => ({ durationMs: 60_000 });
    h.createJob('pause', { parallelism: 2, completions: 2 });
    h.run(5000);
    const firstPods = h.pods('pause');
    expect(firstPods).toHaveLength(2);
    expect(h.job('pause').status?.startTime).toBe('2026-01-01T00:00:00Z');
    suspend(true, 'pause');
    h.run(0);
    let s = h.job('pause').status!;
    expect(s.active).toBeUndefined();
    expect(s.terminating).toBe(2);
    expect(s.conditions?.map((c) => `${c.type}=${c.status}/${c.reason}`)).toEqual(['Suspended=True/JobSuspended']);
    expect(s.startTime).toBe('2026-01-01T00:00:00Z');
    for (const p of firstPods) expect(h.pod(p.metadata.name!)?.metadata.finalizers ?? []).toEqual([]);
    h.run(2000);
    s = h.job('pause').status!;
    expect(s.failed).toBeUndefined();
    expect(s.terminating).toBe(0);
    h.run(3000);
    suspend(false, 'pause');
    h.run(0);
    s = h.job('pause').status!;
    expect(s.conditions).toEqual([
      { type: 'Suspended', status: 'False', reason: 'JobResumed', message: 'Job resumed', lastProbeTime: '2026-01-01T00:00:10Z', lastTransitionTime: '2026-01-01T00:00:10Z' },
    ]);
    expect(s.startTime).toBe('2026-01-01T00:00:10Z');
    expect(s.active).toBe(2);
    h.runUntil(() => h.finished('pause'), 3_600_000, 1000);
    const done = h.job('pause').status!;
    expect(done.failed).toBeUndefined();
    expect(done.succeeded).toBe(2);
    expect(done.conditions?.map((c) => `${c.type}=${c.status}`)).toEqual(['Suspended=False', 'SuccessCriteriaMet=True', 'Complete=True']);
  });

  it('an Indexed Job resumes only the indexes not yet completed', () => {
    h = new Harness({ timing: { podStartMs: 0, syncBatchMs: 0 } });
    h.script = (ctx) => ({ durationMs: ctx.env['JOB_COMPLETION_INDEX'] === '1' ? 1000 : 60_000 });
    h.createJob('ix', { completionMode: 'Indexed', completions: 3, parallelism: 3 });
    h.run(3000);
    expect(h.job('ix').status?.completedIndexes).toBe('1');
    suspend(true, 'ix');
    h.run(1000);
    const before = new Set(h.pods('ix').map((p) => p.metadata.name));
    suspend(false, 'ix');
    h.run(0);
    const fresh = h.pods('ix').filter((p) => !before.has(p.metadata.name) && p.metadata.deletionTimestamp === undefined);
    expect(fresh.map((p) => p.metadata.labels?.['batch.kubernetes.io/job-completion-index']).sort()).toEqual(['0', '2']);
  });
});

describe('checklist 18: activeDeadlineSeconds → DeadlineExceeded, from startTime, paused while suspended', () => {
  it('fails with DeadlineExceeded at startTime + activeDeadlineSeconds', () => {
    h = new Harness({ timing: { podStartMs: 0 } });
    h.script = () => ({ durationMs: Infinity });
    h.createJob('late', { activeDeadlineSeconds: 30 });
    h.run(29_999);
    expect(h.condition('late', 'FailureTarget')).toBeUndefined();
    h.run(1);
    expect(h.condition('late', 'FailureTarget')).toMatchObject({ reason: 'DeadlineExceeded', message: 'Job was active longer than specified deadline', lastTransitionTime: '2026-01-01T00:00:30Z' });
    h.runUntil(() => h.finished('late'));
    expect(h.condition('late', 'Failed')).toMatchObject({ reason: 'DeadlineExceeded' });
    expect(h.job('late').status?.failed).toBe(1);
  });

  it('the deadline restarts from the resume time', () => {
    h = new Harness({ timing: { podStartMs: 0 } });
    h.script = () => ({ durationMs: Infinity });
    h.createJob('sus', { activeDeadlineSeconds: 20, suspend: true });
    h.run(100_000);
    expect(h.condition('sus', 'FailureTarget')).toBeUndefined();
    suspend(false, 'sus');
    h.run(19_000);
    expect(h.condition('sus', 'FailureTarget')).toBeUndefined();
    suspend(true, 'sus');
    h.run(60_000);
    expect(h.condition('sus', 'FailureTarget')).toBeUndefined();
    suspend(false, 'sus');
    h.run(19_000);
    expect(h.condition('sus', 'FailureTarget')).toBeUndefined();
    h.run(1000);
    expect(h.condition('sus', 'FailureTarget')?.reason).toBe('DeadlineExceeded');
  });
});
