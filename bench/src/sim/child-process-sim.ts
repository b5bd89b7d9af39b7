import { fork, type ChildProcess } from 'node:child_process';
import type { KubeSimStats } from '@drmaa2/kube-sim';
import type { ProbeReport } from './cluster-probe.js';
import type { SimConfig } from './sim-config.js';
import type { SimHandle } from './sim-handle.js';
import type { SimAnswer, SimRequest } from './sim-protocol.js';

type Op = SimRequest['op'];

/** Starts kube-sim in a child process (`dist/sim-process.js`), one per call. */
export async function startChildProcessSim(config: SimConfig): Promise<SimHandle> {
  const child: ChildProcess = fork(new URL('../sim-process.js', import.meta.url), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  let next = 0;
  child.on('message', (answer: SimAnswer) => {
    const waiter = pending.get(answer.id);
    pending.delete(answer.id);
    if (answer.ok) waiter?.resolve(answer.value);
    else waiter?.reject(new Error(`kube-sim child: ${answer.error}`));
  });
  child.on('exit', (code) => {
    for (const waiter of pending.values()) waiter.reject(new Error(`kube-sim child exited with code ${String(code)}`));
    pending.clear();
  });
  const call = <T>(op: Op, extra: Partial<{ config: SimConfig }> = {}): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const id = next++;
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      child.send({ id, op, ...extra });
    });
  const { kubeconfigPath } = await call<{ kubeconfigPath: string }>('start', { config });
  let stopped: Promise<void> | undefined;
  return {
    kubeconfigPath,
    stats: () => call<KubeSimStats>('stats'),
    resetStats: () => call<void>('resetStats'),
    probe: () => call<ProbeReport>('probe'),
    resetProbe: () => call<void>('resetProbe'),
    stop: () => {
      stopped ??= (async () => {
        const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
        await call<void>('stop').catch(() => undefined);
        await exited;
      })();
      return stopped;
    },
  };
}
