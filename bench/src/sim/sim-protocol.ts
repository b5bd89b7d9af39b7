import type { KubeSimStats } from '@drmaa2/kube-sim';
import type { ProbeReport } from './cluster-probe.js';
import type { SimConfig } from './sim-config.js';

/** A request from the bench to its simulator child process. */
export type SimRequest =
  | { readonly id: number; readonly op: 'start'; readonly config: SimConfig }
  | { readonly id: number; readonly op: 'stats' | 'resetStats' | 'probe' | 'resetProbe' | 'stop' };

/** The child's answer to the request with the same id. */
export type SimAnswer =
  | { readonly id: number; readonly ok: true; readonly value?: KubeSimStats | ProbeReport | { kubeconfigPath: string } }
  | { readonly id: number; readonly ok: false; readonly error: string };
