import type { BenchResults } from '../results.js';
import type { ArrayResult } from '../scenarios/arrays.js';
import { median } from '../stats/summary.js';
import { barChartSvg, type BarSeries } from './svg-chart.js';

const colors = { ours: '#1f77b4', polling: '#d62728', keepAlive: '#2ca02c', rawDefault: '#9467bd', informer: '#ff7f0e' };

function series<T>(name: string, color: string, groups: readonly (readonly T[])[], value: (item: T) => number | undefined): BarSeries {
  const per = groups.map((runs) => runs.map(value).filter((v): v is number => v !== undefined && Number.isFinite(v)));
  return {
    name,
    color,
    values: per.map((v) => (v.length === 0 ? undefined : median(v))),
    min: per.map((v) => (v.length === 0 ? undefined : Math.min(...v))),
    max: per.map((v) => (v.length === 0 ? undefined : Math.max(...v))),
  };
}

function arraySeries(name: string, color: string, runs: readonly ArrayResult[]): BarSeries {
  const finished = runs.every((r) => r.allTerminalMs !== undefined);
  return series(name, color, [runs, runs, runs, runs].map((group, i) => group.map((r) => [r.submitRequests, r.submitMs, finished ? r.allTerminalMs : undefined, r.maxRunning][i])), (v) => v);
}

/** One SVG per measured scenario, by file name. Bars are medians, whiskers min–max over runs. */
export function renderCharts(results: BenchResults): Record<string, string> {
  const charts: Record<string, string> = {};
  const n = (v: number): string => v.toLocaleString('en-US');
  if (results.monitoring !== undefined) {
    const m = results.monitoring;
    charts['1-monitoring.svg'] = barChartSvg({
      title: 'Scenario 1: API requests from submit to all terminal',
      categories: m.map((x) => `N = ${n(x.jobs)}`),
      yLabel: 'requests',
      log: true,
      series: [
        series('ours: total', colors.ours, m.map((x) => x.ours), (r) => r.total),
        series('ours: list+watch+get', '#aec7e8', m.map((x) => x.ours), (r) => r.monitoring),
        series('polling: total', colors.polling, m.map((x) => x.polling), (r) => r.total),
      ],
    });
  }
  if (results.submission !== undefined) {
    const s = results.submission;
    charts['2-submission.svg'] = barChartSvg({
      title: 'Scenario 2: submissions per second',
      categories: s.map((x) => `concurrency ${x.concurrency}`),
      yLabel: 'jobs/s',
      series: [
        series('ours (runJob)', colors.ours, s.map((x) => x.runs), (r) => r.ours),
        series('client-node keep-alive', colors.keepAlive, s.map((x) => x.runs), (r) => r.clientNodeKeepAlive),
        series('client-node default', colors.rawDefault, s.map((x) => x.runs), (r) => r.clientNodeDefault),
      ],
    });
  }
  if (results.arrays !== undefined) {
    const a = results.arrays;
    charts['3-arrays.svg'] = barChartSvg({
      title: `Scenario 3: array of ${n(results.plan.arrays.tasks)} tasks, maxParallel ${results.plan.arrays.maxParallel}`,
      categories: ['requests to submit', 'submit time (ms)', 'all terminal (ms)', 'max running'],
      yLabel: 'value',
      log: true,
      series: [arraySeries('ours (one Indexed Job)', colors.ours, a.ours), arraySeries('polling (N Jobs)', colors.polling, a.polling)],
    });
  }
  if (results.latency !== undefined) {
    const l = results.latency;
    charts['4-latency.svg'] = barChartSvg({
      title: 'Scenario 4: terminal status to waitTerminated, p50 and p99',
      categories: l.flatMap((x) => [`p50, ${n(x.jobs)} jobs`, `p99, ${n(x.jobs)} jobs`]),
      yLabel: 'ms',
      log: true,
      series: [
        series('ours', colors.ours, l.flatMap((x) => [x.ours.map((r) => r.p50), x.ours.map((r) => r.p99)]), (v) => v),
        series('polling (100 ms)', colors.polling, l.flatMap((x) => [x.polling.map((r) => r.p50), x.polling.map((r) => r.p99)]), (v) => v),
      ],
    });
  }
  if (results.memory !== undefined) {
    const m = results.memory;
    charts['5-memory.svg'] = barChartSvg({
      title: `Scenario 5: client heap per tracked job at ${n(m.jobs)} jobs (after GC)`,
      categories: ['bytes per job'],
      yLabel: 'bytes',
      series: [
        series('ours', colors.ours, [m.ours], (r) => r.bytesPerJob),
        series('client-node informers', colors.informer, [m.informer], (r) => r.bytesPerJob),
        { name: 'target (4 KiB)', color: '#bbbbbb', values: [4096] },
      ],
    });
  }
  if (results.trackerMemory !== undefined) {
    const t = results.trackerMemory;
    charts['6-tracker-memory.svg'] = barChartSvg({
      title: 'Scenario 6: tracker-memory, jobs/s submit to done (fake clock)',
      categories: t.map((x) => `${n(x.jobs)} jobs`),
      yLabel: 'jobs/s',
      series: [series('tracker-memory', colors.ours, t.map((x) => x.runs), (r) => r.rate), { name: 'target', color: '#bbbbbb', values: t.map(() => 50_000) }],
    });
  }
  return charts;
}
