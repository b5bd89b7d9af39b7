import { describe, expect, it } from 'vitest';
import { runArray } from '../src/scenarios/arrays.js';
import { runMonitoring } from '../src/scenarios/monitoring.js';
import { requestCounts, type RequestCounts } from '../src/scenarios/request-counts.js';
import { runSubmission } from '../src/scenarios/submission.js';
import { startInProcessSim } from '../src/sim/in-process-sim.js';
import type { SimStarter } from '../src/sim/sim-handle.js';

describe('scenario 1: monitoring cost', () => {
  it('monitoring 10 and 50 jobs costs the same list and watch requests: one list+watch of Jobs and of Pods', async () => {
    const small = await runMonitoring(startInProcessSim, { client: 'ours', jobs: 10, seconds: 0.05 });
    const large = await runMonitoring(startInProcessSim, { client: 'ours', jobs: 50, seconds: 0.05 });
    for (const [result, n] of [[small, 10], [large, 50]] as const) {
      expect(result.jobs).toBe(n);
      expect({ list: result.list, watch: result.watch, get: result.get }).toEqual({ list: 2, watch: 2, get: 0 });
      expect(result.jobCreates).toBe(n);
      // n Job creates, 2 lists, 2 watches and the session's ConfigMap create: nothing grows with n but the creates.
      expect(result.total).toBe(n + 5);
    }
  });

  it('the polling baseline creates each job and GETs it at least once', async () => {
    const result = await runMonitoring(startInProcessSim, { client: 'polling', jobs: 10, seconds: 0.05 });
    expect(result.jobCreates).toBe(10);
    expect(result.list + result.watch).toBe(0);
    expect(result.get).toBeGreaterThanOrEqual(10);
    expect(result.total).toBe(10 + result.get);
  });
});

describe('scenario 2: submission', () => {
  it('every client submits exactly its warm-up and measured jobs, also when the blocks do not divide them', async () => {
    let counts: RequestCounts | undefined;
    const counting: SimStarter = async (config) => {
      const sim = await startInProcessSim(config);
      return {
        ...sim,
        stop: async () => {
          counts = requestCounts(await sim.stats());
          await sim.stop();
        },
      };
    };
    const result = await runSubmission(counting, { jobs: 10, blocks: 3, warmup: 2, serverWarmup: 3, concurrency: 2, rotation: 1 });
    // 3 server warm-up creates, then 2 + 10 for each of the three clients (blocks of 3, 3 and 4).
    expect(counts?.jobCreates).toBe(3 + 3 * (2 + 10));
    for (const rate of [result.ours, result.clientNodeKeepAlive, result.clientNodeDefault]) {
      expect(Number.isFinite(rate) && rate > 0).toBe(true);
    }
  });
});

describe('scenario 3: arrays', () => {
  it('an array of 20 tasks is submitted with one request, one Job create, and never runs more than maxParallel tasks', async () => {
    const result = await runArray(startInProcessSim, { client: 'ours', tasks: 20, maxParallel: 4, seconds: 0.05 });
    expect(result.submitRequests).toBe(1);
    expect(result.submitJobCreates).toBe(1);
    expect(result.seenTerminal).toBe(20);
    expect(result.allTerminalMs).toBeDefined();
    expect(result.maxRunning).toBeGreaterThan(0);
    expect(result.maxRunning).toBeLessThanOrEqual(4);
    // After submission, monitoring costs no request at all: the session's watches were open before.
    expect(result.totalRequests).toBe(1);
  });

  it('the polling baseline needs one Job create per task', async () => {
    const result = await runArray(startInProcessSim, { client: 'polling', tasks: 20, maxParallel: 4, seconds: 0.05 });
    expect(result.submitRequests).toBe(20);
    expect(result.submitJobCreates).toBe(20);
    expect(result.seenTerminal).toBe(20);
    expect(result.totalRequests).toBeGreaterThanOrEqual(40);
  });
});
