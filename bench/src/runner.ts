import type { BenchPlan, ScenarioName } from './plan.js';
import type { BenchResults, LatencySummary } from './results.js';
import { runArray, type ArrayResult } from './scenarios/arrays.js';
import { runOurArrayIsolated } from './scenarios/isolated-array.js';
import { runLatency } from './scenarios/latency.js';
import { measureMemory, seedFinishedJobs, type MemoryResult } from './scenarios/memory.js';
import { runMonitoring, type MonitoringResult } from './scenarios/monitoring.js';
import { runSubmission, type SubmissionResult } from './scenarios/submission.js';
import { runTrackerMemory, type TrackerMemoryResult } from './scenarios/tracker-memory.js';
import { startChildProcessSim } from './sim/child-process-sim.js';

const ms = (value: number | undefined): string => (value === undefined ? 'unfinished' : `${(value / 1000).toFixed(2)} s`);

/**
 * Runs one scenario of `plan` with kube-sim in a child process, several runs, ours and the
 * baselines alternating first and second, and stores the raw results in `results`.
 */
export async function runBenchScenario(name: ScenarioName, plan: BenchPlan, results: BenchResults, log: (line: string) => void): Promise<void> {
  const start = startChildProcessSim;
  switch (name) {
    case 'monitoring': {
      const { jobs, seconds, runs, pollingRunsAbove1000 } = plan.monitoring;
      results.monitoring = [];
      for (const n of jobs) {
        const ours: MonitoringResult[] = [];
        const polling: MonitoringResult[] = [];
        for (let run = 0; run < runs; run += 1) {
          const order = run % 2 === 0 ? (['ours', 'polling'] as const) : (['polling', 'ours'] as const);
          for (const client of order) {
            if (client === 'polling' && n > 1000 && polling.length >= pollingRunsAbove1000) continue;
            const result = await runMonitoring(start, { client, jobs: n, seconds });
            (client === 'ours' ? ours : polling).push(result);
            log(`monitoring N=${n} ${client} run ${run + 1}: ${result.total} requests, ${ms(result.elapsedMs)}`);
          }
        }
        results.monitoring.push({ jobs: n, ours, polling });
      }
      return;
    }
    case 'submission': {
      const { jobs, blocks, warmup, serverWarmup, concurrency, runs } = plan.submission;
      results.submission = [];
      for (const c of concurrency) {
        const measured: SubmissionResult[] = [];
        for (let run = 0; run < runs; run += 1) {
          const result = await runSubmission(start, { jobs, blocks, warmup, serverWarmup, concurrency: c, rotation: run });
          measured.push(result);
          log(`submission c=${c} run ${run + 1}: ours ${result.ours.toFixed(0)}/s, client-node keep-alive ${result.clientNodeKeepAlive.toFixed(0)}/s, default ${result.clientNodeDefault.toFixed(0)}/s`);
        }
        results.submission.push({ concurrency: c, runs: measured });
      }
      return;
    }
    case 'arrays': {
      const { tasks, maxParallel, seconds, runs, pollingRuns, deadlineSeconds } = plan.arrays;
      const ours: ArrayResult[] = [];
      const polling: ArrayResult[] = [];
      for (let run = 0; run < runs; run += 1) {
        const order = run % 2 === 0 ? (['ours', 'polling'] as const) : (['polling', 'ours'] as const);
        for (const client of order) {
          if (client === 'polling' && polling.length >= pollingRuns) continue;
          // A run that hit the deadline is not repeated: the next would hit it too.
          if (client === 'ours' && ours.some((r) => r.allTerminalMs === undefined)) continue;
          const result =
            client === 'ours'
              ? await runOurArrayIsolated(start, { tasks, maxParallel, seconds, deadlineMs: deadlineSeconds * 1000 })
              : await runArray(start, { client, tasks, maxParallel, seconds });
          (client === 'ours' ? ours : polling).push(result);
          log(`arrays ${client} run ${run + 1}: submit ${result.submitRequests} requests in ${ms(result.submitMs)}, all terminal ${ms(result.allTerminalMs)} (${result.seenTerminal}/${tasks} seen), max running ${result.maxRunning}`);
        }
      }
      results.arrays = { ours, polling };
      return;
    }
    case 'latency': {
      const { jobs, lightJobs, minSeconds, maxSeconds, runs } = plan.latency;
      results.latency = [];
      for (const n of [lightJobs, jobs]) {
        const entry = { jobs: n, ours: [] as LatencySummary[], polling: [] as LatencySummary[], oursSamples: [] as number[], pollingSamples: [] as number[] };
        for (let run = 0; run < runs; run += 1) {
          const order = run % 2 === 0 ? (['ours', 'polling'] as const) : (['polling', 'ours'] as const);
          for (const client of order) {
            const { samples, ...summary } = await runLatency(start, { client, jobs: n, minSeconds, maxSeconds });
            (client === 'ours' ? entry.ours : entry.polling).push(summary);
            (client === 'ours' ? entry.oursSamples : entry.pollingSamples).push(...samples);
            log(`latency N=${n} ${client} run ${run + 1}: p50 ${summary.p50.toFixed(1)} ms, p99 ${summary.p99.toFixed(1)} ms`);
          }
        }
        results.latency.push(entry);
      }
      return;
    }
    case 'memory': {
      const { jobs, runs } = plan.memory;
      const sim = await seedFinishedJobs(start, jobs);
      const ours: MemoryResult[] = [];
      const informer: MemoryResult[] = [];
      try {
        for (let run = 0; run < runs; run += 1) {
          for (const client of ['ours', 'client-node-informer'] as const) {
            const result = await measureMemory(sim, client, jobs);
            (client === 'ours' ? ours : informer).push(result);
            log(`memory ${client} run ${run + 1}: ${result.bytesPerJob.toFixed(0)} bytes per job (${result.tracked} tracked)`);
          }
        }
      } finally {
        await sim.stop();
      }
      results.memory = { jobs, ours, informer };
      return;
    }
    case 'tracker-memory': {
      const { jobs, runs } = plan.trackerMemory;
      results.trackerMemory = [];
      // One unmeasured run first, as scenario 2 warms up: otherwise the first measured run pays for
      // compiling and optimising the code paths.
      const warmUp = await runTrackerMemory(Math.min(...jobs));
      log(`tracker-memory warm-up N=${warmUp.jobs}: ${warmUp.rate.toFixed(0)} jobs/s (not counted)`);
      for (const n of jobs) {
        const measured: TrackerMemoryResult[] = [];
        for (let run = 0; run < runs; run += 1) {
          const result = await runTrackerMemory(n);
          measured.push(result);
          log(`tracker-memory N=${n} run ${run + 1}: ${result.rate.toFixed(0)} jobs/s (${ms(result.elapsedMs)})`);
        }
        results.trackerMemory.push({ jobs: n, runs: measured });
      }
      return;
    }
  }
}
