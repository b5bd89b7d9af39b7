import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { connectOurs, sleepTemplate } from '../clients/ours.js';
import { defaultSimConfig } from '../sim/sim-config.js';
import type { SimHandle, SimStarter } from '../sim/sim-handle.js';
import { mapLimit } from './map-limit.js';

const run = promisify(execFile);

/** Which client's cache is weighed. */
export type MemoryClient = 'ours' | 'client-node-informer';

/** One measurement of scenario 5. */
export interface MemoryResult {
  readonly client: MemoryClient;
  readonly jobs: number;
  /** Jobs the client reported tracking (must equal `jobs`). */
  readonly tracked: number;
  readonly bytesPerJob: number;
}

/** A simulator holding `jobs` finished jobs (with their pods) submitted through our tracker. */
export async function seedFinishedJobs(start: SimStarter, jobs: number): Promise<SimHandle> {
  const sim = await start(defaultSimConfig);
  const ours = await connectOurs(sim.kubeconfigPath, 'bench');
  try {
    const submitted = await mapLimit(jobs, 32, () => ours.session.runJob(sleepTemplate(0)));
    for (const job of submitted) await job.waitTerminated();
  } finally {
    await ours.close();
  }
  return sim;
}

/**
 * Scenario 5, client memory: a fresh process (`dist/memory-probe.js`, `--expose-gc`) connects
 * `client` to `sim` and reports its heap growth per cached job after GC.
 */
export async function measureMemory(sim: SimHandle, client: MemoryClient, jobs: number): Promise<MemoryResult> {
  const probe = new URL('../memory-probe.js', import.meta.url).pathname;
  const { stdout } = await run(process.execPath, ['--expose-gc', probe, client, sim.kubeconfigPath, String(jobs)], { maxBuffer: 1 << 20 });
  const parsed = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as { tracked: number; bytesPerJob: number };
  return { client, jobs, tracked: parsed.tracked, bytesPerJob: parsed.bytesPerJob };
}
