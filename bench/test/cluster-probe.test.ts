import { ClusterStore, type KubeObject } from '@drmaa2/kube-sim';
import { describe, expect, it } from 'vitest';
import { attachProbe } from '../src/sim/cluster-probe.js';

function pod(name: string, job: string): KubeObject {
  return {
    metadata: { name, labels: { 'batch.kubernetes.io/job-name': job } },
    spec: { restartPolicy: 'Never', containers: [{ name: 'job', image: 'busybox:1.36' }] },
  };
}

function setPhase(store: ClusterStore, name: string, phase: string): void {
  store.mutate('pods', 'default', name, (object) => {
    object.status = { phase };
  });
}

describe('cluster probe', () => {
  it('counts pods running at once per Job and in total, and the first terminal write per Job', () => {
    const store = new ClusterStore();
    store.create('namespaces', undefined, { metadata: { name: 'default' } });
    const probe = attachProbe(store);
    for (const name of ['a-1', 'a-2', 'a-3']) store.create('pods', 'default', pod(name, 'a'));
    store.create('pods', 'default', pod('b-1', 'b'));
    setPhase(store, 'a-1', 'Running');
    setPhase(store, 'a-2', 'Running');
    setPhase(store, 'b-1', 'Running');
    setPhase(store, 'a-1', 'Succeeded');
    setPhase(store, 'a-3', 'Running');
    const report = probe.report();
    expect(report.maxRunning).toEqual({ a: 2, b: 1 });
    expect(report.maxRunningTotal).toBe(3);
    expect(Object.keys(report.terminalAt)).toEqual(['a']);
    const firstFinish = report.terminalAt.a;
    setPhase(store, 'a-2', 'Failed');
    expect(probe.report().terminalAt.a).toBe(firstFinish);
    probe.close();
  });

  it('a Job condition counts as terminal; reset forgets what was seen but keeps pods still running', () => {
    const store = new ClusterStore();
    store.create('namespaces', undefined, { metadata: { name: 'default' } });
    const probe = attachProbe(store);
    store.create('pods', 'default', pod('c-1', 'c'));
    setPhase(store, 'c-1', 'Running');
    probe.reset();
    expect(probe.report()).toEqual({ terminalAt: {}, maxRunning: { c: 1 }, maxRunningTotal: 1 });
    store.create('jobs', 'default', {
      metadata: { name: 'd' },
      spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'job', image: 'busybox:1.36' }] } } },
    });
    expect(probe.report().terminalAt.d).toBeUndefined();
    store.mutate('jobs', 'default', 'd', (object) => {
      object.status = { conditions: [{ type: 'Complete', status: 'True' }] };
    }, { subresource: 'status' });
    expect(probe.report().terminalAt.d).toBeTypeOf('number');
    probe.close();
  });
});
