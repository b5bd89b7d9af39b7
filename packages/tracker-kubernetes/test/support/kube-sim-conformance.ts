import type { TrackerConformanceOptions } from '@drmaa2/conformance';
import { testImage } from './sim-harness.js';

/**
 * The conformance options every run on kube-sim's process kubelet shares: how to say sleep, exit,
 * succeed and cannot-start with real commands, a staging value in this tracker's format, and the
 * persistence of sessions in the cluster. Each run adds its own `create`.
 */
export const kubeSimConformance: Omit<TrackerConformanceOptions, 'create'> = {
  templates: {
    sleep: (seconds) => ({ remoteCommand: 'sleep', args: [String(seconds)], jobCategory: testImage }),
    exit: (code) => ({ remoteCommand: 'sh', args: ['-c', `exit ${code}`], jobCategory: testImage }),
    succeed: () => ({ remoteCommand: 'true', jobCategory: testImage }),
    cannotStart: () => ({ remoteCommand: 'no-such-binary', jobCategory: testImage }),
  },
  capabilityAttributes: { JT_STAGING: { stageInFiles: { '/data/in.txt': 'configmap-data:aGVsbG8=' } } },
  shortSeconds: 0.5,
  longSeconds: 3600,
  persistsAcrossPlugins: true,
};
