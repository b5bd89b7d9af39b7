import { Watch } from '@kubernetes/client-node';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { FakeClock } from '../controllers/support/fake-clock.js';
import { jobBody, raw, startTestSim } from '../support/test-sim.js';
import { WatchReader } from '../support/watch-reader.js';

function port(server: { address(): AddressInfo | string | null }): number {
  const a = server.address();
  return typeof a === 'object' && a !== null ? a.port : -1;
}

describe('sim.restart(): an API server restart that keeps its store', () => {
  it('cuts open watches, listens again on the same port with the same token; objects and the RV counter are kept', async () => {
    const t = await startTestSim({ namespaces: ['r'] });
    try {
      await t.core.createNamespacedConfigMap({ namespace: 'r', body: { metadata: { name: 'before' }, data: { a: '1' } } });
      const rv = t.sim.store.resourceVersion;
      const before = port(t.sim.server);
      const events: string[] = [];
      let opened: () => void = () => undefined;
      const isOpen = new Promise<void>((resolve) => {
        opened = resolve;
      });
      const done = new Promise<unknown>((resolve) => {
        void new Watch(t.kc).watch('/api/v1/namespaces/r/configmaps', { resourceVersion: rv }, (type) => events.push(type), resolve).then(() => opened());
      });
      await isOpen;
      expect(t.sim.stats().openWatches).toBe(1);
      await t.sim.restart();
      const ended = await done;
      expect(ended).toBeInstanceOf(Error);
      expect(t.sim.stats().openWatches).toBe(0);
      expect(port(t.sim.server)).toBe(before);
      expect(t.sim.store.resourceVersion).toBe(rv);
      const list = await t.core.listNamespacedConfigMap({ namespace: 'r' });
      expect(list.items.map((c) => c.metadata?.name)).toEqual(['before']);
      expect(list.metadata?.resourceVersion).toBe(rv);
      const created = await t.core.createNamespacedConfigMap({ namespace: 'r', body: { metadata: { name: 'after' } } });
      expect(Number(created.metadata?.resourceVersion)).toBe(Number(rv) + 1);
      expect(events).toEqual([]);
    } finally {
      await t.sim.stop();
    }
  });

  it('by default watches from a version older than the restart get 410 Expired (rebuilt watch cache); the current one resumes', async () => {
    const t = await startTestSim({ namespaces: ['r'] });
    try {
      t.sim.store.create('configmaps', 'r', { metadata: { name: 'a' } });
      const old = t.sim.store.resourceVersion;
      t.sim.store.create('configmaps', 'r', { metadata: { name: 'b' } });
      const current = t.sim.store.resourceVersion;
      await t.sim.restart();
      const stale = new WatchReader(t.sim, `/api/v1/namespaces/r/configmaps?watch=1&resourceVersion=${old}`);
      await stale.done;
      expect(stale.status).toBe(200);
      expect(stale.lines).toEqual([{ type: 'ERROR', object: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: `too old resource version: ${old} (${current})`, reason: 'Expired', code: 410 } }]);
      const fresh = new WatchReader(t.sim, `/api/v1/namespaces/r/configmaps?watch=1&resourceVersion=${current}`);
      await fresh.opened;
      t.sim.store.create('configmaps', 'r', { metadata: { name: 'c' } });
      await fresh.waitForCount(1);
      expect(fresh.lines.map((l) => [l.type, l.object.metadata.name])).toEqual([['ADDED', 'c']]);
      fresh.close();
      // Lists and continue tokens read storage, not the watch cache: they are unaffected.
      expect((await raw(t.sim, 'GET', `/api/v1/namespaces/r/configmaps?resourceVersion=${old}&resourceVersionMatch=Exact`)).status).toBe(200);
    } finally {
      await t.sim.stop();
    }
  });

  it('keepWatchHistory: true lets watches resume from any version still in history', async () => {
    const t = await startTestSim({ namespaces: ['r'] });
    try {
      t.sim.store.create('configmaps', 'r', { metadata: { name: 'a' } });
      const old = t.sim.store.resourceVersion;
      t.sim.store.create('configmaps', 'r', { metadata: { name: 'b' } });
      await t.sim.restart({ keepWatchHistory: true });
      const w = new WatchReader(t.sim, `/api/v1/namespaces/r/configmaps?watch=1&resourceVersion=${old}`);
      await w.waitForCount(1);
      expect(w.lines.map((l) => [l.type, l.object.metadata.name])).toEqual([['ADDED', 'b']]);
      w.close();
    } finally {
      await t.sim.stop();
    }
  });

  it('downtimeMs: connections are refused until the server listens again', async () => {
    const t = await startTestSim();
    try {
      const restarting = t.sim.restart({ downtimeMs: 1000 });
      const refused = await fetch(`${t.sim.url}/version`).then(() => undefined, (e: unknown) => (e as { cause?: { code?: string } }).cause?.code);
      expect(refused).toBe('ECONNREFUSED');
      await restarting;
      expect((await fetch(`${t.sim.url}/version`)).status).toBe(200);
      await expect(t.sim.restart({ downtimeMs: -1 })).rejects.toBeInstanceOf(RangeError);
    } finally {
      await t.sim.stop();
    }
    await expect(t.sim.restart()).rejects.toThrow('restart() after stop()');
  });

  it('an in-flight request (held by a latency fault) dies with the connection, unserved', async () => {
    const t = await startTestSim({ namespaces: ['r'] });
    try {
      t.sim.faults.add({ match: { verb: 'create', resource: 'configmaps' }, action: { type: 'latency', ms: 60_000 } });
      const pending = fetch(`${t.sim.url}/api/v1/namespaces/r/configmaps`, {
        method: 'POST', headers: { Authorization: `Bearer ${t.sim.token}`, 'Content-Type': 'application/json' }, body: JSON.stringify({ metadata: { name: 'held' } }),
      }).then(() => 'answered', () => 'dropped');
      while ((t.sim.stats().requests.byResource.configmaps?.create ?? 0) === 0) await new Promise((resolve) => setTimeout(resolve, 5));
      await t.sim.restart();
      expect(await pending).toBe('dropped');
      expect(t.sim.store.get('configmaps', 'r', 'held')).toBeUndefined();
    } finally {
      await t.sim.stop();
    }
  });

  it('controllers keep running across a restart: a Job started before finishes after it', async () => {
    const clock = new FakeClock();
    const t = await startTestSim({ controllers: true, clock, kubelet: { mode: 'scripted', script: () => ({ durationMs: 5000, log: 'ok\n' }) } });
    try {
      await t.batch.createNamespacedJob({ namespace: 'default', body: jobBody('survivor') });
      clock.advance(2000);
      expect(t.sim.store.count('pods')).toBe(1);
      await t.sim.restart();
      for (let i = 0; i < 30; i++) {
        clock.advance(1000);
        await new Promise((resolve) => setImmediate(resolve));
      }
      const job = await t.batch.readNamespacedJob({ namespace: 'default', name: 'survivor' });
      expect(job.status?.conditions?.map((c) => c.type)).toEqual(['SuccessCriteriaMet', 'Complete']);
      expect(job.status?.succeeded).toBe(1);
    } finally {
      await t.sim.stop();
    }
  });
});
