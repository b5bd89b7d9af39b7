// The DRMAA2 conformance suite on a real cluster: runs when DRMAA2_E2E_KUBECONFIG is set (see
// e2e-cluster.ts), skips otherwise. Each case gets a namespace of its own, so the sessions and jobs
// of one case never show up in another, as with the fresh kube-sim of the integration run.
import { describeTrackerConformance } from '@drmaa2/conformance';
import { afterAll, describe } from 'vitest';
import { E2eCluster, e2eEnabled, e2eTemplates, e2eTestTimeoutMs } from './e2e-cluster.js';

describe.skipIf(!e2eEnabled)('real cluster (DRMAA2_E2E_KUBECONFIG)', () => {
  let cluster: E2eCluster | undefined;
  afterAll(async () => {
    await cluster?.deleteAll();
  });

  describeTrackerConformance('kubernetes tracker on a real cluster', {
    async create() {
      cluster ??= new E2eCluster();
      const namespace = await cluster.createNamespace();
      const owner = cluster;
      return { plugin: owner.plugin(namespace), dispose: () => owner.deleteNamespace(namespace) };
    },
    templates: e2eTemplates,
    capabilityAttributes: { JT_STAGING: { stageInFiles: { '/data/in.txt': 'configmap-data:aGVsbG8=' } } },
    shortSeconds: 2,
    longSeconds: 3600,
    persistsAcrossPlugins: true,
    testTimeoutMs: e2eTestTimeoutMs,
  });
});
