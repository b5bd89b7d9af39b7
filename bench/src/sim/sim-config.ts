import type { KubeSimOptions } from '@drmaa2/kube-sim';
import { benchScript } from './bench-script.js';

/** What a bench run asks of the simulated cluster. */
export interface SimConfig {
  /** Pod start time (scheduling to running) in ms. */
  readonly podStartMs: number;
  /** Job controller batching of pod events in ms. */
  readonly syncBatchMs: number;
  /** False serves the API alone: Jobs are stored but never run (submission benchmarks). */
  readonly controllers: boolean;
  /** Number of nodes; each holds {@link SimConfig.podsPerNode} pods. */
  readonly nodes: number;
  readonly podsPerNode: number;
}

/** The bench's default cluster: 10 nodes of 1,000 pods, 100 ms pod start and controller batching. */
export const defaultSimConfig: SimConfig = Object.freeze({ podStartMs: 100, syncBatchMs: 100, controllers: true, nodes: 10, podsPerNode: 1000 });

/** The kube-sim options for `config`: scripted kubelet with {@link benchScript}, no Events, room for 100,000 watch events. */
export function kubeSimOptions(config: SimConfig): KubeSimOptions {
  return {
    kubelet: { mode: 'scripted', script: benchScript },
    nodes: { count: config.nodes, pods: String(config.podsPerNode), cpu: '1000', memory: '4000Gi' },
    timing: { podStartMs: config.podStartMs, syncBatchMs: config.syncBatchMs },
    controllers: config.controllers,
    recordEvents: false,
    historyLimit: 1_000_000,
  };
}
