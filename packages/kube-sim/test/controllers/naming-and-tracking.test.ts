import { afterEach, describe, expect, it } from 'vitest';
import { Harness } from './support/harness.js';

let h: Harness;
afterEach(async () => {
  await h.stop();
  expect(h.errors).toEqual([]);
});

describe('checklist 11: pod naming, ownerRef, job-tracking finalizer, index annotation/label/env/hostname', () => {
  it('NonIndexed pods are <job>-xxxxx with owner reference and tracking finalizer', () => {
    h = new Harness();
    const job = h.createJob('hello');
    h.run(0);
    const pods = h.pods('hello');
    expect(pods).toHaveLength(1);
    const pod = pods[0]!;
    expect(pod.metadata.name).toMatch(/^hello-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(pod.metadata.generateName).toBe('hello-');
    expect(pod.metadata.ownerReferences).toEqual([
      { apiVersion: 'batch/v1', kind: 'Job', name: 'hello', uid: job.metadata.uid, controller: true, blockOwnerDeletion: true },
    ]);
    expect(pod.metadata.finalizers).toEqual(['batch.kubernetes.io/job-tracking']);
    expect(pod.metadata.labels?.['batch.kubernetes.io/controller-uid']).toBe(job.metadata.uid);
    expect(pod.metadata.labels?.['job-name']).toBe('hello');
  });

  it('Indexed pods carry the index annotation, label, hostname and JOB_COMPLETION_INDEX', () => {
    h = new Harness();
    h.createJob('idx', { completionMode: 'Indexed', completions: 3, parallelism: 3 });
    h.run(0);
    const pods = h.pods('idx').sort((a, b) => (a.metadata.name ?? '').localeCompare(b.metadata.name ?? ''));
    expect(pods.map((p) => p.metadata.generateName)).toEqual(['idx-0-', 'idx-1-', 'idx-2-']);
    for (const [i, pod] of pods.entries()) {
      expect(pod.metadata.name).toMatch(new RegExp(`^idx-${i}-[a-z0-9]{5}$`));
      expect(pod.metadata.annotations?.['batch.kubernetes.io/job-completion-index']).toBe(String(i));
      expect(pod.metadata.labels?.['batch.kubernetes.io/job-completion-index']).toBe(String(i));
      expect(pod.spec.hostname).toBe(`idx-${i}`);
      expect(pod.spec.containers[0]?.env).toEqual([
        { name: 'JOB_COMPLETION_INDEX', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: "metadata.annotations['batch.kubernetes.io/job-completion-index']" } } },
      ]);
    }
  });

  it('a long Indexed job name is cut to keep -<index>- within 58 characters', () => {
    h = new Harness();
    const name = 'a'.repeat(60);
    h.createJob(name, { completionMode: 'Indexed', completions: 12, parallelism: 1 });
    h.run(0);
    const pod = h.pods(name)[0]!;
    expect(pod.metadata.generateName).toBe(`${'a'.repeat(55)}-0-`);
    expect(pod.metadata.name).toHaveLength(63);
  });

  it('finished pods lose the finalizer after being counted; orphaned pods lose it when the Job is gone', () => {
    h = new Harness();
    h.createJob('fin');
    h.runUntil(() => h.finished('fin'));
    expect(h.pods('fin')[0]!.metadata.finalizers ?? []).toEqual([]);

    h.script = () => ({ durationMs: Infinity });
    h.createJob('orphan');
    h.run(1000);
    const pod = h.pods('orphan')[0]!;
    expect(pod.metadata.finalizers).toEqual(['batch.kubernetes.io/job-tracking']);
    h.store.delete('jobs', 'default', 'orphan', { propagationPolicy: 'Orphan' });
    h.run(0);
    const after = h.pod(pod.metadata.name!)!;
    expect(after.metadata.finalizers ?? []).toEqual([]);
    expect(after.status?.phase).toBe('Running');
  });
});
