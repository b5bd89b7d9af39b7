import { describe, expect, it } from 'vitest';
import { quickPlan } from '../src/plan.js';
import { barChartSvg, formatValue } from '../src/report/svg-chart.js';
import { renderMarkdown } from '../src/report/markdown.js';
import { pairedRatios, targetVerdicts } from '../src/report/targets.js';
import type { BenchResults } from '../src/results.js';
import type { MonitoringResult } from '../src/scenarios/monitoring.js';
import { benchScript } from '../src/sim/bench-script.js';
import { median, quantile, summarize } from '../src/stats/summary.js';

const machine = { cpuModel: 'test', cpuCount: 2, totalMemGiB: 1, freeMemGiB: 1, os: 'test', node: 'v20', loadAverage: [0, 0, 0] };

function monitoring(total: number, list: number, watch: number, get: number): MonitoringResult {
  return { jobs: 1000, elapsedMs: 1, failedPolls: 0, total, jobCreates: 1000, monitoring: list + watch + get, list, watch, get, bytes: 1 };
}

describe('statistics', () => {
  it('median, nearest-rank quantiles and spread', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    const hundred = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(quantile(hundred, 0.5)).toBe(50);
    expect(quantile(hundred, 0.99)).toBe(99);
    expect(quantile([7], 0.99)).toBe(7);
    expect(summarize([5, 1, 9])).toEqual({ runs: 3, median: 5, min: 1, max: 9 });
  });

  it('paired ratios divide run i by run i', () => {
    expect(pairedRatios([10, 40, 90], [1, 2], (v) => v)).toEqual([10, 20]);
  });
});

describe('bench container script', () => {
  const ctx = { namespace: 'default', podName: 'p', podUid: 'u', containerName: 'job', init: false, image: 'busybox', env: {}, attempt: 0, labels: {}, annotations: {} };
  it('runs sleep SECONDS for that long, also behind the array launcher, and anything else at once', () => {
    expect(benchScript({ ...ctx, command: ['sleep'], args: ['2.5'] })).toEqual({ durationMs: 2500, exitCode: 0 });
    expect(benchScript({ ...ctx, command: ['/bin/sh', '-c', 'export TASK_ID=$((1)); exec "$0" "$@"', 'sleep'], args: ['0.1'] })).toEqual({ durationMs: 100, exitCode: 0 });
    expect(benchScript({ ...ctx, command: ['true'], args: [] })).toEqual({ durationMs: 0, exitCode: 0 });
  });
});

describe('SVG chart', () => {
  it('draws one bar per measured value, n/a for gaps, escapes text, and parses as one svg element', () => {
    const svg = barChartSvg({
      title: 'a < b & c',
      categories: ['x', 'y'],
      yLabel: 'requests',
      log: true,
      series: [
        { name: 'ours', color: '#000', values: [4, 4], min: [4, 3], max: [4, 5] },
        { name: 'polling', color: '#f00', values: [120, undefined] },
      ],
    });
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
    expect(svg).toContain('a &lt; b &amp; c');
    expect(svg.match(/<rect x=/g)?.length).toBe(3 + 2); // 3 bars + 2 legend swatches
    expect(svg).toContain('>n/a<');
    expect(svg).toContain('(log scale)');
  });

  it('formats values with 3 significant digits and k/M suffixes', () => {
    expect(formatValue(51_234)).toBe('51.2k');
    expect(formatValue(2_500_000)).toBe('2.50M');
    expect(formatValue(412)).toBe('412');
    expect(formatValue(4.567)).toBe('4.57');
  });
});

describe('targets and report', () => {
  const results: BenchResults = {
    plan: quickPlan,
    command: 'pnpm bench --quick',
    commit: 'abc1234',
    startedAt: 'start',
    finishedAt: 'end',
    machine,
    loadSeen: [0.5],
    monitoring: [
      { jobs: 10, ours: [monitoring(15, 2, 2, 0)], polling: [monitoring(130, 0, 0, 120)] },
      { jobs: 1000, ours: [monitoring(1005, 2, 2, 0), monitoring(1005, 2, 2, 0)], polling: [monitoring(51_000, 0, 0, 50_000), monitoring(31_000, 0, 0, 30_000)] },
    ],
    submission: [{ concurrency: 1, runs: [{ ours: 90, clientNodeKeepAlive: 100, clientNodeDefault: 30 }] }],
    trackerMemory: [{ jobs: 10, runs: [{ jobs: 10, elapsedMs: 1000, rate: 10 }] }],
  };

  it('judges each target from the paired runs', () => {
    const verdicts = targetVerdicts(results);
    expect(verdicts.map((v) => [v.scenario, v.met])).toEqual([
      ['1 monitoring', true],
      ['1 monitoring', true],
      ['2 submission', true],
      ['6 tracker-memory', false],
    ]);
    expect(verdicts[1]?.measured).toContain('10,000x fewer monitoring requests');
  });

  it('writes a section per measured scenario with the machine, the commands and the notes', () => {
    const text = renderMarkdown(results, 'bench/results', '## Profile\n\nnotes here');
    expect(text).toContain('## Machine');
    expect(text).toContain('pnpm bench --quick');
    expect(text).toContain('## 1. Monitoring cost');
    expect(text).toContain('![Scenario 1 chart](bench/results/1-monitoring.svg)');
    expect(text).not.toContain('## 3. Arrays');
    expect(text.trimEnd().endsWith('notes here')).toBe(true);
  });
});
