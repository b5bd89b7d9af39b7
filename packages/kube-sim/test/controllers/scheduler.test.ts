import { afterEach, describe, expect, it } from 'vitest';
import { Harness } from './support/harness.js';
import { formatQuantity, parseQuantity } from '../../src/controllers/quantity.js';
import { nodeObjects } from '../../src/controllers/node-objects.js';

let h: Harness;
afterEach(async () => {
  await h.stop();
  expect(h.errors).toEqual([]);
});

function createPod(name: string, spec: Record<string, unknown> = {}) {
  return h.store.create('pods', 'default', { metadata: { name }, spec: { restartPolicy: 'Never', containers: [{ name: 'main', image: 'busybox' }], ...spec } });
}

function scheduled(name: string) {
  return h.pod(name)?.status?.conditions?.find((c) => c.type === 'PodScheduled');
}

const cpu = (amount: string) => ({ containers: [{ name: 'main', image: 'busybox', resources: { requests: { cpu: amount } } }] });

describe('quantities', () => {
  it('parses exactly and formats canonically', () => {
    h = new Harness();
    expect(parseQuantity('500m')).toBe(500n);
    expect(parseQuantity('1.5')).toBe(1500n);
    expect(parseQuantity('0.1m')).toBe(1n);
    expect(parseQuantity('2Gi')).toBe(2n * 1024n ** 3n * 1000n);
    expect(parseQuantity('1e3')).toBe(1_000_000n);
    expect(parseQuantity('16374148Ki')).toBe(16374148n * 1024n * 1000n);
    expect(formatQuantity(parseQuantity('1.5Gi'), true)).toBe('1536Mi');
    expect(formatQuantity(parseQuantity('1000m'))).toBe('1');
    expect(formatQuantity(parseQuantity('1.5'))).toBe('1500m');
    expect(() => parseQuantity('1.5x')).toThrow(/quantities must match/);
  });
});

describe('node objects', () => {
  it('have real shapes and defaults', () => {
    h = new Harness();
    const [node] = nodeObjects({ count: 1, reserved: { cpu: '80m' }, extendedResources: { 'nvidia.com/gpu': '1' } }, Date.UTC(2026, 0, 1));
    const n = node as unknown as { metadata: { name: string; labels: Record<string, string> }; status: Record<string, unknown> };
    expect(n.metadata.name).toBe('sim-node-1');
    expect(n.metadata.labels).toMatchObject({ 'kubernetes.io/os': 'linux', 'kubernetes.io/arch': 'amd64', 'kubernetes.io/hostname': 'sim-node-1' });
    expect(n.status['capacity']).toMatchObject({ cpu: '4', memory: '16Gi', pods: '110', 'nvidia.com/gpu': '1' });
    expect(n.status['allocatable']).toMatchObject({ cpu: '3920m', memory: '16Gi' });
    expect(n.status['nodeInfo']).toMatchObject({ operatingSystem: 'linux', architecture: 'amd64', kubeletVersion: 'v1.31.0' });
    expect((n.status['conditions'] as { type: string; status: string }[]).find((c) => c.type === 'Ready')).toMatchObject({ status: 'True', reason: 'KubeletReady' });
    expect(h.store.list('nodes').map((x) => x.metadata.name)).toEqual(['sim-node-1', 'sim-node-2', 'sim-node-3']);
  });
});

describe('checklist 13: unschedulable pods stay Pending with PodScheduled=False/Unschedulable', () => {
  it('too much cpu: real message, retried when capacity frees up', () => {
    h = new Harness({ timing: { podStartMs: 0 } });
    h.script = () => ({ durationMs: 10_000 });
    for (let i = 0; i < 3; i++) createPod(`big-${i}`, cpu('3'));
    createPod('waiting', cpu('2'));
    h.run(100);
    expect(scheduled('waiting')).toMatchObject({
      status: 'False',
      reason: 'Unschedulable',
      message: '0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.',
    });
    expect(h.pod('waiting')?.status?.phase).toBe('Pending');
    expect(h.pod('waiting')?.spec.nodeName).toBeUndefined();
    h.run(10_000);
    expect(scheduled('waiting')?.status).toBe('True');
    expect(h.pod('waiting')?.spec.nodeName).toMatch(/^sim-node-\d$/);
  });

  it('nodeSelector, affinity, taints and cordoned nodes', () => {
    h = new Harness({
      nodes: {
        overrides: {
          'sim-node-1': { labels: { zone: 'a', gen: '5' } },
          'sim-node-2': { taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }], labels: { zone: 'b' } },
          'sim-node-3': { unschedulable: true, labels: { zone: 'c' } },
        },
      },
    });
    createPod('sel', { nodeSelector: { zone: 'a' } });
    createPod('nomatch', { nodeSelector: { zone: 'z' } });
    createPod('aff', {
      affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'gen', operator: 'Gt', values: ['4'] }] }] } } },
    });
    createPod('field', {
      affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['sim-node-2'] }] }] } } },
      tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' }],
    });
    createPod('taint', { nodeSelector: { zone: 'b' } });
    createPod('cordon', { nodeSelector: { zone: 'c' } });
    h.run(100);
    expect(h.pod('sel')?.spec.nodeName).toBe('sim-node-1');
    expect(h.pod('aff')?.spec.nodeName).toBe('sim-node-1');
    expect(h.pod('field')?.spec.nodeName).toBe('sim-node-2');
    expect(scheduled('nomatch')?.message).toBe(
      "0/3 nodes are available: 1 node(s) didn't match Pod's node affinity/selector, 1 node(s) had untolerated taint {dedicated: gpu}, 1 node(s) were unschedulable. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.",
    );
    expect(scheduled('taint')?.message).toContain('1 node(s) had untolerated taint {dedicated: gpu}');
    expect(scheduled('cordon')?.message).toContain('1 node(s) were unschedulable');
    // uncordon: the waiting pod is scheduled
    h.store.mutate('nodes', undefined, 'sim-node-3', (o) => {
      const spec = o['spec'] as { unschedulable?: boolean; taints?: unknown[] };
      delete spec.unschedulable;
      delete spec.taints;
    });
    h.run(100);
    expect(h.pod('cordon')?.spec.nodeName).toBe('sim-node-3');
  });

  it('pod capacity: Too many pods', () => {
    h = new Harness({ nodes: { count: 1, pods: '1' } });
    h.script = () => ({ durationMs: Infinity });
    createPod('first');
    createPod('second');
    h.run(100);
    expect(h.pod('first')?.spec.nodeName).toBe('sim-node-1');
    expect(scheduled('second')?.message).toBe(
      '0/1 nodes are available: 1 Too many pods. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.',
    );
  });

  it('extended resources and memory are counted against allocatable', () => {
    h = new Harness({ nodes: { count: 2, overrides: { 'sim-node-2': { extendedResources: { 'nvidia.com/gpu': '1' } } } } });
    h.script = () => ({ durationMs: Infinity });
    const gpu = { containers: [{ name: 'main', image: 'cuda', resources: { limits: { 'nvidia.com/gpu': '1' } } }] };
    createPod('gpu-1', gpu);
    createPod('gpu-2', gpu);
    createPod('mem', { containers: [{ name: 'main', image: 'busybox', resources: { requests: { memory: '17Gi' } } }] });
    h.run(100);
    expect(h.pod('gpu-1')?.spec.nodeName).toBe('sim-node-2');
    expect(scheduled('gpu-2')?.message).toBe(
      '0/2 nodes are available: 2 Insufficient nvidia.com/gpu. preemption: 0/2 nodes are available: 2 No preemption victims found for incoming pod.',
    );
    expect(scheduled('mem')?.message).toContain('2 Insufficient memory');
  });
});
