import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { access } from 'node:fs/promises';
import { dirname } from 'node:path';
import { CoreV1Api, KubeConfig, Watch } from '@kubernetes/client-node';
import { transpileSource, type SourceBuild } from '../support/source-cli.js';

let build: SourceBuild;
beforeAll(async () => {
  build = await transpileSource();
});
afterAll(async () => {
  await build.remove();
});

const exists = (p: string): Promise<boolean> => access(p).then(() => true, () => false);

/** The spawned command, its first stdout line (the kubeconfig path) and its exit. */
interface Running {
  child: ChildProcessWithoutNullStreams;
  path: Promise<string>;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>;
}

function start(...args: string[]): Running {
  const child = spawn(process.execPath, [build.cliPath, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  let printed: (p: string) => void = () => undefined;
  const path = new Promise<string>((resolve) => {
    printed = resolve;
  });
  child.stdout.on('data', (d: Buffer) => {
    stdout += d.toString();
    const nl = stdout.indexOf('\n');
    if (nl >= 0) printed(stdout.slice(0, nl));
  });
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((resolve) => {
    child.on('exit', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  void exit.then(() => printed(''));
  return { child, path, exit };
}

describe('the kube-sim command (spawned from source)', () => {
  it('prints the kubeconfig path, serves until SIGINT, then stops cleanly (exit 0, kubeconfig removed)', async () => {
    const run = start('--nodes', '2', '--namespace', 'cli');
    const path = await run.path;
    expect(path).toMatch(/kube-sim-[^/]+\/kubeconfig$/);
    expect(await exists(path)).toBe(true);
    const kc = new KubeConfig();
    kc.loadFromFile(path);
    const core = kc.makeApiClient(CoreV1Api);
    expect((await core.listNode()).items.map((n) => n.metadata?.name)).toEqual(['sim-node-1', 'sim-node-2']);
    expect((await core.readNamespace({ name: 'cli' })).metadata?.name).toBe('cli');
    run.child.kill('SIGINT');
    const exit = await run.exit;
    expect(exit).toMatchObject({ code: 0, signal: null });
    expect(exit.stdout).toBe(`${path}\n`);
    expect(exit.stderr).toContain(`kubectl --kubeconfig ${path} get nodes`);
    expect(await exists(dirname(path))).toBe(false);
  });

  it('SIGTERM also stops it cleanly, ending open watches first', async () => {
    const run = start();
    const path = await run.path;
    const kc = new KubeConfig();
    kc.loadFromFile(path);
    const events: string[] = [];
    let opened: () => void = () => undefined;
    const firstEvent = new Promise<void>((resolve) => {
      opened = resolve;
    });
    const watchDone = new Promise<unknown>((resolve) => {
      void new Watch(kc).watch('/api/v1/namespaces', {}, (type) => {
        events.push(type);
        opened();
      }, resolve);
    });
    await firstEvent;
    run.child.kill('SIGTERM');
    const exit = await run.exit;
    expect(exit).toMatchObject({ code: 0, signal: null });
    await watchDone;
    expect(events).toEqual(['ADDED', 'ADDED']);
    expect(await exists(dirname(path))).toBe(false);
  });

  it('exits with code 2 and a usage message on an unknown option, before starting anything', async () => {
    const run = start('--bogus');
    const exit = await run.exit;
    expect(exit.code).toBe(2);
    expect(exit.stdout).toBe('');
    expect(exit.stderr).toBe('kube-sim: unknown or incomplete option --bogus (use --nodes N, --kubelet scripted|process, --namespace NAME)\n');
  });
});
