import { SessionManager, type JobSession, type JobTemplate } from '@drmaa2/core';
import { kubernetesTracker } from '@drmaa2/tracker-kubernetes';

/** Our tracker connected to a simulator: a session manager and one job session. */
export interface OurClient {
  readonly sm: SessionManager;
  readonly session: JobSession;
  close(): Promise<void>;
}

/** The image the bench's jobs name (kube-sim pulls nothing). */
export const benchImage = 'busybox:1.36';

/** A job that sleeps `seconds` in the simulator. */
export function sleepTemplate(seconds: number): JobTemplate {
  return { remoteCommand: 'sleep', args: [String(seconds)], jobCategory: benchImage };
}

/**
 * Connects the Kubernetes tracker to the simulator at `kubeconfigPath` and opens a session. The
 * client-side rate limiter is off (`qps: Infinity`) so the bench measures the tracker, not its
 * throttle; everything else is the default.
 */
export async function connectOurs(kubeconfigPath: string, sessionName: string): Promise<OurClient> {
  const sm = new SessionManager({ tracker: kubernetesTracker({ kubeconfigPath, qps: Infinity }) });
  const session = await sm.createJobSession(sessionName);
  return { sm, session, close: () => sm.close() };
}
