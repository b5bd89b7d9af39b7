/**
 * Scenario 3's client process for our tracker, so a run that overruns can be stopped from outside:
 * `fork(array-worker.js, [kubeconfig, tasks, maxParallel, seconds])`. It connects, sends
 * `{ type: 'connected' }`, waits for `{ type: 'go' }`, submits one `runBulkJobs`, sends
 * `{ type: 'submitted', t0, submitMs }`, then `{ type: 'seen', count }` as members are seen
 * finished in index order, and `{ type: 'done', allTerminalMs }` at the end.
 */
import { connectOurs, sleepTemplate } from './clients/ours.js';
import { preciseNow } from './sim/clock.js';
import type { ArrayWorkerMessage } from './scenarios/array-worker-protocol.js';

const [kubeconfigPath = '', tasksText = '0', maxParallelText = '1', secondsText = '0'] = process.argv.slice(2);
const send = (message: ArrayWorkerMessage): void => void process.send?.(message);
process.on('disconnect', () => process.exit(0));

const ours = await connectOurs(kubeconfigPath, 'bench');
await new Promise<void>((resolve) => {
  process.once('message', () => resolve());
  send({ type: 'connected' });
});
const t0 = preciseNow();
const array = await ours.session.runBulkJobs(sleepTemplate(Number(secondsText)), 1, Number(tasksText), 1, Number(maxParallelText));
send({ type: 'submitted', t0, submitMs: preciseNow() - t0 });
let seen = 0;
for (const job of array.getJobs()) {
  await job.waitTerminated();
  seen += 1;
  send({ type: 'seen', count: seen });
}
send({ type: 'done', allTerminalMs: preciseNow() - t0 });
await ours.close();
process.disconnect();
