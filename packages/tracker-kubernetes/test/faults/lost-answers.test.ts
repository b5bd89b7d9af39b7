import { JobState } from '@drmaa2/core';
import type { FaultMatcher } from '@drmaa2/kube-sim';
import { KubeConfig } from '@kubernetes/client-node';
import { afterEach, describe, expect, it } from 'vitest';
import { KubeHttp } from '../../src/client/kube-http.js';
import { startHarness, testImage, type SimHarness } from '../support/sim-harness.js';

let h: SimHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** The next request matching `match` is carried out by kube-sim, but its answer never arrives (the connection drops). */
function loseNextAnswer(harness: SimHarness, match: FaultMatcher): void {
  harness.sim.faults.add({ match: { ...match, times: 1 }, action: { type: 'reset', when: 'after' } });
}

const sleep = { remoteCommand: 'sleep', args: ['3600'], jobCategory: testImage };

describe('a write whose answer is lost (the server acted, the connection dropped) is retried to the same result', () => {
  it('createJobSession: the session exists once and the call resolves', async () => {
    h = await startHarness();
    h.sim.resetStats();
    loseNextAnswer(h, { verb: 'create', resource: 'configmaps' });
    await h.sm.createJobSession('lost-create');
    expect(await h.sm.getJobSessionNames()).toContain('lost-create');
    expect(h.sim.stats().requests.byResource.configmaps?.create).toBe(2);
  });

  it('destroyJobSession: the session is gone and the call resolves', async () => {
    h = await startHarness();
    await h.sm.createJobSession('lost-delete');
    loseNextAnswer(h, { verb: 'delete', resource: 'configmaps' });
    await h.sm.destroyJobSession('lost-delete');
    expect(await h.sm.getJobSessionNames()).not.toContain('lost-delete');
  });

  it('runJob with a staged file: one Job, one ConfigMap', async () => {
    h = await startHarness();
    loseNextAnswer(h, { verb: 'create', resource: 'configmaps' });
    loseNextAnswer(h, { verb: 'create', resource: 'jobs' });
    const job = await h.session.runJob({ ...sleep, stageInFiles: { '/in': 'configmap-data:aGk=' } });
    expect(h.sim.store.list('jobs').map((object) => object.metadata.name)).toEqual([job.id.split('/')[1]]);
    expect(h.sim.store.list('configmaps').filter((object) => object.metadata.labels?.['drmaa2.io/job'] !== undefined)).toHaveLength(1);
  });

  it('suspend and terminate: the job ends in the state asked for', async () => {
    h = await startHarness();
    const job = await h.session.runJob(sleep);
    await job.waitStarted();
    loseNextAnswer(h, { verb: 'patch', resource: 'jobs' });
    await job.suspend();
    await expect.poll(async () => (await job.getState()).state).toBe(JobState.Suspended);
    loseNextAnswer(h, { verb: 'patch', resource: 'jobs' });
    await job.terminate();
    expect((await job.waitTerminated()).id).toBe(job.id);
    expect((await job.getState()).state).toBe(JobState.Failed);
  });

  it('reap: the Job is gone and the call resolves', async () => {
    h = await startHarness();
    const job = await h.session.runJob({ remoteCommand: 'true', jobCategory: testImage });
    await job.waitTerminated();
    loseNextAnswer(h, { verb: 'delete', resource: 'jobs' });
    await job.reap();
    expect(h.sim.store.list('jobs')).toEqual([]);
    expect(await h.session.getJobs()).toEqual([]);
  });
});

describe('the client tells a conflict it may have caused from one it did not', () => {
  it('a 409 on a retried create after a lost answer is marked afterLostAnswer; a plain duplicate is not', async () => {
    h = await startHarness();
    const kc = new KubeConfig();
    kc.loadFromFile(h.sim.kubeconfigPath);
    const http = new KubeHttp(kc, { retryBaseMs: 1 });
    const create = (name: string): Promise<unknown> =>
      http.request({ method: 'POST', path: '/api/v1/namespaces/default/configmaps', body: { metadata: { name } } }).catch((error: unknown) => error);
    try {
      loseNextAnswer(h, { verb: 'create', resource: 'configmaps' });
      expect(await create('lost')).toMatchObject({ status: 409, afterLostAnswer: true });
      expect(await create('lost')).toMatchObject({ status: 409, afterLostAnswer: false });
      h.sim.faults.add({ match: { verb: 'delete', resource: 'configmaps', times: 1 }, action: { type: 'status', code: 500 } });
      loseNextAnswer(h, { verb: 'delete', resource: 'configmaps' });
      const gone = await http.request({ method: 'DELETE', path: '/api/v1/namespaces/default/configmaps/lost' }).catch((error: unknown) => error);
      expect(gone).toMatchObject({ status: 404, afterLostAnswer: true });
    } finally {
      http.close();
    }
  });
});
