/**
 * The simulator child process: starts kube-sim (with the in-store probe) when asked over IPC and
 * answers stats/probe requests, so the API server's CPU and memory are not the client's.
 */
import { startKubeSim, type KubeSim, type KubeSimStats } from '@drmaa2/kube-sim';
import { attachProbe, type ClusterProbe, type ProbeReport } from './sim/cluster-probe.js';
import { kubeSimOptions } from './sim/sim-config.js';
import type { SimAnswer, SimRequest } from './sim/sim-protocol.js';

let sim: KubeSim | undefined;
let probe: ClusterProbe | undefined;

async function handle(request: SimRequest): Promise<KubeSimStats | ProbeReport | { kubeconfigPath: string } | undefined> {
  switch (request.op) {
    case 'start':
      sim = await startKubeSim(kubeSimOptions(request.config));
      probe = attachProbe(sim.store);
      return { kubeconfigPath: sim.kubeconfigPath };
    case 'stats':
      return sim?.stats();
    case 'resetStats':
      sim?.resetStats();
      return undefined;
    case 'probe':
      return probe?.report();
    case 'resetProbe':
      probe?.reset();
      return undefined;
    case 'stop':
      probe?.close();
      await sim?.stop();
      setImmediate(() => process.disconnect());
      return undefined;
  }
}

// The bench went away (killed, crashed): nothing is left to answer.
process.on('disconnect', () => process.exit(0));

process.on('message', (message: SimRequest) => {
  const answer = (value: SimAnswer): void => void process.send?.(value);
  handle(message).then(
    (value) => answer({ id: message.id, ok: true, value }),
    (error: unknown) => answer({ id: message.id, ok: false, error: error instanceof Error ? error.message : String(error) }),
  );
});
