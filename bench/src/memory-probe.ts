/**
 * Scenario 5's measuring process: started with `--expose-gc`, it connects one client to the
 * simulator, waits until every Job is cached, and prints the heap growth per job after GC as JSON.
 * Usage: node --expose-gc memory-probe.js <ours|client-node-informer> <kubeconfig> <jobs>
 */
import { SessionManager } from '@drmaa2/core';
import { kubernetesTracker } from '@drmaa2/tracker-kubernetes';
import { BatchV1Api, CoreV1Api, KubeConfig, makeInformer } from '@kubernetes/client-node';

const [mode = '', kubeconfigPath = '', jobsText = '0'] = process.argv.slice(2);
const jobs = Number(jobsText);

function heapAfterGc(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) throw new Error('memory-probe needs node --expose-gc');
  for (let i = 0; i < 4; i += 1) gc();
  return process.memoryUsage().heapUsed;
}

async function ours(): Promise<{ heap: number; tracked: number; keep: unknown }> {
  const sm = new SessionManager({ tracker: kubernetesTracker({ kubeconfigPath, qps: Infinity }) });
  const session = await sm.openJobSession('bench');
  const heap = heapAfterGc();
  const tracked = (await session.getJobs()).length;
  return { heap, tracked, keep: sm };
}

async function informers(): Promise<{ heap: number; tracked: number; keep: unknown }> {
  const kc = new KubeConfig();
  kc.loadFromFile(kubeconfigPath);
  const batch = kc.makeApiClient(BatchV1Api);
  const core = kc.makeApiClient(CoreV1Api);
  const selector = 'app.kubernetes.io/managed-by=drmaa2';
  const jobInformer = makeInformer(kc, '/apis/batch/v1/namespaces/default/jobs', () => batch.listNamespacedJob({ namespace: 'default' }));
  const podInformer = makeInformer(kc, '/api/v1/namespaces/default/pods', () => core.listNamespacedPod({ namespace: 'default', labelSelector: selector }), selector);
  await jobInformer.start();
  await podInformer.start();
  while (jobInformer.list().length < jobs || podInformer.list().length < jobs) await new Promise((resolve) => setTimeout(resolve, 50));
  const heap = heapAfterGc();
  const tracked = jobInformer.list().length;
  await jobInformer.stop();
  await podInformer.stop();
  return { heap, tracked, keep: [jobInformer, podInformer] };
}

const before = heapAfterGc();
const result = mode === 'ours' ? await ours() : await informers();
const bytesPerJob = (result.heap - before) / jobs;
process.stdout.write(`${JSON.stringify({ mode, jobs, tracked: result.tracked, heapBefore: before, heapAfter: result.heap, bytesPerJob })}\n`);
process.exit(0);
