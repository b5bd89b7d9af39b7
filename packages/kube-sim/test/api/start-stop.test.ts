import { describe, expect, it } from 'vitest';
import { access, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { startKubeSim } from '../../src/index.js';
import { parseCliArgs, runCli } from '../../src/cli-main.js';
import { raw } from '../support/test-sim.js';
import { WatchReader } from '../support/watch-reader.js';

const exists = (p: string): Promise<boolean> => access(p).then(() => true, () => false);

describe('startKubeSim and stop()', () => {
  it('writes a kubeconfig both clients use unchanged, with a random token per start', async () => {
    const a = await startKubeSim({ controllers: false, namespaces: ['extra'] });
    const b = await startKubeSim({ controllers: false });
    try {
      expect(a.token).not.toBe(b.token);
      expect(a.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const doc = JSON.parse(await readFile(a.kubeconfigPath, 'utf8')) as Record<string, unknown>;
      expect(doc).toEqual({
        apiVersion: 'v1',
        kind: 'Config',
        clusters: [{ name: 'kube-sim', cluster: { server: a.httpsUrl, 'insecure-skip-tls-verify': true } }],
        users: [{ name: 'kube-sim', user: { token: a.token } }],
        contexts: [{ name: 'kube-sim', context: { cluster: 'kube-sim', user: 'kube-sim', namespace: 'default' } }],
        'current-context': 'kube-sim',
        preferences: {},
      });
      const kc = new KubeConfig();
      kc.loadFromFile(a.kubeconfigPath);
      const namespaces = await kc.makeApiClient(CoreV1Api).listNamespace();
      expect(namespaces.items.map((n) => n.metadata?.name)).toEqual(['default', 'extra', 'kube-system']);
      const plain = new KubeConfig();
      plain.loadFromOptions({
        clusters: [{ name: 'c', server: a.url, skipTLSVerify: true }],
        users: [{ name: 'u', token: a.token }],
        contexts: [{ name: 'x', cluster: 'c', user: 'u', namespace: 'default' }],
        currentContext: 'x',
      });
      expect((await plain.makeApiClient(CoreV1Api).listNode()).items).toHaveLength(3);
    } finally {
      await a.stop();
      await b.stop();
    }
  });

  it('stop() ends watches and sockets, removes the kubeconfig dir, and is idempotent', async () => {
    const sim = await startKubeSim({ controllers: false });
    const w = new WatchReader(sim, '/api/v1/namespaces?watch=1');
    await w.waitForCount(2);
    const dir = dirname(sim.kubeconfigPath);
    expect(await exists(dir)).toBe(true);
    await Promise.all([sim.stop(), sim.stop()]);
    await sim.stop();
    await w.done;
    expect(w.ended).toBe(true);
    expect(await exists(dir)).toBe(false);
    expect(sim.stats().openWatches).toBe(0);
    await expect(raw(sim, 'GET', '/version')).rejects.toThrow();
  });
});

describe('kube-sim CLI', () => {
  it('prints the kubeconfig path, serves until stopped, then stops cleanly', async () => {
    const out: string[] = [];
    const err: string[] = [];
    let stop: () => void = () => undefined;
    const stopped = new Promise<void>((resolve) => {
      stop = resolve;
    });
    let printed: (path: string) => void = () => undefined;
    const pathPrinted = new Promise<string>((resolve) => {
      printed = resolve;
    });
    const run = runCli(['--nodes', '2', '--namespace', 'cli'], {
      stdout: (text) => {
        out.push(text);
        printed(text.trim());
      },
      stderr: (text) => err.push(text),
      untilStopped: () => stopped,
    });
    const path = await pathPrinted;
    const kc = new KubeConfig();
    kc.loadFromFile(path);
    expect((await kc.makeApiClient(CoreV1Api).listNode()).items).toHaveLength(2);
    expect((await kc.makeApiClient(CoreV1Api).readNamespace({ name: 'cli' })).metadata?.name).toBe('cli');
    stop();
    expect(await run).toBe(0);
    expect(await exists(path)).toBe(false);
    expect(err.join('')).toContain('kubectl --kubeconfig');
  });

  it('rejects unknown options with exit code 2', async () => {
    const err: string[] = [];
    expect(await runCli(['--bogus'], { stdout: () => undefined, stderr: (t) => err.push(t), untilStopped: () => Promise.resolve() })).toBe(2);
    expect(err.join('')).toContain('unknown or incomplete option --bogus');
    expect(parseCliArgs(['--kubelet', 'process'])).toEqual({ kubelet: { mode: 'process' } });
  });
});
