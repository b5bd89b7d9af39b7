import { afterEach, describe, expect, it } from 'vitest';
import { Harness, template } from './support/harness.js';
import type { PodView } from '../../src/controllers/kube-types.js';

let h: Harness;
afterEach(async () => {
  await h.stop();
  expect(h.errors).toEqual([]);
});

function creationTimes(pods: PodView[]): number[] {
  return pods.map((p) => Date.parse(p.metadata.creationTimestamp!)).sort((a, b) => a - b);
}

describe('checklist 15: failed > backoffLimit (Never) / restarts >= backoffLimit (OnFailure); 10 s doubling retry delay', () => {
  it('Never: backoffLimit 2 fails after the third failed pod, with 10 s, 20 s replacement delays', () => {
    h = new Harness({ timing: { podStartMs: 0, syncBatchMs: 0 } });
    h.script = () => ({ durationMs: 1000, exitCode: 1 });
    h.createJob('never', { backoffLimit: 2 });
    h.runUntil(() => h.finished('never'));
    const pods = h.pods('never');
    expect(pods).toHaveLength(3);
    const t = creationTimes(pods);
    const start = t[0]!;
    // pod 1 fails at 1 s → replacement at 11 s; pod 2 fails at 12 s → replacement after 20 s at 32 s
    expect(t.map((x) => (x - start) / 1000)).toEqual([0, 11, 32]);
    const status = h.job('never').status!;
    expect(status.failed).toBe(3);
    expect(status.succeeded).toBeUndefined();
    expect(status.completionTime).toBeUndefined();
    expect(status.conditions?.map((c) => `${c.type}/${c.reason}`)).toEqual(['FailureTarget/BackoffLimitExceeded', 'Failed/BackoffLimitExceeded']);
    expect(status.conditions?.[1]?.message).toBe('Job has reached the specified backoff limit');
  });

  it('the default backoffLimit 6 gives failed: 7; the delay is scaled by timing.backoffBaseMs', () => {
    h = new Harness({ timing: { podStartMs: 0, syncBatchMs: 0, backoffBaseMs: 10 } });
    h.script = () => ({ durationMs: 100, exitCode: 2 });
    h.createJob('seven');
    h.runUntil(() => h.finished('seven'));
    expect(h.job('seven').status?.failed).toBe(7);
    expect(h.pods('seven')).toHaveLength(7);
  });

  it('a success resets the replacement delay', () => {
    h = new Harness({ timing: { podStartMs: 0, syncBatchMs: 0 } });
    let n = 0;
    h.script = () => ({ durationMs: 1000, exitCode: [1, 0, 1][n++] ?? 0 });
    h.createJob('reset', { completions: 3, backoffLimit: 5 });
    h.runUntil(() => h.finished('reset'));
    const t = creationTimes(h.pods('reset'));
    const d = t.map((x) => (x - t[0]!) / 1000);
    // fail at 1 → +10 s → 11; success at 12 → next at 12; fail at 13 → +10 s (not 20) → 23; success → 24
    expect(d).toEqual([0, 11, 12, 23, 24]);
  });

  it('OnFailure: the Job fails when restarts reach backoffLimit, and its pod is deleted', () => {
    h = new Harness({ timing: { podStartMs: 0, syncBatchMs: 0, kubeletBackoffBaseMs: 100 } });
    h.script = () => ({ durationMs: 50, exitCode: 1 });
    h.createJob('onf', { backoffLimit: 3, template: template('OnFailure') });
    h.runUntil(() => h.finished('onf'));
    const status = h.job('onf').status!;
    expect(status.conditions?.map((c) => `${c.type}/${c.reason}`)).toEqual(['FailureTarget/BackoffLimitExceeded', 'Failed/BackoffLimitExceeded']);
    expect(h.pods('onf')).toHaveLength(0);
    expect(status.failed).toBe(1);
  });
});

describe('checklist 15 (OnFailure, backoffLimit 0)', () => {
  it('any restart fails the Job', () => {
    h = new Harness({ timing: { podStartMs: 0, syncBatchMs: 0 } });
    h.script = () => ({ durationMs: 50, exitCode: 1 });
    h.createJob('zero', { backoffLimit: 0, template: template('OnFailure') });
    h.runUntil(() => h.finished('zero'));
    expect(h.condition('zero', 'Failed')?.reason).toBe('BackoffLimitExceeded');
  });
});

describe('checklist 16: interim condition → pods deleted → Failed/Complete (same reason); completionTime only on success', () => {
  it('failure: FailureTarget, then the running pods are deleted (counted failed), then Failed once terminating is 0', () => {
    h = new Harness({ timing: { podStartMs: 0, syncBatchMs: 0 } });
    h.script = (ctx) => (ctx.env['JOB_COMPLETION_INDEX'] === '0' ? { durationMs: 1000, exitCode: 1 } : { durationMs: Infinity, ignoreSigterm: true });
    h.createJob('term', { completionMode: 'Indexed', completions: 2, parallelism: 2, backoffLimit: 0, template: template('Never', { terminationGracePeriodSeconds: 5 }) });
    h.runUntil(() => h.condition('term', 'FailureTarget') !== undefined);
    const interim = h.job('term').status!;
    expect(interim.conditions?.map((c) => c.type)).toEqual(['FailureTarget']);
    expect(h.condition('term', 'Failed')).toBeUndefined();
    h.run(100);
    expect(h.job('term').status?.terminating).toBe(1);
    expect(h.condition('term', 'Failed')).toBeUndefined();
    h.runUntil(() => h.finished('term'));
    const final = h.job('term').status!;
    expect(final.conditions?.map((c) => `${c.type}/${c.reason}`)).toEqual(['FailureTarget/BackoffLimitExceeded', 'Failed/BackoffLimitExceeded']);
    expect(final.failed).toBe(2);
    expect(final.terminating).toBe(0);
    expect(final.active).toBeUndefined();
    expect(final.completionTime).toBeUndefined();
    // the SIGTERM-ignoring pod was killed after its 5 s grace
    expect(Date.parse(final.conditions![1]!.lastTransitionTime!) - Date.parse(final.conditions![0]!.lastTransitionTime!)).toBe(5000);
    expect(h.pods('term')).toHaveLength(1);
  });

  it('success: SuccessCriteriaMet then Complete with completionTime = Complete lastTransitionTime', () => {
    h = new Harness({ timing: { podStartMs: 0 } });
    h.createJob('ok');
    h.runUntil(() => h.finished('ok'));
    const s = h.job('ok').status!;
    expect(s.conditions?.map((c) => c.type)).toEqual(['SuccessCriteriaMet', 'Complete']);
    expect(s.completionTime).toBe(s.conditions![1]!.lastTransitionTime);
    const statuses = h.jobStatuses('ok');
    const withSCM = statuses.findIndex((x) => x.conditions?.some((c) => c.type === 'SuccessCriteriaMet'));
    const withComplete = statuses.findIndex((x) => x.conditions?.some((c) => c.type === 'Complete'));
    expect(withSCM).toBeGreaterThan(-1);
    expect(withComplete).toBeGreaterThan(withSCM);
  });
});
