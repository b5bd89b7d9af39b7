import { ClusterStore } from '../../../src/store/cluster-store.js';
import type { KubeObject, StoreEvent } from '../../../src/store/types.js';
import { startControllers, type RunningControllers } from '../../../src/controllers/start-controllers.js';
import { nodeObjects } from '../../../src/controllers/node-objects.js';
import type { ControllerOptions, NodeOptions, TimingOptions } from '../../../src/controllers/options.js';
import type { ContainerOutcome, ContainerScript, ContainerScriptContext } from '../../../src/controllers/kubelet/container-script.js';
import type { JobView, PodView } from '../../../src/controllers/kube-types.js';
import { FakeClock } from './fake-clock.js';

export interface HarnessOptions {
  nodes?: NodeOptions;
  timing?: Partial<TimingOptions>;
  recordEvents?: boolean;
  kubelet?: ControllerOptions['kubelet'];
  script?: (ctx: ContainerScriptContext) => ContainerOutcome;
}

/** A store + controllers on a fake clock, recording every store event. */
export class Harness {
  readonly clock = new FakeClock();
  readonly store: ClusterStore;
  readonly controllers: RunningControllers;
  readonly events: StoreEvent[] = [];
  readonly errors: unknown[] = [];
  script: ContainerScript = () => ({ durationMs: 1000 });

  constructor(opts: HarnessOptions = {}) {
    this.store = new ClusterStore({ now: () => this.clock.now(), onListenerError: (e) => this.errors.push(e) });
    this.store.create('namespaces', undefined, { metadata: { name: 'default' } });
    for (const node of nodeObjects(opts.nodes ?? {}, this.clock.now())) this.store.create('nodes', undefined, node);
    if (opts.script) this.script = opts.script;
    this.store.subscribe((e) => this.events.push(e));
    this.controllers = startControllers(
      this.store,
      {
        nodes: opts.nodes,
        timing: opts.timing,
        clock: this.clock,
        recordEvents: opts.recordEvents ?? false,
        kubelet: opts.kubelet ?? { mode: 'scripted', script: (ctx) => this.script(ctx) },
      },
      (where, error) => this.errors.push({ where, error }),
    );
  }

  /** Runs fake time. */
  run(ms: number): void {
    this.clock.advance(ms);
  }

  runUntil(predicate: () => boolean, limitMs?: number, stepMs?: number): void {
    this.clock.advanceUntil(predicate, limitMs, stepMs);
  }

  createJob(name: string, spec: Partial<JobView['spec']> = {}, extra: { labels?: Record<string, string> } = {}): JobView {
    const body = jobBody(name, spec);
    if (extra.labels) body.metadata.labels = extra.labels;
    return this.store.create('jobs', 'default', body as unknown as KubeObject) as unknown as JobView;
  }

  job(name: string): JobView {
    const j = this.store.get('jobs', 'default', name);
    if (!j) throw new Error(`job ${name} not found`);
    return j as unknown as JobView;
  }

  jobExists(name: string): boolean {
    return this.store.get('jobs', 'default', name) !== undefined;
  }

  pods(jobName?: string): PodView[] {
    const all = this.store.list('pods', 'default') as unknown as PodView[];
    return jobName === undefined ? all : all.filter((p) => p.metadata.labels?.['job-name'] === jobName);
  }

  pod(name: string): PodView | undefined {
    return this.store.get('pods', 'default', name) as unknown as PodView | undefined;
  }

  condition(jobName: string, type: string) {
    return this.job(jobName).status?.conditions?.find((c) => c.type === type && c.status === 'True');
  }

  finished(jobName: string): boolean {
    return this.condition(jobName, 'Complete') !== undefined || this.condition(jobName, 'Failed') !== undefined;
  }

  /** Job status snapshots (from MODIFIED events) of one job, in order. */
  jobStatuses(jobName: string): NonNullable<JobView['status']>[] {
    return this.events
      .filter((e) => e.resource === 'jobs' && e.object.metadata.name === jobName && e.type !== 'DELETED')
      .map((e) => (e.object as unknown as JobView).status ?? {});
  }

  /** Pod snapshots of one pod name, in order. */
  podHistory(podName: string): PodView[] {
    return this.events.filter((e) => e.resource === 'pods' && e.object.metadata.name === podName).map((e) => e.object as unknown as PodView);
  }

  async stop(): Promise<void> {
    await this.controllers.stop();
  }
}

export function jobBody(name: string, spec: Partial<JobView['spec']> = {}): JobView {
  const { template, ...rest } = spec;
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name, namespace: 'default' },
    spec: {
      ...rest,
      template: template ?? {
        spec: { restartPolicy: 'Never', containers: [{ name: 'main', image: 'busybox:1.36', command: ['sh', '-c', 'echo hi'] }] },
      },
    },
  };
}

/** A template with the given restart policy and containers. */
export function template(restartPolicy: 'Never' | 'OnFailure', extra: Partial<PodView['spec']> = {}): JobView['spec']['template'] {
  return { spec: { restartPolicy, containers: [{ name: 'main', image: 'busybox:1.36', command: ['sh', '-c', 'echo hi'] }], ...extra } };
}
