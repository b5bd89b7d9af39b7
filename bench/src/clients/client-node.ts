import { Agent } from 'node:https';
import { BatchV1Api, KubeConfig, createConfiguration, ServerConfiguration, type V1Job } from '@kubernetes/client-node';

/** How the raw client-node baseline manages connections. */
export type ClientNodeMode = 'default' | 'keep-alive';

/**
 * A `BatchV1Api` for the simulator, written as a competent user would. `default` is
 * `makeApiClient` as documented (client-node 1.x then opens a new TLS connection per call);
 * `keep-alive` reuses one keep-alive agent through a request middleware, the known fix.
 */
export function batchApi(kubeconfigPath: string, mode: ClientNodeMode): BatchV1Api {
  const kc = new KubeConfig();
  kc.loadFromFile(kubeconfigPath);
  if (mode === 'default') return kc.makeApiClient(BatchV1Api);
  const cluster = kc.getCurrentCluster();
  if (cluster === null) throw new Error('the kubeconfig has no current cluster');
  let shared: Agent | undefined;
  const config = createConfiguration({
    baseServer: new ServerConfiguration(cluster.server, {}),
    authMethods: { default: kc },
    promiseMiddleware: [
      {
        pre: async (ctx) => {
          const agent = ctx.getAgent();
          shared ??= new Agent({ ...(agent instanceof Agent ? agent.options : {}), keepAlive: true });
          ctx.setAgent(shared);
          return ctx;
        },
        post: async (response) => response,
      },
    ],
  });
  return new BatchV1Api(config);
}

/** The Job a user would write for one `sleep SECONDS` task: one container, restartPolicy Never, no retries. */
export function sleepJob(seconds: number, labels: Record<string, string>): V1Job {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { generateName: 'bench-', labels },
    spec: {
      backoffLimit: 0,
      template: {
        metadata: { labels },
        spec: { restartPolicy: 'Never', containers: [{ name: 'job', image: 'busybox:1.36', command: ['sleep'], args: [String(seconds)] }] },
      },
    },
  };
}
