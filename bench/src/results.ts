import type { ArrayResult } from './scenarios/arrays.js';
import type { LatencyResult } from './scenarios/latency.js';
import type { MemoryResult } from './scenarios/memory.js';
import type { MonitoringResult } from './scenarios/monitoring.js';
import type { SubmissionResult } from './scenarios/submission.js';
import type { TrackerMemoryResult } from './scenarios/tracker-memory.js';
import type { MachineFacts } from './report/machine.js';
import type { BenchPlan } from './plan.js';

/** Latency results without the per-job samples (kept only for the chart). */
export type LatencySummary = Omit<LatencyResult, 'samples'>;

/** Everything one bench invocation measured, run by run. */
export interface BenchResults {
  readonly plan: BenchPlan;
  readonly command: string;
  /** `git rev-parse --short HEAD` when the run started. */
  readonly commit: string;
  /** Files `git status` showed changed or new when the run started (the packages ran from their `dist` as built then). */
  readonly changedFiles?: number | undefined;
  readonly startedAt: string;
  finishedAt: string;
  readonly machine: MachineFacts;
  /** 1-minute load averages seen at each scenario's start (other work on the machine). */
  readonly loadSeen: number[];
  monitoring?: { readonly jobs: number; readonly ours: MonitoringResult[]; readonly polling: MonitoringResult[] }[];
  submission?: { readonly concurrency: number; readonly runs: SubmissionResult[] }[];
  arrays?: { readonly ours: ArrayResult[]; readonly polling: ArrayResult[] };
  latency?: { readonly jobs: number; readonly ours: LatencySummary[]; readonly polling: LatencySummary[]; readonly oursSamples: number[]; readonly pollingSamples: number[] }[];
  memory?: { readonly jobs: number; readonly ours: MemoryResult[]; readonly informer: MemoryResult[] };
  trackerMemory?: { readonly jobs: number; readonly runs: TrackerMemoryResult[] }[];
}
