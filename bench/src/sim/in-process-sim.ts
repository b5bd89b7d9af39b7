import { startKubeSim } from '@drmaa2/kube-sim';
import { attachProbe } from './cluster-probe.js';
import { kubeSimOptions, type SimConfig } from './sim-config.js';
import type { SimHandle } from './sim-handle.js';

/** Starts kube-sim in this process (tests: exact request counts, no timing). */
export async function startInProcessSim(config: SimConfig): Promise<SimHandle> {
  const sim = await startKubeSim(kubeSimOptions(config));
  const probe = attachProbe(sim.store);
  return {
    kubeconfigPath: sim.kubeconfigPath,
    stats: async () => sim.stats(),
    resetStats: async () => sim.resetStats(),
    probe: async () => probe.report(),
    resetProbe: async () => probe.reset(),
    stop: async () => {
      probe.close();
      await sim.stop();
    },
  };
}
