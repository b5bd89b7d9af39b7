import { batchApi, sleepJob, type ClientNodeMode } from '../clients/client-node.js';
import { connectOurs, sleepTemplate } from '../clients/ours.js';
import { preciseNow } from '../sim/clock.js';
import { defaultSimConfig } from '../sim/sim-config.js';
import type { SimStarter } from '../sim/sim-handle.js';
import { mapLimit } from './map-limit.js';

/** Scenario 2's parameters. */
export interface SubmissionParams {
  readonly jobs: number;
  readonly concurrency: number;
  /** Unmeasured submissions before each measured batch (JIT, connections). */
  readonly warmup: number;
  /** Unmeasured raw creates before anything is measured, so the simulator's own JIT warm-up favours no client. */
  readonly serverWarmup: number;
  /** Which client goes first: the order ours, keep-alive, default is rotated by this many places (use the run number). */
  readonly rotation: number;
}

/** Scenario 2's result for one run: submissions per second. */
export interface SubmissionResult {
  readonly ours: number;
  readonly clientNodeKeepAlive: number;
  readonly clientNodeDefault: number;
}

async function rate(jobs: number, concurrency: number, submit: () => Promise<unknown>): Promise<number> {
  const t0 = preciseNow();
  await mapLimit(jobs, concurrency, submit);
  return jobs / ((preciseNow() - t0) / 1000);
}

/**
 * Scenario 2, submission throughput: `runJob` against raw `createNamespacedJob` at one
 * concurrency, on one simulator without controllers (Jobs are stored, never run, so the server
 * does the same work for every client). Our tracker's rate limiter is off.
 */
export async function runSubmission(start: SimStarter, params: SubmissionParams): Promise<SubmissionResult> {
  const sim = await start({ ...defaultSimConfig, controllers: false });
  try {
    // Connected only while measured, so its watch does not handle the baselines' Jobs.
    const measureOurs = async (): Promise<number> => {
      const ours = await connectOurs(sim.kubeconfigPath, 'bench');
      try {
        await mapLimit(params.warmup, params.concurrency, () => ours.session.runJob(sleepTemplate(1)));
        return await rate(params.jobs, params.concurrency, () => ours.session.runJob(sleepTemplate(1)));
      } finally {
        await ours.close();
      }
    };
    const measureRaw = async (mode: ClientNodeMode): Promise<number> => {
      const api = batchApi(sim.kubeconfigPath, mode);
      const submit = (): Promise<unknown> => api.createNamespacedJob({ namespace: 'default', body: sleepJob(1, { app: 'bench-raw' }) });
      await mapLimit(params.warmup, params.concurrency, submit);
      return rate(params.jobs, params.concurrency, submit);
    };
    const warm = batchApi(sim.kubeconfigPath, 'keep-alive');
    await mapLimit(params.serverWarmup, 8, () => warm.createNamespacedJob({ namespace: 'default', body: sleepJob(1, { app: 'bench-warmup' }) }));
    const measures: (() => Promise<number>)[] = [measureOurs, () => measureRaw('keep-alive'), () => measureRaw('default')];
    const rates = [0, 0, 0];
    for (let k = 0; k < measures.length; k += 1) {
      const which = (k + params.rotation) % measures.length;
      rates[which] = await (measures[which] as () => Promise<number>)();
    }
    return { ours: rates[0] ?? 0, clientNodeKeepAlive: rates[1] ?? 0, clientNodeDefault: rates[2] ?? 0 };
  } finally {
    await sim.stop();
  }
}
