#!/usr/bin/env node
/**
 * `drmaa2-bench [--quick] [--only a,b] [--out DIR] [--markdown FILE] [--render-only]`: runs the
 * scenarios of issue 5 for our trackers and the baselines on kube-sim (in a child process), then
 * writes the results as JSON, Markdown and one SVG chart per scenario. `--render-only` rewrites the
 * Markdown and charts from the `results.json` of an earlier run; `--merge` runs the `--only`
 * scenarios and adds them to it (results.json is saved after every scenario).
 */
import { execFileSync } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { fullPlan, quickPlan, scenarioNames, type ScenarioName } from './plan.js';
import { renderCharts } from './report/charts.js';
import { machineFacts } from './report/machine.js';
import { renderMarkdown } from './report/markdown.js';
import type { BenchResults } from './results.js';
import { runBenchScenario } from './runner.js';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    only: { type: 'string' },
    out: { type: 'string' },
    markdown: { type: 'string' },
    'render-only': { type: 'boolean', default: false },
    merge: { type: 'boolean', default: false },
  },
});

function git(args: readonly string[]): string | undefined {
  try {
    return execFileSync('git', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return undefined;
  }
}

const packageRoot = fileURLToPath(new URL('..', import.meta.url));
const plan = values.quick === true ? quickPlan : fullPlan;
const only = values.only === undefined ? [...scenarioNames] : values.only.split(',').map((name) => name.trim());
for (const name of only) {
  if (!(scenarioNames as readonly string[]).includes(name)) {
    console.error(`--only: unknown scenario ${JSON.stringify(name)} (known: ${scenarioNames.join(', ')})`);
    process.exit(2);
  }
}
const outDir = resolve(values.out ?? `${packageRoot}results${plan.mode === 'quick' ? '/quick' : ''}`);
const markdownPath = resolve(values.markdown ?? (plan.mode === 'quick' ? `${outDir}/BENCHMARKS.md` : `${packageRoot}../BENCHMARKS.md`));

const earlier = values['render-only'] === true || values.merge === true ? (JSON.parse(await readFile(`${outDir}/results.json`, 'utf8')) as BenchResults) : undefined;
const measured = values['render-only'] === true ? earlier : undefined;
const results: BenchResults = measured ?? (earlier !== undefined ? { ...earlier, plan, command: `${earlier.command}, then --only ${only.join(',')} --merge` } : undefined) ?? {
  plan,
  commit: git(['rev-parse', '--short', 'HEAD']) ?? 'unknown',
  changedFiles: git(['status', '--porcelain'])?.split('\n').filter((line) => line !== '').length,
  command: `pnpm bench${plan.mode === 'quick' ? ' --quick' : ''}${values.only === undefined ? '' : ` --only ${values.only}`}`,
  startedAt: new Date().toISOString(),
  finishedAt: '',
  machine: machineFacts(),
  loadSeen: [],
};
const t0 = Date.now();
for (const name of measured === undefined ? (only as ScenarioName[]) : []) {
  results.loadSeen.push(Math.round((loadavg()[0] ?? 0) * 100) / 100);
  console.error(`[bench ${((Date.now() - t0) / 1000).toFixed(0)} s] ${name}`);
  await runBenchScenario(name, plan, results, (line) => console.error(`  ${line}`));
  // Saved after each scenario, so a run stopped later keeps what it measured (see --merge).
  await mkdir(outDir, { recursive: true });
  await writeFile(`${outDir}/results.json`, `${JSON.stringify({ ...results, finishedAt: new Date().toISOString() }, null, 2)}\n`);
}
await mkdir(outDir, { recursive: true });
if (measured === undefined) {
  results.finishedAt = new Date().toISOString();
  await writeFile(`${outDir}/results.json`, `${JSON.stringify(results, null, 2)}\n`);
}
const charts = renderCharts(results);
for (const [file, svg] of Object.entries(charts)) await writeFile(`${outDir}/${file}`, svg);
const notes = await readFile(`${packageRoot}profile-notes.md`, 'utf8').catch(() => '');
const chartDir = relative(dirname(markdownPath), outDir) || '.';
await writeFile(markdownPath, renderMarkdown(results, chartDir, notes));
console.error(`[bench ${((Date.now() - t0) / 1000).toFixed(0)} s] wrote ${markdownPath} and ${Object.keys(charts).length} charts in ${outDir}`);
