import { describeTrackerConformance } from '@drmaa2/conformance';
import { startKubeSim } from '@drmaa2/kube-sim';
import { kubernetesTracker } from '../../src/index.js';
import { kubeSimConformance } from '../support/kube-sim-conformance.js';


/** The whole DRMAA2 contract on kube-sim with the process kubelet: real commands, real exit codes. */
describeTrackerConformance('kubernetes tracker on kube-sim', {
  async create() {
    const sim = await startKubeSim({
      kubelet: { mode: 'process' },
      timing: { podStartMs: 20, syncBatchMs: 20, scheduleDelayMs: 0 },
    });
    return {
      plugin: kubernetesTracker({ kubeconfigPath: sim.kubeconfigPath }),
      // A new process connects the same way; the sessions and jobs live in the (simulated) cluster.
      reconnect: () => kubernetesTracker({ kubeconfigPath: sim.kubeconfigPath }),
      // No `fault` hook: kube-sim injects HTTP faults, which the tracker retries and maps to its own
      // codes (test/faults covers them), not arbitrary DRMAA2 errors with a given cause.
      dispose: () => sim.stop(),
    };
  },
  ...kubeSimConformance,
});
