import { parseJobId } from '@drmaa2/tracker-kubernetes';
import { batchApi } from '../clients/client-node.js';
import { connectOurs, sleepTemplate } from '../clients/ours.js';
import { PollingClient } from '../clients/polling-client.js';
import { preciseNow } from '../sim/clock.js';
import { defaultSimConfig } from '../sim/sim-config.js';
import type { SimStarter } from '../sim/sim-handle.js';
import { quantile } from '../stats/summary.js';
import { mapLimit } from './map-limit.js';
import type { MonitoringClient } from './monitoring.js';

/** Scenario 4's parameters. */
export interface LatencyParams {
  readonly client: MonitoringClient;
  readonly jobs: number;
  /** Job i sleeps `minSeconds + (i % 50) / 49 * (maxSeconds - minSeconds)`, so finishes spread out. */
  readonly minSeconds: number;
  readonly maxSeconds: number;
  readonly concurrency?: number;
}

/** Scenario 4's result for one run, in ms. */
export interface LatencyResult {
  readonly jobs: number;
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
  /** Every job's latency, ms (for the chart). */
  readonly samples: readonly number[];
}

function duration(params: LatencyParams, i: number): number {
  return Math.round((params.minSeconds + ((i % 50) / 49) * (params.maxSeconds - params.minSeconds)) * 1000) / 1000;
}

/**
 * Scenario 4, notification latency: from the simulator committing a job's first terminal status
 * (the pod's terminal phase or the Job's final condition, whichever comes first) to the client's
 * wait resolving; one waiter per job, all at once. The Job controller syncs at once
 * (`syncBatchMs: 0`), which favours the polling baseline (it reads only the Job).
 */
export async function runLatency(start: SimStarter, params: LatencyParams): Promise<LatencyResult> {
  const sim = await start({ ...defaultSimConfig, syncBatchMs: 0 });
  const resolvedAt = new Map<string, number>();
  try {
    if (params.client === 'ours') {
      const ours = await connectOurs(sim.kubeconfigPath, 'bench');
      try {
        const waits: Promise<unknown>[] = [];
        await mapLimit(params.jobs, params.concurrency ?? 32, async (i) => {
          const job = await ours.session.runJob(sleepTemplate(duration(params, i)));
          const name = parseJobId(job.id)?.name ?? job.id;
          const wait = job.waitTerminated().then(() => resolvedAt.set(name, preciseNow()));
          wait.catch(() => undefined); // handled by Promise.all below
          waits.push(wait);
        });
        await Promise.all(waits);
      } finally {
        await ours.close();
      }
    } else {
      const polling = new PollingClient(batchApi(sim.kubeconfigPath, 'keep-alive'));
      const waits: Promise<unknown>[] = [];
      await mapLimit(params.jobs, params.concurrency ?? 32, async (i) => {
        const job = await polling.submit(duration(params, i));
        const wait = polling.waitFinished(job).then(() => resolvedAt.set(job.name, preciseNow()));
        wait.catch(() => undefined); // handled by Promise.all below
        waits.push(wait);
      });
      await Promise.all(waits);
    }
    const { terminalAt } = await sim.probe();
    const samples: number[] = [];
    for (const [name, at] of resolvedAt) {
      const wrote = terminalAt[name];
      if (wrote === undefined) throw new Error(`latency: the simulator never saw job ${name} finish`);
      // A wait cannot end before the write it waits for: a negative latency means the two
      // processes' clocks disagree, and no figure of this run can be trusted.
      if (at < wrote) throw new Error(`latency: job ${name} resolved ${(wrote - at).toFixed(1)} ms before the simulator wrote its status (clocks disagree)`);
      samples.push(at - wrote);
    }
    return { jobs: samples.length, p50: quantile(samples, 0.5), p99: quantile(samples, 0.99), max: Math.max(...samples), samples };
  } finally {
    await sim.stop();
  }
}
