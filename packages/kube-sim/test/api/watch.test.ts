import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Watch } from '@kubernetes/client-node';
import { raw, startTestSim, type TestSim } from '../support/test-sim.js';
import { WatchReader } from '../support/watch-reader.js';

let t: TestSim;
beforeAll(async () => {
  t = await startTestSim({ namespaces: ['w'], watch: { bookmarkIntervalMs: 20 } });
});
afterAll(async () => {
  await t.sim.stop();
});

async function cm(name: string, data: Record<string, string> = {}): Promise<string> {
  const res = await raw(t.sim, 'POST', '/api/v1/namespaces/w/configmaps', { metadata: { name }, data });
  return res.json<{ metadata: { resourceVersion: string } }>().metadata.resourceVersion;
}

describe('checklist 7: watch NDJSON, ADDED replay for ""/"0", strictly-after-RV, BOOKMARKs, server timeouts', () => {
  it('RV unset and "0" replay current objects as ADDED, then stream live changes', async () => {
    await cm('w-a');
    await cm('w-b');
    for (const rv of ['', '&resourceVersion=0']) {
      const w = new WatchReader(t.sim, `/api/v1/namespaces/w/configmaps?watch=1${rv}`);
      await w.waitForCount(2);
      expect(w.status).toBe(200);
      expect(w.contentType).toBe('application/json');
      expect(w.lines.map((l) => [l.type, l.object.metadata.name])).toEqual([['ADDED', 'w-a'], ['ADDED', 'w-b']]);
      expect(w.lines[0]?.object.kind).toBe('ConfigMap');
      expect(w.lines[0]?.object.apiVersion).toBe('v1');
      await raw(t.sim, 'PATCH', '/api/v1/namespaces/w/configmaps/w-a', { data: { x: rv } }, { contentType: 'application/merge-patch+json' });
      await w.waitForCount(3);
      expect(w.lines[2]?.type).toBe('MODIFIED');
      w.close();
    }
  });

  it('a given RV streams only changes strictly after it, DELETED with the last state', async () => {
    const rv1 = await cm('after-1');
    await cm('after-2');
    const w = new WatchReader(t.sim, `/api/v1/namespaces/w/configmaps?watch=true&resourceVersion=${rv1}`);
    await w.waitForCount(1);
    expect(w.lines.map((l) => [l.type, l.object.metadata.name])).toEqual([['ADDED', 'after-2']]);
    await raw(t.sim, 'DELETE', '/api/v1/namespaces/w/configmaps/after-1');
    await w.waitForCount(2);
    expect(w.lines[1]?.type).toBe('DELETED');
    expect(w.lines[1]?.object.metadata.name).toBe('after-1');
    expect(Number(w.lines[1]?.object.metadata.resourceVersion)).toBeGreaterThan(Number(rv1));
    w.close();
  });

  it('BOOKMARK objects carry only kind, apiVersion and metadata.resourceVersion', async () => {
    const w = new WatchReader(t.sim, `/apis/batch/v1/namespaces/w/jobs?watch=1&resourceVersion=${t.sim.store.resourceVersion}&allowWatchBookmarks=true`);
    await w.waitFor((lines) => lines.some((l) => l.type === 'BOOKMARK'));
    const bookmark = w.lines.find((l) => l.type === 'BOOKMARK');
    expect(bookmark?.object).toEqual({ kind: 'Job', apiVersion: 'batch/v1', metadata: { resourceVersion: t.sim.store.resourceVersion } });
    w.close();
    const none = new WatchReader(t.sim, `/apis/batch/v1/namespaces/w/jobs?watch=1&timeoutSeconds=1`);
    await none.done;
    expect(none.lines).toEqual([]);
  });

  it('sendInitialEvents ends the replay with the initial-events-end bookmark', async () => {
    const w = new WatchReader(t.sim, '/api/v1/namespaces/w/configmaps?watch=1&sendInitialEvents=true&resourceVersionMatch=NotOlderThan&allowWatchBookmarks=true');
    await w.waitFor((lines) => lines.some((l) => l.type === 'BOOKMARK'));
    const idx = w.lines.findIndex((l) => l.type === 'BOOKMARK');
    expect(w.lines.slice(0, idx).every((l) => l.type === 'ADDED')).toBe(true);
    expect(w.lines[idx]?.object.metadata.annotations).toEqual({ 'k8s.io/initial-events-end': 'true' });
    w.close();
    const bad = await raw(t.sim, 'GET', '/api/v1/namespaces/w/configmaps?watch=1&sendInitialEvents=true');
    expect(bad.status).toBe(422);
  });

  it('timeoutSeconds ends the stream cleanly (client-node done(null)), with a final bookmark when allowed', async () => {
    const w = new WatchReader(t.sim, `/api/v1/namespaces/w/configmaps?watch=1&resourceVersion=${t.sim.store.resourceVersion}&timeoutSeconds=1&allowWatchBookmarks=true`);
    await w.done;
    expect(w.lines.at(-1)?.type).toBe('BOOKMARK');
    const done = await new Promise<unknown>((resolve) => {
      void new Watch(t.kc).watch('/api/v1/namespaces/w/configmaps', { timeoutSeconds: 1, resourceVersion: t.sim.store.resourceVersion }, () => undefined, resolve);
    });
    expect(done).toBeNull();
    expect(t.sim.stats().openWatches).toBe(0);
  });
});

describe('checklist 7: server-side default timeout', () => {
  it('without timeoutSeconds the server still closes the watch after its own timeout (clients re-watch)', async () => {
    const short = await startTestSim({ watch: { defaultTimeoutSeconds: 0.2 } });
    try {
      const w = new WatchReader(short.sim, '/api/v1/namespaces?watch=1');
      await w.done;
      expect(w.status).toBe(200);
      expect(w.lines.map((l) => l.type)).toEqual(['ADDED', 'ADDED']);
      expect(short.sim.stats().openWatches).toBe(0);
    } finally {
      await short.sim.stop();
    }
  });
});

describe('checklist 8: too-old RV gives HTTP 200, then an ERROR event with Status code 410 Expired', () => {
  it('after compaction, an old RV gets exactly one ERROR line and the stream ends', async () => {
    const old = Number(await cm('compact-me'));
    await cm('compact-2');
    t.sim.faults.compact();
    const compacted = t.sim.store.compactedRevision;
    const w = new WatchReader(t.sim, `/api/v1/namespaces/w/configmaps?watch=1&resourceVersion=${old}`);
    await w.done;
    expect(w.status).toBe(200);
    expect(w.lines).toEqual([
      {
        type: 'ERROR',
        object: {
          kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure',
          message: `too old resource version: ${old} (${compacted})`, reason: 'Expired', code: 410,
        },
      },
    ]);
  });

  it('client-node sees the ERROR event, then done(null)', async () => {
    const events: { type: string; code: unknown }[] = [];
    const done = await new Promise<unknown>((resolve) => {
      void new Watch(t.kc).watch('/api/v1/namespaces/w/configmaps', { resourceVersion: '1' }, (type, obj: { code?: unknown }) => events.push({ type, code: obj.code }), resolve);
    });
    expect(events).toEqual([{ type: 'ERROR', code: 410 }]);
    expect(done).toBeNull();
  });
});
