import { SessionManager, type JobSession } from '@drmaa2/core';
import { startKubeSim, type KubeSim, type KubeSimOptions } from '@drmaa2/kube-sim';
import { kubernetesTracker, type KubernetesTrackerOptions } from '../../src/index.js';
import { simScript } from './sim-script.js';

/** A kube-sim with the test script, a session manager on the Kubernetes tracker, and one session. */
export interface SimHarness {
  readonly sim: KubeSim;
  readonly sm: SessionManager;
  readonly session: JobSession;
  /** Another manager on a new tracker instance, as a second process would have. */
  newManager(options?: KubernetesTrackerOptions): SessionManager;
  close(): Promise<void>;
}

/** The image the tests name as `jobCategory`. */
export const testImage = 'busybox:1.36';

/** Starts a harness; close it in `afterEach`. */
export async function startHarness(options: { sim?: KubeSimOptions; tracker?: KubernetesTrackerOptions } = {}): Promise<SimHarness> {
  const sim = await startKubeSim({
    kubelet: { mode: 'scripted', script: simScript },
    timing: { podStartMs: 20, syncBatchMs: 20 },
    ...options.sim,
  });
  const managers: SessionManager[] = [];
  const newManager = (extra: KubernetesTrackerOptions = {}): SessionManager => {
    const manager = new SessionManager({ tracker: kubernetesTracker({ kubeconfigPath: sim.kubeconfigPath, ...options.tracker, ...extra }) });
    managers.push(manager);
    return manager;
  };
  const sm = newManager();
  const session = await sm.createJobSession('harness');
  return {
    sim,
    sm,
    session,
    newManager,
    async close() {
      for (const manager of managers) await manager.close();
      await sim.stop();
    },
  };
}
