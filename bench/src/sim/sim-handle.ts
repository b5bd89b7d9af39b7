import type { KubeSimStats } from '@drmaa2/kube-sim';
import type { ProbeReport } from './cluster-probe.js';
import type { SimConfig } from './sim-config.js';

/**
 * A running kube-sim as a scenario sees it: wherever it runs (this process in tests, a child
 * process in the bench so the client's CPU and heap are its own), every call is asynchronous.
 */
export interface SimHandle {
  /** The kubeconfig clients load (HTTPS, insecure-skip-tls-verify, bearer token). */
  readonly kubeconfigPath: string;
  stats(): Promise<KubeSimStats>;
  resetStats(): Promise<void>;
  /** What the in-simulator probe saw since its last reset. */
  probe(): Promise<ProbeReport>;
  resetProbe(): Promise<void>;
  stop(): Promise<void>;
}

/** Starts a simulator with the given configuration. */
export type SimStarter = (config: SimConfig) => Promise<SimHandle>;
