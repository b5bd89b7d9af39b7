import { fork } from 'node:child_process';
import { defaultSimConfig } from '../sim/sim-config.js';
import type { SimStarter } from '../sim/sim-handle.js';
import type { ArrayWorkerMessage } from './array-worker-protocol.js';
import type { ArrayParams, ArrayResult } from './arrays.js';

/**
 * Scenario 3 for our tracker with the client in its own process (`dist/array-worker.js`), killed
 * when `deadlineMs` has passed since the submission: a client busy in synchronous work cannot be
 * stopped by its own timers. Counts are read from the simulator as in {@link runArray}.
 */
export async function runOurArrayIsolated(start: SimStarter, params: Omit<ArrayParams, 'client'>): Promise<ArrayResult> {
  const sim = await start(defaultSimConfig);
  const worker = fork(new URL('../array-worker.js', import.meta.url), [sim.kubeconfigPath, String(params.tasks), String(params.maxParallel), String(params.seconds)], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  try {
    let seen = 0;
    let submitMs = Number.NaN;
    let submitted: { total: number; creates: number } | undefined;
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    const finished = await new Promise<number | undefined>((resolve, reject) => {
      let deadline: NodeJS.Timeout | undefined;
      worker.on('message', (message: ArrayWorkerMessage) => {
        if (message.type === 'connected') {
          void (async () => {
            await sim.resetStats();
            await sim.resetProbe();
            worker.send({ type: 'go' });
          })().catch(reject);
        } else if (message.type === 'submitted') {
          submitMs = message.submitMs;
          void sim.stats().then((stats) => {
            submitted = { total: stats.requests.total, creates: stats.requests.byResource.jobs?.create ?? 0 };
          }, reject);
          if (params.deadlineMs !== undefined) deadline = setTimeout(() => resolve(undefined), Math.max(0, params.deadlineMs - message.submitMs));
        } else if (message.type === 'seen') {
          seen = message.count;
        } else {
          clearTimeout(deadline);
          resolve(message.allTerminalMs);
        }
      });
      void exited.then(() => reject(new Error('the array worker exited before it finished')));
    });
    worker.kill('SIGKILL');
    await exited;
    const stats = await sim.stats();
    return {
      tasks: params.tasks,
      seenTerminal: seen,
      submitRequests: submitted?.total ?? Number.NaN,
      submitJobCreates: submitted?.creates ?? Number.NaN,
      submitMs,
      allTerminalMs: finished,
      maxRunning: (await sim.probe()).maxRunningTotal,
      totalRequests: stats.requests.total,
    };
  } finally {
    worker.kill('SIGKILL');
    await sim.stop();
  }
}
