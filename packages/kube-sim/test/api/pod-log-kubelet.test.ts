import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KubeObject } from '../../src/index.js';
import { FakeClock } from '../controllers/support/fake-clock.js';
import { jobBody, raw, startTestSim, type TestSim } from '../support/test-sim.js';

const clock = new FakeClock();
let t: TestSim;
let pod = '';

interface ContainerStatus {
  name: string;
  restartCount: number;
  state: { running?: unknown; waiting?: { reason: string }; terminated?: { exitCode: number } };
}
const statusOf = (name: string): ContainerStatus | undefined =>
  (t.sim.store.get('pods', 'default', pod)?.status as { containerStatuses?: ContainerStatus[] } | undefined)?.containerStatuses?.find((c) => c.name === name);

const LOG = (query: string): string => `/api/v1/namespaces/default/pods/${pod}/log${query}`;

beforeAll(async () => {
  t = await startTestSim({
    controllers: true,
    clock,
    recordEvents: false,
    timing: { podStartMs: 0, syncBatchMs: 0, kubeletBackoffBaseMs: 1000 },
    kubelet: {
      mode: 'scripted',
      script: (c) => {
        if (c.containerName === 'side') return { durationMs: Infinity, log: 'side 1\nside 2\nside 3\n' };
        if (c.attempt === 0) return { durationMs: 1000, log: 'first run\n', exitCode: 1 };
        return { durationMs: 10_000, log: 'second run\n', finalLog: 'second done\n' };
      },
    },
  });
  const body = jobBody('logs', { template: { spec: { restartPolicy: 'OnFailure', containers: [{ name: 'main', image: 'busybox:1.36' }, { name: 'side', image: 'busybox:1.36' }] } } });
  await t.batch.createNamespacedJob({ namespace: 'default', body });
  clock.advance(0);
  const pods: KubeObject[] = t.sim.store.list('pods', 'default', { labelSelector: 'job-name=logs' });
  pod = pods[0]?.metadata.name ?? '';
});
afterAll(async () => {
  await t.sim.stop();
});

describe('pods/log served from the scripted kubelet: container, tailLines, previous, follow', () => {
  it('a multi-container pod needs ?container=; tailLines cuts the log to its last lines', async () => {
    expect(statusOf('main')?.state.running).toBeDefined();
    const none = await raw(t.sim, 'GET', LOG(''));
    expect(none.status).toBe(400);
    expect(none.json<{ message: string }>().message).toBe(`a container name must be specified for pod ${pod}, choose one of: [main side]`);
    expect((await raw(t.sim, 'GET', LOG('?container=side'))).text).toBe('side 1\nside 2\nside 3\n');
    expect((await raw(t.sim, 'GET', LOG('?container=side&tailLines=2'))).text).toBe('side 2\nside 3\n');
    expect((await raw(t.sim, 'GET', LOG('?container=side&tailLines=0'))).text).toBe('');
    expect((await raw(t.sim, 'GET', LOG('?container=main'))).text).toBe('first run\n');
  });

  it('previous=true before any restart is 400; after a restart it serves the last instance', async () => {
    const before = await raw(t.sim, 'GET', LOG('?container=main&previous=true'));
    expect(before.status).toBe(400);
    expect(before.json<{ message: string }>().message).toBe(`previous terminated container "main" in pod "${pod}" not found`);
    // the first restart is immediate, as in the kubelet (CrashLoopBackOff only from the second)
    clock.advance(1000);
    expect(statusOf('main')).toMatchObject({ restartCount: 1, state: { running: { startedAt: '2026-01-01T00:00:01Z' } } });
    expect((await raw(t.sim, 'GET', LOG('?container=main&previous=true'))).text).toBe('first run\n');
    expect((await raw(t.sim, 'GET', LOG('?container=main'))).text).toBe('second run\n');
  });

  it('follow=true streams the current text, then what the container writes, and ends when it exits', async () => {
    const res = await fetch(`${t.sim.url}${LOG('?container=main&follow=true')}`, { headers: { Authorization: `Bearer ${t.sim.token}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/plain');
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    while (!text.includes('second run\n')) text += decoder.decode(((await reader.read()) as { value?: Uint8Array }).value, { stream: true });
    clock.advance(10_000);
    for (;;) {
      const chunk = (await reader.read()) as { done: boolean; value?: Uint8Array };
      if (chunk.done) break;
      text += decoder.decode(chunk.value, { stream: true });
    }
    expect(text).toBe('second run\nsecond done\n');
    expect(statusOf('main')?.state.terminated?.exitCode).toBe(0);
    expect(t.sim.stats().requests.byResource['pods/log']).toEqual({ get: 9 });
  });
});
