import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PodLogSource } from '../../src/index.js';
import { podBody, raw, startTestSim, type TestSim } from '../support/test-sim.js';

/** An in-memory log source the test writes to. */
class FakeLogs implements PodLogSource {
  readonly logs = new Map<string, string>();
  readonly followers = new Map<string, { onChunk: (t: string) => void; onEnd: () => void }[]>();
  read(ns: string, pod: string, c: string, opts: { previous?: boolean }): string | undefined {
    return this.logs.get(`${ns}/${pod}/${c}${opts.previous === true ? '/prev' : ''}`);
  }
  follow(ns: string, pod: string, c: string, onChunk: (t: string) => void, onEnd: () => void): () => void {
    const key = `${ns}/${pod}/${c}`;
    const list = this.followers.get(key) ?? [];
    const entry = { onChunk, onEnd };
    list.push(entry);
    this.followers.set(key, list);
    return () => list.splice(list.indexOf(entry), 1);
  }
  write(key: string, text: string): void {
    this.logs.set(key, (this.logs.get(key) ?? '') + text);
    for (const f of this.followers.get(key) ?? []) f.onChunk(text);
  }
  end(key: string): void {
    for (const f of [...(this.followers.get(key) ?? [])]) f.onEnd();
  }
}

const logs = new FakeLogs();
let t: TestSim;
const LOG = (pod: string, q = ''): string => `/api/v1/namespaces/default/pods/${pod}/log${q}`;

beforeAll(async () => {
  t = await startTestSim({ podLogs: logs });
  await raw(t.sim, 'POST', '/api/v1/namespaces/default/pods', podBody('one', { nodeName: 'sim-node-1' }));
  await raw(t.sim, 'POST', '/api/v1/namespaces/default/pods', podBody('two', { nodeName: 'sim-node-1', containers: ['a', 'b'] }));
  await raw(t.sim, 'POST', '/api/v1/namespaces/default/pods', podBody('unbound'));
  logs.write('default/one/main', 'line 1\nline 2\nline 3\n');
  logs.write('default/two/b', 'from b\n');
});
afterAll(async () => {
  await t.sim.stop();
});

describe('checklist 23 (API side): pods/log', () => {
  it('serves text/plain; tailLines and limitBytes; client-node readNamespacedPodLog gets the string', async () => {
    const res = await raw(t.sim, 'GET', LOG('one'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/plain');
    expect(res.text).toBe('line 1\nline 2\nline 3\n');
    expect((await raw(t.sim, 'GET', LOG('one', '?tailLines=2'))).text).toBe('line 2\nline 3\n');
    expect((await raw(t.sim, 'GET', LOG('one', '?limitBytes=4'))).text).toBe('line');
    expect(await t.core.readNamespacedPodLog({ name: 'one', namespace: 'default' })).toBe('line 1\nline 2\nline 3\n');
  });

  it('timestamps prefix each line with an RFC3339 time', async () => {
    const res = await raw(t.sim, 'GET', LOG('one', '?timestamps=true&tailLines=1'));
    expect(res.text).toMatch(/^\d{4}-\d\d-\d\dT[\d:.]+Z line 3\n$/);
  });

  it('a container name is required for multi-container pods; unknown containers are rejected', async () => {
    const res = await raw(t.sim, 'GET', LOG('two'));
    expect(res.status).toBe(400);
    expect(res.json()).toEqual({
      kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure',
      message: 'a container name must be specified for pod two, choose one of: [a b]', reason: 'BadRequest', code: 400,
    });
    expect((await raw(t.sim, 'GET', LOG('two', '?container=b'))).text).toBe('from b\n');
    const bad = await raw(t.sim, 'GET', LOG('two', '?container=zzz'));
    expect(bad.json<{ message: string }>().message).toBe('container zzz is not valid for pod two');
  });

  it('400 while the container is waiting; 200 empty for an unscheduled pod; 404 for a missing pod', async () => {
    const waiting = await raw(t.sim, 'GET', LOG('two', '?container=a'));
    expect(waiting.status).toBe(400);
    expect(waiting.json<{ message: string }>().message).toBe('container "a" in pod "two" is waiting to start: ContainerCreating');
    const unbound = await raw(t.sim, 'GET', LOG('unbound'));
    expect(unbound.status).toBe(200);
    expect(unbound.text).toBe('');
    expect((await raw(t.sim, 'GET', LOG('ghost'))).status).toBe(404);
    const prev = await raw(t.sim, 'GET', LOG('one', '?previous=true'));
    expect(prev.json<{ message: string }>().message).toBe('previous terminated container "main" in pod "one" not found');
  });

  it('follow streams what exists, then new chunks, until the container ends', async () => {
    const res = await fetch(`${t.sim.url}${LOG('one', '?follow=true')}`, { headers: { Authorization: `Bearer ${t.sim.token}` } });
    expect(res.headers.get('content-type')).toBe('text/plain');
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    const readUntil = async (want: string): Promise<void> => {
      while (!text.includes(want)) {
        const chunk = (await reader.read()) as { done: boolean; value?: Uint8Array };
        if (chunk.done) throw new Error(`ended before ${want}`);
        text += decoder.decode(chunk.value, { stream: true });
      }
    };
    await readUntil('line 3\n');
    logs.write('default/one/main', 'line 4\n');
    await readUntil('line 4\n');
    logs.end('default/one/main');
    expect((await reader.read()).done).toBe(true);
    expect(text).toBe('line 1\nline 2\nline 3\nline 4\n');
    expect(t.sim.stats().requests.byResource['pods/log']?.get).toBeGreaterThan(0);
  });
});
