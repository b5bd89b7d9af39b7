import { batchApi } from '../clients/client-node.js';
import { connectOurs, sleepTemplate } from '../clients/ours.js';
import { PollingClient } from '../clients/polling-client.js';
import { preciseNow } from '../sim/clock.js';
import { defaultSimConfig } from '../sim/sim-config.js';
import type { SimStarter } from '../sim/sim-handle.js';
import { mapLimit } from './map-limit.js';
import { requestCounts, type RequestCounts } from './request-counts.js';

/** Who is measured: our Kubernetes tracker or the polling baseline. */
export type MonitoringClient = 'ours' | 'polling';

/** Scenario 1's parameters. */
export interface MonitoringParams {
  readonly client: MonitoringClient;
  readonly jobs: number;
  readonly seconds: number;
  /** Submissions in flight at once. Default 32. */
  readonly concurrency?: number;
}

/** Scenario 1's result for one run. */
export interface MonitoringResult extends RequestCounts {
  readonly jobs: number;
  /** From the first submission to every job seen finished, ms. */
  readonly elapsedMs: number;
  /** Polling: GETs that failed (transport errors) and were followed by the next poll. */
  readonly failedPolls: number;
}

/**
 * Scenario 1, monitoring cost: submits `jobs` jobs of `seconds` each and waits until every one is
 * seen finished, counting every API request from connecting to the end (fresh simulator per call).
 */
export async function runMonitoring(start: SimStarter, params: MonitoringParams): Promise<MonitoringResult> {
  const sim = await start(defaultSimConfig);
  const concurrency = params.concurrency ?? 32;
  try {
    await sim.resetStats();
    const t0 = preciseNow();
    let t1 = t0;
    let failedPolls = 0;
    if (params.client === 'ours') {
      const ours = await connectOurs(sim.kubeconfigPath, 'bench');
      try {
        const jobs = await mapLimit(params.jobs, concurrency, () => ours.session.runJob(sleepTemplate(params.seconds)));
        for (const job of jobs) await job.waitTerminated();
        t1 = preciseNow();
      } finally {
        await ours.close();
      }
    } else {
      const polling = new PollingClient(batchApi(sim.kubeconfigPath, 'keep-alive'));
      const waits: Promise<void>[] = [];
      await mapLimit(params.jobs, concurrency, async () => {
        const job = await polling.submit(params.seconds);
        const wait = polling.waitFinished(job);
        wait.catch(() => undefined); // handled by Promise.all below; not an unhandled rejection meanwhile
        waits.push(wait);
      });
      await Promise.all(waits);
      t1 = preciseNow();
      failedPolls = polling.failedPolls;
    }
    const elapsedMs = t1 - t0;
    return { jobs: params.jobs, elapsedMs, failedPolls, ...requestCounts(await sim.stats()) };
  } finally {
    await sim.stop();
  }
}
