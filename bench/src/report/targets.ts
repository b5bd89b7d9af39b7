import type { BenchResults } from '../results.js';
import { median, quantile } from '../stats/summary.js';

/** One target of issue 5 and what was measured against it. */
export interface TargetVerdict {
  readonly scenario: string;
  readonly target: string;
  readonly measured: string;
  /** undefined: not measured in this invocation. */
  readonly met: boolean | undefined;
}

const fmt = (n: number, digits = 0): string => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

/** Ratios of paired runs (run i of `a` with run i of `b`): a_i / b_i. */
export function pairedRatios<T>(a: readonly T[], b: readonly T[], value: (item: T) => number): number[] {
  const out: number[] = [];
  for (let i = 0; i < Math.min(a.length, b.length); i += 1) out.push(value(a[i] as T) / value(b[i] as T));
  return out;
}

function monitoringVerdicts(results: BenchResults): TargetVerdict[] {
  const mon = results.monitoring;
  if (mon === undefined) return [];
  const counts = new Set(mon.flatMap((m) => m.ours.map((r) => r.monitoring)));
  const out: TargetVerdict[] = [
    {
      scenario: '1 monitoring',
      target: 'ours: monitoring requests constant in N (one list+watch per session)',
      measured: `list+watch+get = ${[...counts].join(', ')} at N = ${mon.map((m) => fmt(m.jobs)).join(', ')}`,
      met: counts.size === 1,
    },
  ];
  const at1000 = mon.find((m) => m.jobs === 1000);
  if (at1000 !== undefined) {
    const ratios = pairedRatios(at1000.polling, at1000.ours, (r) => r.monitoring);
    const totals = pairedRatios(at1000.polling, at1000.ours, (r) => r.total);
    const m = median(ratios);
    out.push({
      scenario: '1 monitoring',
      target: 'N = 1,000: at least 100x fewer monitoring requests than polling',
      measured: `${fmt(m)}x fewer monitoring requests (median of ${ratios.length} paired runs); ${fmt(median(totals), 1)}x fewer requests in total, creates included`,
      met: ratios.length === 0 ? undefined : m >= 100,
    });
  }
  return out;
}

function submissionVerdicts(results: BenchResults): TargetVerdict[] {
  const sub = results.submission;
  if (sub === undefined) return [];
  const parts = sub.map((s) => ({ c: s.concurrency, keep: median(s.runs.map((r) => r.ours / r.clientNodeKeepAlive)), def: median(s.runs.map((r) => r.ours / r.clientNodeDefault)) }));
  return [
    {
      scenario: '2 submission',
      target: 'ours at least 0.9x raw client-node at every concurrency (rate limiter off)',
      measured: parts.map((p) => `c=${p.c}: ${fmt(p.keep, 2)}x keep-alive client-node, ${fmt(p.def, 2)}x default client-node`).join('; '),
      met: parts.every((p) => p.keep >= 0.9),
    },
  ];
}

function arrayVerdicts(results: BenchResults): TargetVerdict[] {
  const arr = results.arrays;
  if (arr === undefined || arr.ours.length === 0) return [];
  const { tasks, maxParallel, deadlineSeconds } = results.plan.arrays;
  const maxRunning = Math.max(...arr.ours.map((r) => r.maxRunning));
  const finished = arr.ours.filter((r) => r.allTerminalMs !== undefined);
  return [
    {
      scenario: '3 arrays',
      target: `runBulkJobs of ${fmt(tasks)} tasks: 1 Job create to submit`,
      measured: `${[...new Set(arr.ours.map((r) => r.submitRequests))].join(', ')} request(s) to submit, ${[...new Set(arr.ours.map((r) => r.submitJobCreates))].join(', ')} Job create(s)`,
      met: arr.ours.every((r) => r.submitRequests === 1 && r.submitJobCreates === 1),
    },
    {
      scenario: '3 arrays',
      target: `never more than maxParallel = ${maxParallel} tasks running`,
      measured: `at most ${maxRunning} running${finished.length < arr.ours.length ? ` (until the run was stopped at ${deadlineSeconds} s)` : ''}; polling's N Jobs: ${fmt(Math.max(...arr.polling.map((r) => r.maxRunning)))}`,
      met: maxRunning <= maxParallel,
    },
    {
      scenario: '3 arrays',
      target: 'every task observed terminal (no numeric target)',
      measured:
        finished.length === arr.ours.length
          ? `after ${fmt(median(finished.map((r) => r.allTerminalMs ?? 0)) / 1000, 1)} s (median); polling ${fmt(median(arr.polling.map((r) => r.allTerminalMs ?? 0)) / 1000, 1)} s`
          : `not within ${deadlineSeconds} s: ${arr.ours.map((r) => `${fmt(r.seenTerminal)} of ${fmt(r.tasks)}`).join(', ')} seen terminal; polling ${fmt(median(arr.polling.map((r) => r.allTerminalMs ?? 0)) / 1000, 1)} s`,
      met: finished.length === arr.ours.length,
    },
  ];
}

function latencyVerdicts(results: BenchResults): TargetVerdict[] {
  const lat = results.latency?.at(-1);
  if (lat === undefined) return [];
  const p99 = median(lat.ours.map((r) => r.p99));
  return [
    {
      scenario: '4 latency',
      target: `p99 under 50 ms over ${fmt(lat.jobs)} jobs`,
      measured: `ours p99 ${fmt(p99, 1)} ms (median of ${lat.ours.length} runs; pooled ${fmt(quantile(lat.oursSamples, 0.99), 1)} ms), p50 ${fmt(median(lat.ours.map((r) => r.p50)), 1)} ms; polling p50 ${fmt(median(lat.polling.map((r) => r.p50)))} ms, p99 ${fmt(median(lat.polling.map((r) => r.p99)))} ms`,
      met: p99 < 50,
    },
  ];
}

function memoryVerdicts(results: BenchResults): TargetVerdict[] {
  const mem = results.memory;
  if (mem === undefined) return [];
  const perJob = median(mem.ours.map((r) => r.bytesPerJob));
  return [
    {
      scenario: '5 memory',
      target: `heap per tracked job at ${fmt(mem.jobs)} jobs after GC under 4 KiB`,
      measured: `${fmt(perJob)} bytes per job (client-node informers on Jobs+Pods: ${fmt(median(mem.informer.map((r) => r.bytesPerJob)))} bytes)`,
      met: perJob < 4096,
    },
  ];
}

function trackerMemoryVerdicts(results: BenchResults): TargetVerdict[] {
  const tm = results.trackerMemory;
  if (tm === undefined) return [];
  const rates = tm.map((t) => ({ jobs: t.jobs, rate: median(t.runs.map((r) => r.rate)), runs: t.runs.length }));
  return [
    {
      scenario: '6 tracker-memory',
      target: '50,000 jobs/s submit-to-done (fake clock)',
      measured: rates.map((r) => `${fmt(r.rate)} jobs/s at ${fmt(r.jobs)} jobs (median of ${r.runs} runs)`).join('; '),
      met: rates.every((r) => r.rate >= 50_000),
    },
  ];
}

/** Checks every target of issue 5 against `results`. */
export function targetVerdicts(results: BenchResults): TargetVerdict[] {
  return [...monitoringVerdicts(results), ...submissionVerdicts(results), ...arrayVerdicts(results), ...latencyVerdicts(results), ...memoryVerdicts(results), ...trackerMemoryVerdicts(results)];
}
