import { afterEach, describe, expect, it } from 'vitest';
import { Harness } from './support/harness.js';

let h: Harness;
afterEach(async () => {
  await h.stop();
  expect(h.errors).toEqual([]);
});

describe('checklist 14: Job counters follow pod events (~1 s batching); uncountedTerminatedPods {} when idle', () => {
  it('first sync writes active/ready/terminating/startTime/uncounted; counting takes two writes', () => {
    h = new Harness({ timing: { podStartMs: 0 } });
    h.script = () => ({ durationMs: 5000 });
    const created = h.createJob('count');
    expect(created.status).toEqual({});
    h.run(0);
    expect(h.job('count').status).toEqual({ active: 1, ready: 0, terminating: 0, startTime: '2026-01-01T00:00:00Z', uncountedTerminatedPods: {} });
    // The pod becomes ready at t=0 but the Job only learns it after the 1 s batch.
    h.run(999);
    expect(h.job('count').status?.ready).toBe(0);
    h.run(1);
    expect(h.job('count').status?.ready).toBe(1);
    h.runUntil(() => h.finished('count'));
    const pod = h.pods('count')[0]!;
    const statuses = h.jobStatuses('count');
    const firstUncounted = statuses.findIndex((s) => (s.uncountedTerminatedPods?.succeeded ?? []).length > 0);
    expect(statuses[firstUncounted]!.uncountedTerminatedPods).toEqual({ succeeded: [pod.metadata.uid] });
    expect(statuses[firstUncounted]!.succeeded).toBeUndefined();
    const counted = statuses[firstUncounted + 1]!;
    expect(counted.succeeded).toBe(1);
    expect(counted.uncountedTerminatedPods).toEqual({});
    // the finalizer is removed between the two status writes
    const seq = h.events
      .filter((e) => (e.resource === 'jobs' && e.object.metadata.name === 'count') || (e.resource === 'pods' && e.object.metadata.name === pod.metadata.name))
      .map((e) => e.resource);
    const jobWrites = seq.map((r, i) => ({ r, i })).filter((x) => x.r === 'jobs').map((x) => x.i);
    const podFinalizerWrite = h.events
      .filter((e) => e.resource === 'pods' && e.object.metadata.name === pod.metadata.name)
      .findIndex((e) => (e.object.metadata.finalizers ?? []).length === 0);
    expect(podFinalizerWrite).toBeGreaterThan(0);
    expect(jobWrites.length).toBeGreaterThan(2);
    const final = h.job('count').status!;
    expect(final).toEqual({
      conditions: [
        { type: 'SuccessCriteriaMet', status: 'True', reason: 'CompletionsReached', message: 'Reached expected number of succeeded pods', lastProbeTime: '2026-01-01T00:00:06Z', lastTransitionTime: '2026-01-01T00:00:06Z' },
        { type: 'Complete', status: 'True', reason: 'CompletionsReached', message: 'Reached expected number of succeeded pods', lastProbeTime: '2026-01-01T00:00:06Z', lastTransitionTime: '2026-01-01T00:00:06Z' },
      ],
      startTime: '2026-01-01T00:00:00Z',
      completionTime: '2026-01-01T00:00:06Z',
      ready: 0,
      terminating: 0,
      succeeded: 1,
      uncountedTerminatedPods: {},
    });
  });

  it('exact store event sequence of a one-pod Job', () => {
    h = new Harness({ timing: { podStartMs: 0 } });
    h.script = () => ({ durationMs: 5000 });
    h.createJob('seq');
    h.runUntil(() => h.finished('seq'));
    const uid = h.pods('seq')[0]!.metadata.uid;
    const seq = h.events.map((e) => {
      const o = e.object as unknown as { status?: Record<string, unknown> & { conditions?: { type: string }[]; phase?: string }; spec: { nodeName?: string } };
      if (e.resource === 'jobs') return `${e.type} job ${JSON.stringify({ ...o.status, conditions: o.status?.conditions?.map((c) => c.type) })}`;
      return `${e.type} ${e.resource} ${o.status?.phase ?? ''} ${o.spec.nodeName ?? '-'} ${(e.object.metadata.finalizers ?? []).length}`;
    });
    expect(seq).toEqual([
      'ADDED job {}',
      'ADDED pods Pending - 1',
      'MODIFIED job {"startTime":"2026-01-01T00:00:00Z","active":1,"ready":0,"terminating":0,"uncountedTerminatedPods":{}}',
      'MODIFIED pods Pending sim-node-1 1',
      'MODIFIED pods Pending sim-node-1 1',
      'MODIFIED pods Running sim-node-1 1',
      'MODIFIED job {"startTime":"2026-01-01T00:00:00Z","active":1,"ready":1,"terminating":0,"uncountedTerminatedPods":{}}',
      'MODIFIED pods Succeeded sim-node-1 1',
      `MODIFIED job {"startTime":"2026-01-01T00:00:00Z","ready":0,"terminating":0,"uncountedTerminatedPods":{"succeeded":["${uid}"]},"conditions":["SuccessCriteriaMet"]}`,
      'MODIFIED pods Succeeded sim-node-1 0',
      'MODIFIED job {"startTime":"2026-01-01T00:00:00Z","ready":0,"terminating":0,"uncountedTerminatedPods":{},"conditions":["SuccessCriteriaMet","Complete"],"succeeded":1,"completionTime":"2026-01-01T00:00:06Z"}',
    ]);
  });

  it('parallelism and completions: never more than parallelism active, exactly completions successes', () => {
    h = new Harness({ timing: { podStartMs: 0, syncBatchMs: 0 } });
    h.createJob('par', { parallelism: 3, completions: 7 });
    let maxActive = 0;
    h.runUntil(() => {
      maxActive = Math.max(maxActive, h.job('par').status?.active ?? 0);
      return h.finished('par');
    });
    expect(maxActive).toBe(3);
    expect(h.job('par').status?.succeeded).toBe(7);
    expect(h.pods('par')).toHaveLength(7);
  });

  it('completions null (work queue): succeeds once one pod succeeded and the others ended', () => {
    h = new Harness({ timing: { podStartMs: 0, syncBatchMs: 0 } });
    h.script = (ctx) => ({ durationMs: 1000 + ctx.podName.charCodeAt(ctx.podName.length - 1) * 10 });
    h.createJob('wq', { parallelism: 3, completions: null });
    h.runUntil(() => h.finished('wq'));
    expect(h.pods('wq')).toHaveLength(3);
    expect(h.job('wq').status?.succeeded).toBe(3);
    expect(h.condition('wq', 'Complete')?.reason).toBe('CompletionsReached');
  });

  it('parallelism 0 creates nothing and adds no Suspended condition', () => {
    h = new Harness();
    h.createJob('zero', { parallelism: 0 });
    h.run(5000);
    expect(h.pods('zero')).toHaveLength(0);
    expect(h.job('zero').status?.conditions).toBeUndefined();
  });

  it('ignores Jobs managed by another controller', () => {
    h = new Harness();
    h.createJob('kueue', { managedBy: 'kueue.x-k8s.io/multikueue' });
    h.run(5000);
    expect(h.pods('kueue')).toHaveLength(0);
    expect(h.job('kueue').status).toEqual({});
  });
});
