import { ErrorCode, isDrmaa2Error, type Job } from '@drmaa2/core';
import type { KubeSimStats } from '@drmaa2/kube-sim';
import { batchApi } from '../clients/client-node.js';
import { connectOurs, sleepTemplate } from '../clients/ours.js';
import { PollingClient } from '../clients/polling-client.js';
import { preciseNow } from '../sim/clock.js';
import { defaultSimConfig } from '../sim/sim-config.js';
import type { SimHandle, SimStarter } from '../sim/sim-handle.js';
import { mapLimit } from './map-limit.js';
import type { MonitoringClient } from './monitoring.js';

/** Scenario 3's parameters. */
export interface ArrayParams {
  readonly client: MonitoringClient;
  readonly tasks: number;
  readonly maxParallel: number;
  /** Running time of each task. */
  readonly seconds: number;
  /** Polling baseline: creates in flight at once. Default 32. */
  readonly concurrency?: number;
  /** Our tracker: stop waiting after this long from the submission (the run is then reported unfinished). Default no limit. */
  readonly deadlineMs?: number;
}

/** Scenario 3's result for one run. */
export interface ArrayResult {
  readonly tasks: number;
  /** API requests from the start of the submission until it returned. */
  readonly submitRequests: number;
  /** Job creates among them. */
  readonly submitJobCreates: number;
  /** Client time to submit, ms. */
  readonly submitMs: number;
  /** From the start of the submission until every task was seen finished by the client, ms; undefined when the deadline came first. */
  readonly allTerminalMs: number | undefined;
  /** Tasks the client saw finished (in index order) before the end or the deadline. */
  readonly seenTerminal: number;
  /** The most pods running at once in the simulator. */
  readonly maxRunning: number;
  /** Every request from submission to the end. */
  readonly totalRequests: number;
}

/** Waits for each job in turn until `deadline` (a `preciseNow()` time); returns how many were seen finished. */
async function waitInOrder(jobs: readonly Job[], deadline: number): Promise<number> {
  let seen = 0;
  for (const job of jobs) {
    const left = (deadline - preciseNow()) / 1000;
    if (left <= 0) break;
    try {
      await job.waitTerminated(Number.isFinite(left) ? left : undefined);
    } catch (error) {
      if (isDrmaa2Error(error) && error.code === ErrorCode.Timeout) break;
      throw error;
    }
    seen += 1;
  }
  return seen;
}

/** One run's figures: what submitting cost (`submitted`, counted just after it) and what followed. */
async function arrayResult(
  sim: SimHandle,
  tasks: number,
  seenTerminal: number,
  submitted: KubeSimStats['requests'],
  submitMs: number,
  allTerminalMs: number | undefined,
): Promise<ArrayResult> {
  return {
    tasks,
    seenTerminal,
    submitRequests: submitted.total,
    submitJobCreates: submitted.byResource.jobs?.create ?? 0,
    submitMs,
    allTerminalMs,
    maxRunning: (await sim.probe()).maxRunningTotal,
    totalRequests: (await sim.stats()).requests.total,
  };
}

/**
 * Scenario 3, arrays: `runBulkJobs(t, 1, tasks, 1, maxParallel)` (one Indexed Job) against the
 * polling baseline's N separate Jobs (the reference tracker has no maxParallel: all N are created).
 */
export async function runArray(start: SimStarter, params: ArrayParams): Promise<ArrayResult> {
  const sim = await start(defaultSimConfig);
  try {
    if (params.client === 'ours') {
      const ours = await connectOurs(sim.kubeconfigPath, 'bench');
      try {
        await sim.resetStats();
        await sim.resetProbe();
        const t0 = preciseNow();
        const array = await ours.session.runBulkJobs(sleepTemplate(params.seconds), 1, params.tasks, 1, params.maxParallel);
        const submitMs = preciseNow() - t0;
        const submitted = (await sim.stats()).requests;
        const seenTerminal = await waitInOrder(array.getJobs(), t0 + (params.deadlineMs ?? Infinity));
        const allTerminalMs = seenTerminal === params.tasks ? preciseNow() - t0 : undefined;
        return await arrayResult(sim, params.tasks, seenTerminal, submitted, submitMs, allTerminalMs);
      } finally {
        await ours.close();
      }
    }
    const polling = new PollingClient(batchApi(sim.kubeconfigPath, 'keep-alive'));
    await sim.resetStats();
    await sim.resetProbe();
    const t0 = preciseNow();
    const jobs = await mapLimit(params.tasks, params.concurrency ?? 32, () => polling.submit(params.seconds));
    const submitMs = preciseNow() - t0;
    const submitted = (await sim.stats()).requests;
    await Promise.all(jobs.map((job) => polling.waitFinished(job)));
    const allTerminalMs = preciseNow() - t0;
    return await arrayResult(sim, params.tasks, params.tasks, submitted, submitMs, allTerminalMs);
  } finally {
    await sim.stop();
  }
}
