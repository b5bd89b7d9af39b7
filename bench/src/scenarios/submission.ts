import type { BatchV1Api } from '@kubernetes/client-node';
import { batchApi, sleepJob } from '../clients/client-node.js';
import { connectOurs, sleepTemplate } from '../clients/ours.js';
import { preciseNow } from '../sim/clock.js';
import { defaultSimConfig } from '../sim/sim-config.js';
import type { SimStarter } from '../sim/sim-handle.js';
import { mapLimit } from './map-limit.js';

/** Scenario 2's parameters. */
export interface SubmissionParams {
  /** Measured submissions per client. */
  readonly jobs: number;
  readonly concurrency: number;
  /**
   * The measured submissions of each client are split into this many blocks, and ours and the
   * keep-alive baseline take turns block by block, so a change in the machine's load (other work on
   * the shared cores, the simulator's garbage collection) falls on both alike instead of on
   * whichever ran then.
   */
  readonly blocks: number;
  /** Unmeasured submissions per client before the first block (JIT, connections). */
  readonly warmup: number;
  /** Unmeasured raw creates before anything is measured, so the simulator's own JIT warm-up favours no client. */
  readonly serverWarmup: number;
  /** Which of ours and keep-alive client-node goes first in the first block: ours when even (use the run number). */
  readonly rotation: number;
}

/** Scenario 2's result for one run: submissions per second. */
export interface SubmissionResult {
  readonly ours: number;
  readonly clientNodeKeepAlive: number;
  readonly clientNodeDefault: number;
}

/**
 * Scenario 2, submission throughput: `runJob` against raw `createNamespacedJob` at one
 * concurrency, on one simulator without controllers (Jobs are stored, never run, so the server
 * does the same work for every client). Our tracker's rate limiter is off. Each client's rate is
 * its measured jobs over the sum of its blocks' times (see {@link SubmissionParams.blocks}).
 */
export async function runSubmission(start: SimStarter, params: SubmissionParams): Promise<SubmissionResult> {
  const sim = await start({ ...defaultSimConfig, controllers: false });
  const ours = await connectOurs(sim.kubeconfigPath, 'bench');
  try {
    const keepAlive = batchApi(sim.kubeconfigPath, 'keep-alive');
    const documented = batchApi(sim.kubeconfigPath, 'default');
    const raw = (api: BatchV1Api) => (): Promise<unknown> => api.createNamespacedJob({ namespace: 'default', body: sleepJob(1, { app: 'bench-raw' }) });
    const submits: readonly (() => Promise<unknown>)[] = [() => ours.session.runJob(sleepTemplate(1)), raw(keepAlive), raw(documented)];
    await mapLimit(params.serverWarmup, 8, () => keepAlive.createNamespacedJob({ namespace: 'default', body: sleepJob(1, { app: 'bench-warmup' }) }));
    for (const submit of submits) await mapLimit(params.warmup, params.concurrency, submit);
    const spentMs = [0, 0, 0];
    const measureBlock = async (which: number, block: number): Promise<void> => {
      // The last block takes what is left, so every client submits exactly `jobs`.
      const size = block === params.blocks - 1 ? params.jobs - Math.floor(params.jobs / params.blocks) * (params.blocks - 1) : Math.floor(params.jobs / params.blocks);
      const t0 = preciseNow();
      await mapLimit(size, params.concurrency, submits[which] as () => Promise<unknown>);
      spentMs[which] = (spentMs[which] ?? 0) + (preciseNow() - t0);
    };
    // Ours and keep-alive client-node, the pair the target compares, alternate A B B A ...; the
    // documented client-node comes after them: its connection per call leaves the server closing
    // sockets, which would slow whichever client followed it.
    for (let block = 0; block < params.blocks; block += 1) {
      for (const which of (block + params.rotation) % 2 === 0 ? [0, 1] : [1, 0]) await measureBlock(which, block);
    }
    for (let block = 0; block < params.blocks; block += 1) await measureBlock(2, block);
    const rate = (which: number): number => params.jobs / ((spentMs[which] ?? 0) / 1000);
    return { ours: rate(0), clientNodeKeepAlive: rate(1), clientNodeDefault: rate(2) };
  } finally {
    await ours.close();
    await sim.stop();
  }
}
