import { JobState, type JobTemplate } from '@drmaa2/core';
import { unwrapLauncher, type LaunchContext } from '../../support/sim-script.js';

/** The command of every job of the suite; its arguments are the exit codes (one per array member). */
export const faultCommand = 'fault-job';

/** Which manager submits: the one with retries, or the one without (whose submissions can fail). */
export type Submitter = 'robust' | 'fragile';

/** One submission of the workload: a single job or an array, what it stages and how it ends. */
export interface PlannedSubmission {
  readonly n: number;
  readonly submitter: Submitter;
  /** Exit codes: one for a single job, one per member (in index order) for an array. */
  readonly exitCodes: readonly number[];
  readonly array: boolean;
  readonly template: JobTemplate;
}

/** The DRMAA2 state a job with this exit code must end in. */
export function expectedState(exitCode: number): JobState {
  return exitCode === 0 ? JobState.Done : JobState.Failed;
}

/** The secret a submission stages (one in twenty), as plain text; it must never show outside its Secret. */
export function secretOf(n: number): string | undefined {
  return n % 20 === 3 ? `secret ${n} of the fault suite` : undefined;
}

function stageIn(n: number): Record<string, string> | undefined {
  const secret = secretOf(n);
  if (secret !== undefined) return { '/run/secret/key': `secret-data:${Buffer.from(secret).toString('base64')}` };
  if (n % 10 === 1) return { '/data/in.txt': `configmap-data:${Buffer.from(`input of submission ${n}`).toString('base64')}` };
  return undefined;
}

/**
 * The workload: `jobs` DRMAA2 jobs, `arrayShare` of them as members of arrays of `arraySize`, the
 * rest single jobs; one job in five fails (exit 1 or 3); one submission in ten stages a ConfigMap,
 * one in twenty a Secret; `fragileShare` of the submissions go through the manager without retries.
 * Deterministic for given numbers.
 */
export function planWorkload(options: { jobs: number; arraySize: number; arrayShare: number; fragileShare: number; image: string }): PlannedSubmission[] {
  const arrays = Math.floor((options.jobs * options.arrayShare) / options.arraySize);
  const singles = options.jobs - arrays * options.arraySize;
  const total = arrays + singles;
  const fragileEvery = options.fragileShare > 0 ? Math.round(1 / options.fragileShare) : Infinity;
  const arrayEvery = arrays > 0 ? total / arrays : Infinity;
  const plan: PlannedSubmission[] = [];
  let arraysPlanned = 0;
  for (let n = 0; n < total; n += 1) {
    const array = arraysPlanned < arrays && n >= Math.round(arraysPlanned * arrayEvery);
    if (array) arraysPlanned += 1;
    const width = array ? options.arraySize : 1;
    const exitCodes = Array.from({ length: width }, (_, i) => ((n * 7 + i * 3) % 5 === 0 ? 1 + ((n + i) % 2) * 2 : 0));
    const staged = stageIn(n);
    const template: JobTemplate = {
      remoteCommand: faultCommand,
      args: exitCodes.map(String),
      jobCategory: options.image,
      jobName: `fault-${n}`,
      ...(staged === undefined ? {} : { stageInFiles: staged }),
    };
    plan.push({ n, submitter: n % fragileEvery === fragileEvery - 1 ? 'fragile' : 'robust', exitCodes, array, template });
  }
  return plan;
}

/**
 * kube-sim's scripted kubelet for the suite: `fault-job CODES…` runs 5 to 40 ms and exits with the
 * code of its member (`JOB_COMPLETION_INDEX`; the first for single jobs). No processes.
 */
export function faultScript(container: LaunchContext & { podName: string }): { durationMs: number; exitCode: number } {
  const ctx = unwrapLauncher(container);
  const [command = '', ...codes] = [...ctx.command, ...ctx.args];
  if (command !== faultCommand) return { durationMs: 0, exitCode: 0 };
  const index = Number(ctx.env.JOB_COMPLETION_INDEX ?? '0');
  let spread = 0;
  for (const char of container.podName) spread = (spread * 31 + char.charCodeAt(0)) % 36;
  return { durationMs: 5 + spread, exitCode: Number(codes[index] ?? codes[0] ?? '0') };
}
