import { CpuArchitecture, OperatingSystem } from '@drmaa2/core';
import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type SimHarness } from '../support/sim-harness.js';

let h: SimHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('monitoring on kube-sim', () => {
  it('machines come from Nodes: cores, memory, arch, OS; available = Ready and schedulable', async () => {
    h = await startHarness({
      sim: {
        nodes: {
          names: ['cpu-a', 'arm-b', 'cordoned-c'],
          cpu: '8',
          memory: '32Gi',
          overrides: { 'arm-b': { architecture: 'arm64' }, 'cordoned-c': { unschedulable: true } },
        },
      },
    });
    const monitoring = await h.sm.openMonitoringSession();
    const machines = await monitoring.getAllMachines();
    expect(machines.map((m) => [m.name, m.available, m.machineArch, m.machineOS, m.coresPerSocket, m.physMemory])).toEqual([
      ['arm-b', true, CpuArchitecture.Arm64, OperatingSystem.Linux, 8, 32 * 1024 * 1024],
      ['cordoned-c', false, CpuArchitecture.X64, OperatingSystem.Linux, 8, 32 * 1024 * 1024],
      ['cpu-a', true, CpuArchitecture.X64, OperatingSystem.Linux, 8, 32 * 1024 * 1024],
    ]);
  });

  it('queues are the watched namespaces', async () => {
    h = await startHarness({ sim: { namespaces: ['default', 'batch'] }, tracker: { queues: ['default', 'batch'] } });
    const monitoring = await h.sm.openMonitoringSession();
    expect((await monitoring.getAllQueues()).map((queue) => queue.name)).toEqual(['default', 'batch']);
  });

  it('job categories: the images the nodes hold (tagged names, as the kubelet reports them), plus suggested ones, or exactly the configured ones', async () => {
    h = await startHarness({ sim: { nodes: { count: 2, images: ['busybox:1.36', 'python:3.12', 'registry.example/app@sha256:abcd'] } } });
    expect(await h.session.getJobCategories()).toEqual(['docker.io/library/busybox:1.36', 'docker.io/library/python:3.12']);
    const suggested = await h.newManager({ suggestedJobCategories: ['ghcr.io/acme/tool:2', 'docker.io/library/python:3.12'] }).openJobSession(h.session.sessionName);
    expect(await suggested.getJobCategories()).toEqual(['ghcr.io/acme/tool:2', 'docker.io/library/python:3.12', 'docker.io/library/busybox:1.36']);
    await expect(suggested.runJob({ remoteCommand: 'true', jobCategory: 'any.registry/other:1' })).resolves.toBeDefined();
    const strict = await h.newManager({ jobCategories: ['python:3.12'] }).openJobSession(h.session.sessionName);
    expect(await strict.getJobCategories()).toEqual(['python:3.12']);
    h.sim.resetStats();
    await expect(strict.runJob({ remoteCommand: 'true', jobCategory: 'busybox:1.36' })).rejects.toMatchObject({ message: expect.stringContaining('jobCategory') as unknown });
    expect(h.sim.stats().requests.total).toBe(0);
  });
});
