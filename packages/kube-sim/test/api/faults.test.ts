import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { V1ConfigMap } from '@kubernetes/client-node';
import { apiFailure, raw, startTestSim, type TestSim } from '../support/test-sim.js';
import { WatchReader } from '../support/watch-reader.js';

let t: TestSim;
beforeAll(async () => {
  t = await startTestSim({ namespaces: ['f'] });
});
afterAll(async () => {
  await t.sim.stop();
});
beforeEach(() => {
  t.sim.faults.clear();
});

const cm = (name: string): { namespace: string; body: V1ConfigMap } => ({ namespace: 'f', body: { metadata: { name } } });

describe('checklist 25: 429 Retry-After and 5xx fault injection', () => {
  it('429 carries a Retry-After header and details.retryAfterSeconds (client-node sees both)', async () => {
    t.sim.faults.add({ match: { verb: 'create', resource: 'configmaps' }, action: { type: 'status', code: 429, retryAfterSeconds: 7 } });
    const failure = await apiFailure(t.core.createNamespacedConfigMap(cm('throttled')));
    expect(failure.code).toBe(429);
    expect(failure.headers['retry-after']).toBe('7');
    expect(failure.body).toEqual({
      kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'Too many requests, please try again later.',
      reason: 'TooManyRequests', details: { retryAfterSeconds: 7 }, code: 429,
    });
    expect(t.sim.store.get('configmaps', 'f', 'throttled')).toBeUndefined();
  });

  it('500 InternalError, 503 ServiceUnavailable and 504 Timeout', async () => {
    for (const [code, reason] of [[500, 'InternalError'], [503, 'ServiceUnavailable'], [504, 'Timeout']] as const) {
      t.sim.faults.clear();
      t.sim.faults.add({ match: { verb: 'list' }, action: { type: 'status', code } });
      const failure = await apiFailure(t.core.listNamespacedConfigMap({ namespace: 'f' }));
      expect(failure.code).toBe(code);
      expect(failure.body.reason).toBe(reason);
    }
  });

  it('matchers: nth request, name pattern, times', async () => {
    t.sim.faults.add({ match: { verb: 'get', resource: 'namespaces', nth: 2 }, action: { type: 'status', code: 500 } });
    const codes: number[] = [];
    for (let i = 0; i < 4; i++) codes.push((await raw(t.sim, 'GET', '/api/v1/namespaces/f')).status);
    expect(codes).toEqual([200, 500, 200, 200]);
    t.sim.faults.clear();
    t.sim.faults.add({ match: { name: /^bad-/, times: 1 }, action: { type: 'status', code: 503 } });
    expect((await raw(t.sim, 'GET', '/api/v1/namespaces/f/configmaps/bad-1')).status).toBe(503);
    expect((await raw(t.sim, 'GET', '/api/v1/namespaces/f/configmaps/bad-1')).status).toBe(404);
    expect((await raw(t.sim, 'GET', '/api/v1/namespaces/f/configmaps/good')).status).toBe(404);
  });

  it('probability with a seed is deterministic', async () => {
    const pattern = async (): Promise<number[]> => {
      t.sim.faults.clear();
      t.sim.faults.reseed(42);
      t.sim.faults.add({ match: { verb: 'list', probability: 0.5 }, action: { type: 'status', code: 503 } });
      const out: number[] = [];
      for (let i = 0; i < 20; i++) out.push((await raw(t.sim, 'GET', '/api/v1/namespaces/f/configmaps')).status);
      return out;
    };
    const a = await pattern();
    const b = await pattern();
    expect(a).toEqual(b);
    expect(a).toContain(200);
    expect(a).toContain(503);
  });

  it('connection reset before the server acted (nothing stored) and after (stored)', async () => {
    t.sim.faults.add({ match: { verb: 'create', name: undefined, nth: 1 }, action: { type: 'reset', when: 'before' } });
    await expect(raw(t.sim, 'POST', '/api/v1/namespaces/f/configmaps', { metadata: { name: 'reset-before' } })).rejects.toThrow();
    expect(t.sim.store.get('configmaps', 'f', 'reset-before')).toBeUndefined();
    t.sim.faults.clear();
    t.sim.faults.add({ match: { verb: 'create', nth: 1 }, action: { type: 'reset', when: 'after' } });
    await expect(t.core.createNamespacedConfigMap(cm('reset-after'))).rejects.toThrow();
    expect(t.sim.store.get('configmaps', 'f', 'reset-after')).toBeDefined();
  });

  it('added latency delays only the matched request', async () => {
    t.sim.faults.add({ match: { resource: 'configmaps', verb: 'get' }, action: { type: 'latency', ms: 300 } });
    let slowDone = false;
    const slow = raw(t.sim, 'GET', '/api/v1/namespaces/f/configmaps/none').then((r) => {
      slowDone = true;
      return r;
    });
    expect((await raw(t.sim, 'GET', '/api/v1/namespaces/f')).status).toBe(200);
    expect(slowDone).toBe(false);
    expect((await slow).status).toBe(404);
  });

  it('watch streams are cut after N events (reset) or closed cleanly', async () => {
    const cut = t.sim.faults.addWatchCut({ match: { resource: 'configmaps' }, afterEvents: 2 });
    const w = new WatchReader(t.sim, `/api/v1/namespaces/f/configmaps?watch=1&resourceVersion=${t.sim.store.resourceVersion}`);
    await w.opened;
    for (const n of ['cut-1', 'cut-2', 'cut-3']) await raw(t.sim, 'POST', '/api/v1/namespaces/f/configmaps', { metadata: { name: n } });
    await w.done;
    expect(w.lines.map((l) => l.object.metadata.name)).toEqual(['cut-1', 'cut-2']);
    t.sim.faults.remove(cut);
    t.sim.faults.addWatchCut({ afterEvents: 1, mode: 'close' });
    const c = new WatchReader(t.sim, '/api/v1/namespaces/f/configmaps?watch=1');
    await c.done;
    expect(c.lines).toHaveLength(1);
    expect(t.sim.stats().faultsInjected).toBeGreaterThanOrEqual(2);
  });

  it('watch streams can be cut periodically (everyMs); every-n-th matcher', async () => {
    t.sim.faults.addWatchCut({ match: { resource: 'configmaps' }, everyMs: 50 });
    const w = new WatchReader(t.sim, `/api/v1/namespaces/f/configmaps?watch=1&resourceVersion=${t.sim.store.resourceVersion}`);
    await w.done;
    expect(w.status).toBe(200);
    expect(t.sim.stats().openWatches).toBe(0);
    t.sim.faults.clear();
    t.sim.faults.add({ match: { verb: 'get', resource: 'namespaces', every: 3 }, action: { type: 'status', code: 503 } });
    const codes: number[] = [];
    for (let i = 0; i < 6; i++) codes.push((await raw(t.sim, 'GET', '/api/v1/namespaces/f')).status);
    expect(codes).toEqual([200, 200, 503, 200, 200, 503]);
  });
});
