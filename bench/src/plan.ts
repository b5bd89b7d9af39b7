/** What one bench invocation runs: sizes and repetitions per scenario. */
export interface BenchPlan {
  readonly mode: 'quick' | 'full';
  readonly monitoring: { readonly jobs: readonly number[]; readonly seconds: number; readonly runs: number; readonly pollingRunsAbove1000: number };
  readonly submission: { readonly jobs: number; readonly blocks: number; readonly warmup: number; readonly serverWarmup: number; readonly concurrency: readonly number[]; readonly runs: number };
  readonly arrays: { readonly tasks: number; readonly maxParallel: number; readonly seconds: number; readonly runs: number; readonly pollingRuns: number; readonly deadlineSeconds: number };
  readonly latency: { readonly jobs: number; readonly lightJobs: number; readonly minSeconds: number; readonly maxSeconds: number; readonly runs: number };
  readonly memory: { readonly jobs: number; readonly runs: number };
  readonly trackerMemory: { readonly jobs: readonly number[]; readonly runs: number };
}

/** The scenario names, as `--only` takes them. */
export const scenarioNames = ['monitoring', 'submission', 'arrays', 'latency', 'memory', 'tracker-memory'] as const;
/** One scenario name. */
export type ScenarioName = (typeof scenarioNames)[number];

/** `pnpm bench`: the sizes issue 5 names, several runs each (minutes). */
export const fullPlan: BenchPlan = {
  mode: 'full',
  monitoring: { jobs: [10, 100, 1000, 10_000], seconds: 5, runs: 3, pollingRunsAbove1000: 1 },
  submission: { jobs: 1000, blocks: 10, warmup: 500, serverWarmup: 1000, concurrency: [1, 8, 32], runs: 5 },
  arrays: { tasks: 10_000, maxParallel: 100, seconds: 0.1, runs: 3, pollingRuns: 1, deadlineSeconds: 180 },
  latency: { jobs: 1000, lightJobs: 20, minSeconds: 1, maxSeconds: 3, runs: 3 },
  memory: { jobs: 10_000, runs: 3 },
  trackerMemory: { jobs: [10_000, 50_000], runs: 3 },
};

/** `pnpm bench --quick`: the same scenarios at smaller sizes, under a minute. */
export const quickPlan: BenchPlan = {
  mode: 'quick',
  monitoring: { jobs: [10, 100, 1000], seconds: 1, runs: 1, pollingRunsAbove1000: 1 },
  submission: { jobs: 100, blocks: 4, warmup: 50, serverWarmup: 200, concurrency: [1, 8, 32], runs: 2 },
  arrays: { tasks: 100, maxParallel: 10, seconds: 0.1, runs: 1, pollingRuns: 1, deadlineSeconds: 20 },
  latency: { jobs: 100, lightJobs: 10, minSeconds: 0.5, maxSeconds: 1.5, runs: 1 },
  memory: { jobs: 1000, runs: 1 },
  trackerMemory: { jobs: [10_000], runs: 2 },
};
