import { ClusterStore } from '../../../src/store/cluster-store.js';
import { startControllers, type RunningControllers } from '../../../src/controllers/start-controllers.js';
import { nodeObjects } from '../../../src/controllers/node-objects.js';
import { realClock } from '../../../src/controllers/clock.js';
import type { TimingOptions } from '../../../src/controllers/options.js';
import type { PodView } from '../../../src/controllers/kube-types.js';

/** A store + process-mode controllers on the real clock; waits are driven by store events. */
export class LiveCluster {
  readonly store = new ClusterStore();
  readonly controllers: RunningControllers;
  readonly errors: unknown[] = [];

  constructor(scratchDir: string, timing: Partial<TimingOptions> = {}) {
    this.store.create('namespaces', undefined, { metadata: { name: 'default' } });
    for (const node of nodeObjects({ count: 1 })) this.store.create('nodes', undefined, node);
    this.controllers = startControllers(
      this.store,
      { kubelet: { mode: 'process', scratchDir }, timing: { podStartMs: 0, syncBatchMs: 0, ...timing }, clock: realClock(), recordEvents: false },
      (where, error) => this.errors.push({ where, error }),
    );
  }

  pod(name: string): PodView | undefined {
    return this.store.get('pods', 'default', name) as unknown as PodView | undefined;
  }

  /**
   * Resolves once `predicate` holds, checked after every store event and, for process output (which
   * makes no store event), every 20 ms; rejects after `ms`.
   */
  waitFor(predicate: () => boolean, ms = 4_000): Promise<void> {
    if (predicate()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const finish = (error?: Error): void => {
        clearTimeout(timer);
        clearInterval(poll);
        unsubscribe();
        if (error) reject(error);
        else resolve();
      };
      const check = (): void => {
        if (predicate()) finish();
      };
      const timer = setTimeout(() => finish(new Error('timed out waiting for the cluster')), ms);
      const poll = setInterval(check, 20);
      const unsubscribe = this.store.subscribe(check);
    });
  }

  createPod(name: string, spec: Record<string, unknown>): void {
    this.store.create('pods', 'default', { metadata: { name, labels: { app: 'demo' } }, spec: { restartPolicy: 'Never', ...spec } });
  }

  phase(name: string): string | undefined {
    return this.pod(name)?.status?.phase;
  }

  terminated(name: string) {
    return this.pod(name)?.status?.containerStatuses?.[0]?.state.terminated;
  }

  log(name: string, container = 'main'): string | undefined {
    return this.controllers.logs.read('default', name, container);
  }

  stop(): Promise<void> {
    return this.controllers.stop();
  }
}
