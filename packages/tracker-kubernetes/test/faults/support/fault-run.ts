import { isDrmaa2Error, isTerminal, SessionManager, type EventNotification, type Job, type JobSession, type JobState } from '@drmaa2/core';
import { startKubeSim, type KubeSim } from '@drmaa2/kube-sim';
import { kubernetesTracker } from '../../../src/index.js';
import { testImage } from '../../support/sim-harness.js';
import { addRequestFaults, addWatchCuts, countFaults } from './fault-mix.js';
import { faultScript, planWorkload, type PlannedSubmission, type Submitter } from './fault-workload.js';
import { ScaledClock } from './scaled-clock.js';
import { auditStore, type StoreAudit } from './store-audit.js';

/** The size and harshness of one run. */
export interface FaultRunOptions {
  /** DRMAA2 jobs in total (array members count one each). */
  readonly jobs: number;
  readonly arraySize: number;
  /** Share of the jobs that are array members. */
  readonly arrayShare: number;
  /** Share of the submissions sent through the manager without retries (`maxRetries: 0`). */
  readonly fragileShare: number;
  /** Probability that a request meets a fault. */
  readonly rate: number;
  /** The added latency of a latency spike, in ms of real time (kube-sim waits on the wall clock). */
  readonly latencyMs: number;
  /** Watch streams are cut after this many events, and every `watchCutEveryMs` real ms. */
  readonly watchCutEvery: number;
  readonly watchCutEveryMs: number;
  /** kube-sim compacts its watch history (old resourceVersions get 410) this often, in real ms. */
  readonly compactEveryMs: number;
  /** The trackers' clock runs this many times faster than the wall clock (1: real time). */
  readonly clockFactor: number;
  /** Submissions under way at once, per manager. */
  readonly concurrency: number;
  /** Client-side rate limit of each tracker, in requests per second of the trackers' clock. */
  readonly qps: number;
  readonly burst: number;
  /** Seed of kube-sim's fault generator. */
  readonly seed: number;
  /**
   * Restarts kube-sim keeping its store, once, after half of the submissions: returns how long the
   * API server was unreachable (ms). Unset: no restart.
   */
  readonly restart?: (sim: KubeSim) => Promise<number>;
}

/** How one submission ended. */
export interface SubmissionOutcome {
  readonly planned: PlannedSubmission;
  /** The Kubernetes Job's name when `runJob`/`runBulkJobs` resolved. */
  readonly jobName?: string;
  readonly jobs?: readonly Job[];
  readonly error?: unknown;
}

/** Everything a run observed, for the invariants and the figures. */
export interface FaultRunReport {
  readonly outcomes: readonly SubmissionOutcome[];
  /** Per manager, every state each job id was reported in by event callbacks, in order. */
  readonly events: Readonly<Record<Submitter, ReadonlyMap<string, readonly JobState[]>>>;
  /** The state each resolved job had when its `waitTerminated()` returned, and how often it returned. */
  readonly waited: ReadonlyMap<string, { readonly state: JobState; readonly returned: number }>;
  readonly audit: StoreAudit;
  readonly unhandled: readonly unknown[];
  readonly backgroundErrors: readonly Error[];
  readonly callbackErrors: readonly unknown[];
  /** After `close()` of both managers. */
  readonly afterClose: { readonly openWatches: number; readonly serverConnections: number };
  /** Process resources (sockets, timers, ...) before the run and after everything was stopped. */
  readonly resources: { readonly before: readonly string[]; readonly after: readonly string[] };
  /** Samples of (tracker-clock ms since the start, requests kube-sim counted since the start). */
  readonly rateSamples: readonly (readonly [number, number])[];
  readonly figures: FaultRunFigures;
}

/** The numbers a run reports. */
export interface FaultRunFigures {
  readonly jobs: number;
  readonly submissions: number;
  readonly arrays: number;
  readonly resolved: number;
  readonly rejected: number;
  readonly rejectedBy: Readonly<Record<string, number>>;
  readonly requests: number;
  readonly requestsByVerb: Readonly<Record<string, number>>;
  readonly faultsInjected: number;
  /** Request faults by kind (`429`, `500`, `503`, `reset before`, `reset after`, `latency`). */
  readonly requestFaults: Readonly<Record<string, number>>;
  readonly watchesOpened: number;
  readonly relists: number;
  readonly restartDowntimeMs: number | undefined;
  /** The largest share of the two trackers' rate-limit budget (burst + qps × t each) kube-sim saw used. */
  readonly peakRateBudgetUse: number;
  readonly wallMs: number;
  readonly submitMs: number;
}

const namespace = 'default';
const sessionNames: Record<Submitter, string> = { robust: 'faults', fragile: 'faults-fragile' };

/** Resolves when `condition()` holds, checking every 20 ms; rejects after `timeoutMs` naming `what`. */
export async function until(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The kinds of process resources (`TCPWrap`, `Timeout`, ...) `after` holds more of than `before`, with the surplus. */
export function addedResources(before: readonly string[], after: readonly string[]): [string, number][] {
  const count = (resources: readonly string[]): Map<string, number> => {
    const counts = new Map<string, number>();
    for (const resource of resources) counts.set(resource, (counts.get(resource) ?? 0) + 1);
    return counts;
  };
  const had = count(before);
  return [...count(after)].filter(([resource, n]) => n > (had.get(resource) ?? 0)).map(([resource, n]) => [resource, n - (had.get(resource) ?? 0)]);
}

function connections(sim: KubeSim): Promise<number> {
  return new Promise((resolve, reject) => sim.server.getConnections((error, count) => (error ? reject(error) : resolve(count))));
}

function jobsOf(outcome: SubmissionOutcome): readonly Job[] {
  return outcome.jobs ?? [];
}

/** Runs `work` over `items` with at most `limit` under way at once. */
async function pool<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next];
      next += 1;
      if (item !== undefined) await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

async function submit(session: JobSession, planned: PlannedSubmission): Promise<SubmissionOutcome> {
  try {
    if (!planned.array) {
      const job = await session.runJob(planned.template);
      return { planned, jobName: job.id.split('/')[1] ?? '', jobs: [job] };
    }
    const array = await session.runBulkJobs(planned.template, 1, planned.exitCodes.length, 1);
    return { planned, jobName: array.id.split('/')[1] ?? '', jobs: array.getJobs() };
  } catch (error) {
    return { planned, error };
  }
}

/**
 * One run of the suite: kube-sim with a scripted kubelet, two managers on the Kubernetes tracker
 * (one with the default retries, one without), faults at `rate` on every request, cut watches,
 * periodic compaction and optionally one restart of kube-sim; every job is waited for, a last burst
 * of changes is pushed through compacted, cut watches, then everything is closed and audited.
 */
export async function runFaultSuite(options: FaultRunOptions): Promise<FaultRunReport> {
  const startedAt = Date.now();
  const resourcesBefore = process.getActiveResourcesInfo().sort();
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown): void => void unhandled.push(reason);
  process.on('unhandledRejection', onUnhandled);
  const sim = await startKubeSim({
    kubelet: { mode: 'scripted', script: faultScript },
    nodes: { count: 10 },
    timing: { podStartMs: 5, syncBatchMs: 20, scheduleDelayMs: 0 },
    recordEvents: false,
    faults: { seed: options.seed },
  });
  const cuts = addWatchCuts(sim, options);
  const clock = new ScaledClock(options.clockFactor);
  const backgroundErrors: Error[] = [];
  const callbackErrors: unknown[] = [];
  const managerFor = (maxRetries: number | undefined): SessionManager =>
    new SessionManager({
      tracker: kubernetesTracker({
        kubeconfigPath: sim.kubeconfigPath,
        clock,
        qps: options.qps,
        burst: options.burst,
        ...(maxRetries === undefined ? {} : { maxRetries }),
        onBackgroundError: (error) => backgroundErrors.push(error),
      }),
      onCallbackError: (error: unknown) => callbackErrors.push(error),
    });
  const managers: Record<Submitter, SessionManager> = { robust: managerFor(undefined), fragile: managerFor(0) };
  const events: Record<Submitter, Map<string, JobState[]>> = { robust: new Map(), fragile: new Map() };
  for (const submitter of ['robust', 'fragile'] as const) {
    managers[submitter].registerEventNotification((event: EventNotification) => {
      const seen = events[submitter].get(event.jobId) ?? [];
      seen.push(event.jobState);
      events[submitter].set(event.jobId, seen);
    });
  }
  const sessions: Record<Submitter, JobSession> = {
    robust: await managers.robust.createJobSession(sessionNames.robust),
    fragile: await managers.fragile.createJobSession(sessionNames.fragile),
  };

  const plan = planWorkload({ ...options, image: testImage });
  await until(() => sim.stats().openWatches === 4, 'both managers to watch Jobs and Pods');
  sim.resetStats();
  const rateStart = clock.now();
  const rateSamples: [number, number][] = [];
  const sampler = setInterval(() => rateSamples.push([clock.now() - rateStart, sim.stats().requests.total]), 25);
  const faultCounts = countFaults(sim);
  const faults = addRequestFaults(sim, options);
  const compactor = setInterval(() => sim.faults.compact(), options.compactEveryMs);
  let restartDowntimeMs: number | undefined;
  let restarting: Promise<void> | undefined;
  const outcomes: SubmissionOutcome[] = [];
  const halfway = Math.floor(plan.length / 2);
  try {
    const submitStarted = Date.now();
    await Promise.all(
      (['robust', 'fragile'] as const).map((submitter) =>
        pool(
          plan.filter((planned) => planned.submitter === submitter),
          options.concurrency,
          async (planned) => {
            outcomes.push(await submit(sessions[submitter], planned));
            if (outcomes.length === halfway && options.restart !== undefined) {
              const restart = options.restart;
              restarting = restart(sim).then((ms) => void (restartDowntimeMs = ms));
            }
          },
        ),
      ),
    );
    await restarting;
    const submitMs = Date.now() - submitStarted;

    const waited = new Map<string, { state: JobState; returned: number }>();
    await Promise.all(
      outcomes.flatMap(jobsOf).map(async (job) => {
        await job.waitTerminated();
        const { state } = await job.getState();
        const entry = waited.get(job.id);
        waited.set(job.id, { state, returned: (entry?.returned ?? 0) + 1 });
      }),
    );
    const resolvedIds = outcomes.flatMap(jobsOf).map((job) => job.id);
    await until(
      () => (['robust', 'fragile'] as const).every((submitter) => resolvedIds.every((id) => (events[submitter].get(id) ?? []).some(isTerminal))),
      'both managers to report every job finished',
    );

    // A last burst of changes to finished Jobs, through cut watches and compacted history.
    // One write of another kind after them, so every watcher's resourceVersion is then compacted.
    const listsBefore = sim.stats().requests.byVerb.list ?? 0;
    for (const name of new Set(outcomes.map((outcome) => outcome.jobName).filter((name) => name !== undefined))) {
      sim.store.mutate('jobs', namespace, name, (object) => {
        object.metadata.labels = { ...object.metadata.labels, 'faults.drmaa2.io/touched': 'yes' };
      });
    }
    sim.store.create('configmaps', namespace, { metadata: { name: 'faults-last-write' } });
    sim.faults.compact();
    await until(() => (sim.stats().requests.byVerb.list ?? 0) >= listsBefore + 4, 'the trackers to re-list after compaction');
    clearInterval(compactor);
    sim.faults.clear();
    await until(() => sim.stats().openWatches === 4, 'every watch to be re-established');
    let quietSince = sim.stats().requests.total;
    await until(
      () => {
        const total = sim.stats().requests.total;
        const quiet = total === quietSince;
        quietSince = total;
        return quiet;
      },
      'the trackers to go quiet',
    );
    const audit = auditStore(sim, namespace, Object.values(sessionNames));
    const stats = sim.stats();
    clearInterval(sampler);

    await managers.robust.close();
    await managers.fragile.close();
    await until(async () => sim.stats().openWatches === 0 && (await connections(sim)) === 0, 'watches and connections to close');
    const afterClose = { openWatches: sim.stats().openWatches, serverConnections: await connections(sim) };
    await sim.stop();
    let resourcesAfter = process.getActiveResourcesInfo().sort();
    await until(() => {
      resourcesAfter = process.getActiveResourcesInfo().sort();
      return addedResources(resourcesBefore, resourcesAfter).length === 0;
    }, 'process resources to be released', 5_000).catch(() => undefined);

    const rejectedBy: Record<string, number> = {};
    for (const outcome of outcomes) {
      if (outcome.error === undefined) continue;
      const code = isDrmaa2Error(outcome.error) ? outcome.error.code : 'not a Drmaa2Error';
      rejectedBy[code] = (rejectedBy[code] ?? 0) + 1;
    }
    const resolved = outcomes.filter((outcome) => outcome.error === undefined).length;
    return {
      outcomes,
      events,
      waited,
      audit,
      unhandled,
      backgroundErrors,
      callbackErrors,
      afterClose,
      resources: { before: resourcesBefore, after: resourcesAfter },
      rateSamples,
      figures: {
        jobs: options.jobs,
        submissions: plan.length,
        arrays: plan.filter((planned) => planned.array).length,
        resolved,
        rejected: outcomes.length - resolved,
        rejectedBy,
        requests: stats.requests.total,
        requestsByVerb: stats.requests.byVerb,
        faultsInjected: stats.faultsInjected,
        requestFaults: Object.fromEntries([...faultCounts].sort(([a], [b]) => a.localeCompare(b))),
        watchesOpened: stats.requests.byVerb.watch ?? 0,
        relists: stats.requests.byVerb.list ?? 0,
        restartDowntimeMs,
        peakRateBudgetUse: Math.max(0, ...rateSamples.map(([ms, requests]) => requests / (2 * (options.burst + (options.qps * ms) / 1000)))),
        wallMs: Date.now() - startedAt,
        submitMs,
      },
    };
  } finally {
    clearInterval(sampler);
    clearInterval(compactor);
    for (const id of [...faults.ids, ...cuts]) sim.faults.remove(id);
    await managers.robust.close().catch(() => undefined);
    await managers.fragile.close().catch(() => undefined);
    await sim.stop();
    process.off('unhandledRejection', onUnhandled);
  }
}
