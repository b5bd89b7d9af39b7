/**
 * Helpers of the README coverage tests (`test/integration/readme-*.test.ts`): a kube-sim harness
 * with a recording container script, readers of the objects kube-sim stores, and assertions for
 * validation errors and the states the tracker reports.
 */
import { ErrorCode, isDrmaa2Error, type Clock, type EventNotification, type TimerHandle } from '@drmaa2/core';
import type { KubeObject, KubeSimOptions } from '@drmaa2/kube-sim';
import { expect } from 'vitest';
import type { KubernetesTrackerOptions } from '../../src/index.js';
import { startHarness, type SimHarness } from './sim-harness.js';
import { simScript, unwrapLauncher } from './sim-script.js';

type ScriptedKubelet = Extract<NonNullable<KubeSimOptions['kubelet']>, { mode: 'scripted' }>;
/** kube-sim's container script type. */
export type ContainerScript = NonNullable<ScriptedKubelet['script']>;
/** What the script is told about one container instance. */
export type ScriptContext = Parameters<ContainerScript>[0];
/** What one container instance does. */
export type ScriptOutcome = ReturnType<ContainerScript>;

/** A harness that also records every container start and every state event. */
export interface ReadmeHarness extends SimHarness {
  /** Every container instance the scripted kubelet started, in order. */
  readonly containers: ScriptContext[];
  /** Every event the session manager delivered, in order. */
  readonly events: EventNotification[];
  /** `STATE/subState` of every event for one job, in order. */
  statesOf(jobId: string): string[];
}

/**
 * The container script of the README tests: `readmeCommands` first, then the shared `simScript`.
 *
 * - `oom`: OOMKilled after 0 ms; `signal N`: ended by signal N;
 * - `fail-once`: exit 1 in the first pod of its Job, exit 0 afterwards;
 * - `exit-index`: exits with its DRMAA2 index computed from the array environment;
 * - `cannot-run`: the runtime cannot start it (ContainerCannotRun);
 * - `wait`: runs until killed, `created-slowly`: stays ContainerCreating for an hour;
 * - `print TEXT…`: logs the text and exits 0; `fail-with MESSAGE`: exit 3 with a termination message;
 * - init containers named `init-forever` never finish.
 */
function readmeScript(): ContainerScript {
  const failedOnce = new Set<string>();
  return (container) => {
    const ctx = unwrapLauncher(container);
    if (ctx.init) return ctx.containerName === 'init-forever' ? { durationMs: Infinity } : { durationMs: 0, exitCode: 0 };
    const [command = '', ...rest] = [...ctx.command, ...ctx.args];
    const name = command.slice(command.lastIndexOf('/') + 1);
    const jobName = ctx.labels['batch.kubernetes.io/job-name'] ?? ctx.labels['job-name'] ?? ctx.podName;
    switch (name) {
      case 'oom':
        return { reason: 'OOMKilled', durationMs: 0, message: 'memory limit reached' };
      case 'signal':
        return { durationMs: 0, signal: Number(rest[0] ?? '9') };
      case 'fail-once': {
        const key = `${jobName}/${ctx.env.JOB_COMPLETION_INDEX ?? ''}`;
        if (failedOnce.has(key)) return { durationMs: 0, exitCode: 0 };
        failedOnce.add(key);
        return { durationMs: 0, exitCode: 1 };
      }
      case 'exit-index': {
        const index = Number(ctx.env.DRMAA2_INDEX_BEGIN) + Number(ctx.env.JOB_COMPLETION_INDEX) * Number(ctx.env.DRMAA2_INDEX_STEP);
        return { durationMs: 0, exitCode: index };
      }
      case 'cannot-run':
        return { reason: 'ContainerCannotRun', message: 'cannot run the container' };
      case 'wait':
        return { durationMs: Infinity };
      case 'created-slowly':
        return { startDelayMs: 3_600_000, durationMs: 0 };
      case 'print':
        return { durationMs: 0, exitCode: 0, log: `${rest.join(' ')}\n` };
      case 'fail-with':
        return { durationMs: 0, exitCode: 3, message: rest.join(' ') };
      default:
        return simScript(ctx);
    }
  };
}

/** Options of {@link startReadmeHarness}: `timing` is merged into the fast test timing. */
export interface ReadmeHarnessOptions {
  sim?: Omit<KubeSimOptions, 'kubelet'>;
  tracker?: KubernetesTrackerOptions;
  script?: ContainerScript;
}

/** Starts a harness with the README script, fast timing and event recording; close it in `afterEach`. */
export async function startReadmeHarness(options: ReadmeHarnessOptions = {}): Promise<ReadmeHarness> {
  const containers: ScriptContext[] = [];
  const events: EventNotification[] = [];
  const inner = options.script ?? readmeScript();
  const script: ContainerScript = (ctx) => {
    containers.push(ctx);
    return inner(ctx);
  };
  const h = await startHarness({
    sim: {
      ...options.sim,
      kubelet: { mode: 'scripted', script },
      timing: { podStartMs: 20, syncBatchMs: 20, backoffBaseMs: 50, kubeletBackoffBaseMs: 100, ...options.sim?.timing },
    },
    ...(options.tracker === undefined ? {} : { tracker: options.tracker }),
  });
  h.sm.registerEventNotification((event) => events.push(event));
  return {
    ...h,
    containers,
    events,
    statesOf: (jobId) => events.filter((e) => e.jobId === jobId).map((e) => `${e.jobState}/${e.jobSubState ?? ''}`),
  };
}

/** Namespace, name and bulk index of a job id (`ns/name` or `ns/name[index]`). */
export function splitId(jobId: string): { namespace: string; name: string; index?: number } {
  const match = /^([^/]+)\/([^[]+)(?:\[(\d+)\])?$/.exec(jobId);
  if (match === null) throw new Error(`not a job id: ${jobId}`);
  return match[3] === undefined ? { namespace: match[1]!, name: match[2]! } : { namespace: match[1]!, name: match[2]!, index: Number(match[3]) };
}

/** A Job as kube-sim stores it, with the fields the tests read. */
export interface StoredJob extends KubeObject {
  spec: {
    suspend?: boolean;
    completions?: number;
    parallelism?: number;
    completionMode?: string;
    backoffLimit?: number;
    backoffLimitPerIndex?: number;
    maxFailedIndexes?: number;
    activeDeadlineSeconds?: number;
    ttlSecondsAfterFinished?: number;
    template: { metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> }; spec: StoredPodSpec };
  };
  status?: {
    startTime?: string;
    completionTime?: string;
    conditions?: { type: string; status: string; reason?: string; message?: string; lastTransitionTime?: string }[];
    completedIndexes?: string;
    failedIndexes?: string;
    succeeded?: number;
    failed?: number;
  };
}

/** A pod spec as stored (loosely typed: the tests compare it with `toMatchObject`). */
export interface StoredPodSpec {
  containers: StoredContainer[];
  restartPolicy?: string;
  nodeSelector?: Record<string, string>;
  affinity?: Record<string, unknown>;
  tolerations?: Record<string, unknown>[];
  volumes?: Record<string, unknown>[];
  [key: string]: unknown;
}

/** A container as stored. */
export interface StoredContainer {
  name: string;
  image?: string;
  command?: string[];
  args?: string[];
  workingDir?: string;
  env?: { name: string; value?: string; valueFrom?: unknown }[];
  envFrom?: Record<string, unknown>[];
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  volumeMounts?: Record<string, unknown>[];
  imagePullPolicy?: string;
  securityContext?: Record<string, unknown>;
}

/** The Job behind a job or array id, read from kube-sim's store. */
export function storedJob(h: SimHarness, jobId: string): StoredJob {
  const { namespace, name } = splitId(jobId);
  const job = h.sim.store.get('jobs', namespace, name);
  if (job === undefined) throw new Error(`no Job ${namespace}/${name} in the store`);
  return job as StoredJob;
}

/** The pod spec of the Job behind a job id. */
export function storedPodSpec(h: SimHarness, jobId: string): StoredPodSpec {
  return storedJob(h, jobId).spec.template.spec;
}

/** The container of the Job behind a job id. */
export function storedContainer(h: SimHarness, jobId: string): StoredContainer {
  const container = storedPodSpec(h, jobId).containers[0];
  if (container === undefined) throw new Error(`Job ${jobId} has no container`);
  return container;
}

/** The pods kube-sim stores for the Job behind a job id. */
export function storedPods(h: SimHarness, jobId: string): KubeObject[] {
  const { namespace, name } = splitId(jobId);
  return h.sim.store.list('pods', namespace, { labelSelector: `batch.kubernetes.io/job-name=${name}` });
}

/**
 * Asserts that `attempt` fails with `code`, naming `JobTemplate.<field>`, and that no request
 * reached the simulator.
 */
export async function expectRefusedBeforeAnyRequest(h: SimHarness, attempt: () => Promise<unknown>, code: ErrorCode, field: string): Promise<string> {
  h.sim.resetStats();
  const error = await attempt().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, `expected ${code} naming JobTemplate.${field}`).toBeDefined();
  expect(isDrmaa2Error(error, code), `expected ${code}, got ${String(error)}`).toBe(true);
  const message = (error as Error).message;
  expect(message).toContain(`JobTemplate.${field}`);
  expect(h.sim.stats().requests.total).toBe(0);
  return message;
}

/** The same for `INVALID_ARGUMENT`. */
export function expectInvalidBeforeAnyRequest(h: SimHarness, attempt: () => Promise<unknown>, field: string): Promise<string> {
  return expectRefusedBeforeAnyRequest(h, attempt, ErrorCode.InvalidArgument, field);
}

/** A wall clock shifted by an offset the test can move (timers run on real time). */
export class ShiftedClock implements Clock {
  offsetMs = 0;

  now(): number {
    return Date.now() + this.offsetMs;
  }

  setTimeout(callback: () => void, ms: number): TimerHandle {
    return setTimeout(callback, Math.max(0, ms));
  }

  clearTimeout(handle: TimerHandle): void {
    clearTimeout(handle as ReturnType<typeof setTimeout>);
  }
}
