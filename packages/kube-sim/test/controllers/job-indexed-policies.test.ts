import { afterEach, describe, expect, it } from 'vitest';
import { Harness } from './support/harness.js';
import { formatIndexSet, parseIndexSet } from '../../src/controllers/job/index-set.js';
import type { PodView } from '../../src/controllers/kube-types.js';

let h: Harness;
afterEach(async () => {
  await h.stop();
  expect(h.errors).toEqual([]);
});

const indexOf = (p: PodView): number => Number(p.metadata.labels?.['batch.kubernetes.io/job-completion-index']);

describe('checklist 19: Indexed — one success per index, completedIndexes compression, failed index retried with the same index', () => {
  it('compresses index sets like the controller', () => {
    h = new Harness();
    expect(formatIndexSet([7, 1, 3, 4, 5])).toBe('1,3-5,7');
    expect(formatIndexSet([0, 1])).toBe('0,1');
    expect(formatIndexSet([0, 1, 2, 5, 6, 9])).toBe('0-2,5,6,9');
    expect(formatIndexSet([])).toBe('');
    expect(parseIndexSet('1,3-5,7')).toEqual([1, 3, 4, 5, 7]);
    expect(parseIndexSet('0-9', 3)).toEqual([0, 1, 2]);
  });

  it('completedIndexes grows as "0", "0,2" then "0-2"; a failed index gets a new pod with the same index', () => {
    h = new Harness({ timing: { podStartMs: 0, syncBatchMs: 0, backoffBaseMs: 1000 } });
    const seen = new Map<string, number>();
    h.script = (ctx) => {
      const ix = ctx.env['JOB_COMPLETION_INDEX'] ?? '';
      const n = seen.get(ix) ?? 0;
      seen.set(ix, n + 1);
      return { durationMs: 1000 * (Number(ix) + 1), exitCode: ix === '1' && n === 0 ? 1 : 0 };
    };
    h.createJob('ixd', { completionMode: 'Indexed', completions: 3, parallelism: 3 });
    h.runUntil(() => h.finished('ixd'));
    const completed = [...new Set(h.jobStatuses('ixd').map((s) => s.completedIndexes).filter((x) => x !== undefined))];
    expect(completed).toEqual(['0', '0,2', '0-2']);
    const pods = h.pods('ixd');
    expect(pods.map(indexOf).sort()).toEqual([0, 1, 1, 2]);
    const s = h.job('ixd').status!;
    expect(s.succeeded).toBe(3);
    expect(s.failed).toBe(1);
    expect(s.failedIndexes).toBeUndefined();
  });
});

describe('checklist 20: podFailurePolicy FailJob/Ignore/Count/FailIndex on exit codes and DisruptionTarget', () => {
  it('FailJob on an exit code of the named container', () => {
    h = new Harness({ timing: { podStartMs: 0, syncBatchMs: 0 } });
    h.script = () => ({ durationMs: 100, exitCode: 42 });
    h.createJob('fj', {
      podFailurePolicy: { rules: [{ action: 'FailJob', onExitCodes: { containerName: 'main', operator: 'In', values: [42] } }] },
    });
    h.runUntil(() => h.finished('fj'));
    const pod = h.pods('fj')[0]!;
    const conds = h.job('fj').status!.conditions!;
    expect(conds.map((c) => `${c.type}/${c.reason}`)).toEqual(['FailureTarget/PodFailurePolicy', 'Failed/PodFailurePolicy']);
    expect(conds[1]!.message).toBe(`Container main for pod default/${pod.metadata.name} failed with exit code 42 matching FailJob rule at index 0`);
    expect(h.job('fj').status?.failed).toBe(1);
  });

  it('a rule for another container name does not match; NotIn and Count count normally', () => {
    h = new Harness({ timing: { podStartMs: 0, syncBatchMs: 0, backoffBaseMs: 1 } });
    h.script = () => ({ durationMs: 100, exitCode: 42 });
    h.createJob('other', {
      backoffLimit: 1,
      podFailurePolicy: {
        rules: [
          { action: 'FailJob', onExitCodes: { containerName: 'sidecar', operator: 'In', values: [42] } },
          { action: 'Count', onExitCodes: { operator: 'NotIn', values: [1] } },
        ],
      },
    });
    h.runUntil(() => h.finished('other'));
    expect(h.condition('other', 'Failed')?.reason).toBe('BackoffLimitExceeded');
    expect(h.job('other').status?.failed).toBe(2);
  });

  it('Ignore on DisruptionTarget: the evicted pod is not counted and is replaced', () => {
    h = new Harness({ timing: { podStartMs: 0, syncBatchMs: 0 } });
    let first = true;
    h.script = () => (first ? ((first = false), { durationMs: Infinity }) : { durationMs: 100 });
    h.createJob('ign', {
      backoffLimit: 0,
      podFailurePolicy: { rules: [{ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget' }] }] },
    });
    h.run(1000);
    const victim = h.pods('ign')[0]!;
    // what the eviction API does: DisruptionTarget first, then a graceful delete
    h.store.mutate('pods', 'default', victim.metadata.name!, (o) => {
      const status = o['status'] as { conditions: unknown[] };
      status.conditions.push({ type: 'DisruptionTarget', status: 'True', reason: 'EvictionByEvictionAPI', message: 'Eviction API: evicting', lastProbeTime: null, lastTransitionTime: '2026-01-01T00:00:01Z' });
    }, { subresource: 'status' });
    h.store.delete('pods', 'default', victim.metadata.name!);
    h.runUntil(() => h.finished('ign'));
    const s = h.job('ign').status!;
    expect(s.failed).toBeUndefined();
    expect(s.succeeded).toBe(1);
    expect(h.condition('ign', 'Complete')).toBeDefined();
  });

  it('FailJob on a DisruptionTarget pod condition', () => {
    h = new Harness({ timing: { podStartMs: 0, syncBatchMs: 0 } });
    h.script = () => ({ durationMs: Infinity });
    h.createJob('fjc', { podFailurePolicy: { rules: [{ action: 'FailJob', onPodConditions: [{ type: 'DisruptionTarget', status: 'True' }] }] } });
    h.run(1000);
    const name = h.pods('fjc')[0]!.metadata.name!;
    h.store.mutate('pods', 'default', name, (o) => {
      (o['status'] as { conditions: unknown[] }).conditions.push({ type: 'DisruptionTarget', status: 'True', reason: 'PreemptionByScheduler', lastProbeTime: null, lastTransitionTime: '2026-01-01T00:00:01Z' });
    }, { subresource: 'status' });
    h.store.delete('pods', 'default', name);
    h.runUntil(() => h.finished('fjc'));
    expect(h.condition('fjc', 'Failed')).toMatchObject({ reason: 'PodFailurePolicy', message: `Pod default/${name} has condition DisruptionTarget matching FailJob rule at index 0` });
  });

  it('Count on a pod condition counts the failure normally', () => {
    h = new Harness({ timing: { podStartMs: 0, syncBatchMs: 0 } });
    h.script = () => ({ durationMs: Infinity });
    h.createJob('cnt', { backoffLimit: 0, podFailurePolicy: { rules: [{ action: 'Count', onPodConditions: [{ type: 'DisruptionTarget' }] }] } });
    h.run(1000);
    const name = h.pods('cnt')[0]!.metadata.name!;
    h.store.mutate('pods', 'default', name, (o) => {
      (o['status'] as { conditions: unknown[] }).conditions.push({ type: 'DisruptionTarget', status: 'True', reason: 'EvictionByEvictionAPI', lastProbeTime: null, lastTransitionTime: '2026-01-01T00:00:01Z' });
    }, { subresource: 'status' });
    h.store.delete('pods', 'default', name);
    h.runUntil(() => h.finished('cnt'));
    expect(h.condition('cnt', 'Failed')?.reason).toBe('BackoffLimitExceeded');
    expect(h.job('cnt').status?.failed).toBe(1);
  });

  it('FailIndex with backoffLimitPerIndex marks the index failed; the Job ends with FailedIndexes', () => {
    h = new Harness({ timing: { podStartMs: 0, syncBatchMs: 0 } });
    h.script = (ctx) => ({ durationMs: 100, exitCode: ctx.env['JOB_COMPLETION_INDEX'] === '1' ? 7 : 0 });
    h.createJob('fi', {
      completionMode: 'Indexed',
      completions: 3,
      parallelism: 3,
      backoffLimitPerIndex: 2,
      podFailurePolicy: { rules: [{ action: 'FailIndex', onExitCodes: { operator: 'In', values: [7] } }] },
    });
    h.runUntil(() => h.finished('fi'));
    const s = h.job('fi').status!;
    expect(s.failedIndexes).toBe('1');
    expect(s.completedIndexes).toBe('0,2');
    expect(s.conditions?.map((c) => `${c.type}/${c.reason}`)).toEqual(['FailureTarget/FailedIndexes', 'Failed/FailedIndexes']);
    expect(h.pods('fi').filter((p) => indexOf(p) === 1)).toHaveLength(1);
  });
});

describe('backoffLimitPerIndex, maxFailedIndexes, successPolicy', () => {
  it('retries an index up to backoffLimitPerIndex with failure-count annotations', () => {
    h = new Harness({ timing: { podStartMs: 0, syncBatchMs: 0, backoffBaseMs: 100 } });
    h.script = (ctx) => ({ durationMs: 100, exitCode: ctx.env['JOB_COMPLETION_INDEX'] === '0' ? 1 : 0 });
    h.createJob('pi', { completionMode: 'Indexed', completions: 2, parallelism: 2, backoffLimitPerIndex: 1 });
    h.runUntil(() => h.finished('pi'));
    const zero = h.pods('pi').filter((p) => indexOf(p) === 0);
    expect(zero.map((p) => p.metadata.annotations?.['batch.kubernetes.io/job-index-failure-count']).sort()).toEqual(['0', '1']);
    const s = h.job('pi').status!;
    expect(s.failedIndexes).toBe('0');
    expect(s.completedIndexes).toBe('1');
    expect(s.failed).toBe(2);
    expect(h.condition('pi', 'Failed')?.reason).toBe('FailedIndexes');
  });

  it('maxFailedIndexes exceeded fails the Job early', () => {
    h = new Harness({ timing: { podStartMs: 0, syncBatchMs: 0 } });
    h.script = (ctx) => ({ durationMs: ctx.env['JOB_COMPLETION_INDEX'] === '3' ? 60_000 : 100, exitCode: ctx.env['JOB_COMPLETION_INDEX'] === '3' ? 0 : 1 });
    h.createJob('mfi', { completionMode: 'Indexed', completions: 4, parallelism: 4, backoffLimitPerIndex: 0, maxFailedIndexes: 1 });
    h.runUntil(() => h.finished('mfi'));
    expect(h.condition('mfi', 'Failed')).toMatchObject({ reason: 'MaxFailedIndexesExceeded', message: 'Job has exceeded the specified maximal number of failed indexes' });
  });

  it('successPolicy: SuccessCriteriaMet/SuccessPolicy, remaining pods deleted, then Complete', () => {
    h = new Harness({ timing: { podStartMs: 0, syncBatchMs: 0 } });
    h.script = (ctx) => ({ durationMs: ctx.env['JOB_COMPLETION_INDEX'] === '0' ? 100 : Infinity });
    h.createJob('sp', { completionMode: 'Indexed', completions: 3, parallelism: 3, successPolicy: { rules: [{ succeededIndexes: '0', succeededCount: 1 }] } });
    h.runUntil(() => h.finished('sp'));
    const s = h.job('sp').status!;
    expect(s.conditions?.map((c) => `${c.type}/${c.reason}/${c.message}`)).toEqual([
      'SuccessCriteriaMet/SuccessPolicy/Matched rules at index 0',
      'Complete/SuccessPolicy/Matched rules at index 0',
    ]);
    expect(s.completedIndexes).toBe('0');
    expect(s.failed).toBeUndefined();
    expect(s.completionTime).toBeDefined();
  });
});

describe('ttlSecondsAfterFinished', () => {
  it('deletes the finished Job (Foreground) after the TTL, pods with it', () => {
    h = new Harness({ timing: { podStartMs: 0, syncBatchMs: 0 } });
    h.createJob('ttl', { ttlSecondsAfterFinished: 60 });
    h.runUntil(() => h.finished('ttl'));
    const finishedAt = Date.parse(h.condition('ttl', 'Complete')!.lastTransitionTime!);
    h.clock.advance(finishedAt + 59_000 - h.clock.now());
    expect(h.jobExists('ttl')).toBe(true);
    h.run(1000);
    expect(h.jobExists('ttl')).toBe(false);
    expect(h.pods('ttl')).toHaveLength(0);
    const del = h.events.find((e) => e.resource === 'jobs' && e.object.metadata.name === 'ttl' && e.object.metadata.deletionTimestamp !== undefined);
    expect(del?.object.metadata.finalizers).toContain('foregroundDeletion');
  });
});
