import { startKubeSim, type KubeSim } from '@drmaa2/kube-sim';
import { KubeConfig } from '@kubernetes/client-node';
import { afterEach, describe, expect, it } from 'vitest';
import { KubeApiError } from '../../src/client/kube-api-error.js';
import { KubeHttp } from '../../src/client/kube-http.js';
import { ManualClock } from '../support/manual-clock.js';

let sim: KubeSim | undefined;
let http: KubeHttp | undefined;

async function connect(options: ConstructorParameters<typeof KubeHttp>[1] = {}): Promise<{ sim: KubeSim; http: KubeHttp }> {
  sim = await startKubeSim({ controllers: false });
  const kc = new KubeConfig();
  kc.loadFromFile(sim.kubeconfigPath);
  http = new KubeHttp(kc, { retryBaseMs: 1, ...options });
  return { sim, http };
}

afterEach(async () => {
  http?.close();
  await sim?.stop();
  sim = undefined;
  http = undefined;
});

const configMaps = '/api/v1/namespaces/default/configmaps';

describe('KubeHttp', () => {
  it('retries 429 (after Retry-After), 503 and connection resets, then succeeds; each attempt reaches the server', async () => {
    const { sim, http } = await connect();
    sim.faults.add({ match: { verb: 'list', resource: 'configmaps', times: 1 }, action: { type: 'status', code: 429, retryAfterSeconds: 0 } });
    sim.faults.add({ match: { verb: 'list', resource: 'configmaps', times: 1 }, action: { type: 'status', code: 503 } });
    sim.faults.add({ match: { verb: 'list', resource: 'configmaps', times: 1 }, action: { type: 'reset', when: 'before' } });
    sim.resetStats();
    const list = await http.request<{ kind: string }>({ method: 'GET', path: configMaps });
    expect(list.kind).toBe('ConfigMapList');
    expect(sim.stats().requests.byResource.configmaps?.list).toBe(4);
  });

  it('gives up after maxRetries with the last status, and never retries what must not be repeated', async () => {
    const { sim, http } = await connect({ maxRetries: 2 });
    sim.faults.add({ match: { verb: 'list', resource: 'configmaps' }, action: { type: 'status', code: 500 } });
    await expect(http.request({ method: 'GET', path: configMaps })).rejects.toMatchObject({ status: 500 });
    expect(sim.stats().requests.byResource.configmaps?.list).toBe(3);
    sim.faults.add({ match: { verb: 'create', resource: 'configmaps' }, action: { type: 'status', code: 503 } });
    await expect(http.request({ method: 'POST', path: configMaps, body: { metadata: { name: 'x' } }, retry: false })).rejects.toBeInstanceOf(KubeApiError);
    expect(sim.stats().requests.byResource.configmaps?.create).toBe(1);
  });

  it('does not retry client errors and carries the Status body', async () => {
    const { sim, http } = await connect();
    const failure = await http.request({ method: 'GET', path: `${configMaps}/missing` }).catch((error: unknown) => error);
    expect(failure).toMatchObject({ status: 404, reason: 'NotFound' });
    expect(sim.stats().requests.byResource.configmaps?.get).toBe(1);
  });

  it('keeps connections alive: many sequential requests use few sockets', async () => {
    const { sim, http } = await connect();
    const sockets = new Set<unknown>();
    sim.server.on('connection', (socket) => sockets.add(socket));
    for (let i = 0; i < 20; i += 1) await http.request({ method: 'GET', path: configMaps });
    expect(sockets.size).toBe(1);
  });

  it('honours the rate limiter: a burst of 2 at 1 qps lets 2 through at once, the third waits for a token', async () => {
    const clock = new ManualClock();
    const { sim, http } = await connect({ qps: 1, burst: 2, clock });
    const done: number[] = [];
    const requests = [0, 1, 2].map((i) => http.request({ method: 'GET', path: configMaps }).then(() => done.push(i)));
    await Promise.all(requests.slice(0, 2));
    expect(done.sort()).toEqual([0, 1]);
    expect(sim.stats().requests.byResource.configmaps?.list).toBe(2);
    clock.advance(999);
    expect(sim.stats().requests.byResource.configmaps?.list).toBe(2);
    clock.advance(1);
    await requests[2];
    expect(done).toHaveLength(3);
  });

  it('aborts a request with the caller\'s reason', async () => {
    const { sim, http } = await connect();
    sim.faults.add({ match: { verb: 'list', resource: 'configmaps' }, action: { type: 'latency', ms: 5000 } });
    const controller = new AbortController();
    const pending = http.request({ method: 'GET', path: configMaps, signal: controller.signal });
    controller.abort(new Error('stop'));
    await expect(pending).rejects.toThrow('stop');
  });
});
